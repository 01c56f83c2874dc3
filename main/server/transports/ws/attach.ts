import type { Attach } from '../../attachment.js';
import { attachWebSockets } from './hub.js';
import { wsLimitsFromEnv } from './limits.js';

/**
 * The WebSocket protocols as a server attachment: protocol v2 on `/ws/connect`, the original's protocol on
 * `/api/ws`, on the server's own port. Limits come from WS_* environment variables (see limits.ts).
 */
export const webSocketAttach: Attach = ({ httpServer, station, services, config, log }) =>
  attachWebSockets(httpServer, { station, services, limits: wsLimitsFromEnv(config.env), log });
