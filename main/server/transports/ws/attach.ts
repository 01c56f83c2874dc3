import type { Attach } from '../../attachment.js';
import { attachWebSockets } from './hub.js';

/**
 * The WebSocket protocols as a server attachment: protocol v2 on `/ws/connect`, the original's protocol on
 * `/api/ws`, on the server's own port. Limits come from WS_* environment variables (limits.ts), resolved once at start-up.
 */
export const webSocketAttach: Attach = ({ httpServer, station, services, settings, log }) =>
  attachWebSockets(httpServer, { station, services, limits: settings.ws, log });
