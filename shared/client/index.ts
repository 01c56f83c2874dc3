export { PileupClient } from './pileup-client.js';
export type {
  ConnectionState,
  PileupClientOptions,
  ReconnectOptions,
  RequestOptions,
} from './pileup-client.js';
export { PileupRequestError } from './errors.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { v2UrlFor, type WebSocketConstructor, type WebSocketLike } from './socket.js';
