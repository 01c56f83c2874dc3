export { attachWebSockets, type WsAttachment } from './hub.js';
export { DEFAULT_WS_LIMITS, wsLimitsFromEnv, type WsLimits } from './limits.js';
export type { WsDeps, WsLog } from './shared.js';
export { webSocketAttach } from './attach.js';
