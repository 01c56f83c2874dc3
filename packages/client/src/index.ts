/**
 * @pileup-buster/client: the typed client for the Pileup Buster queue server's WebSocket protocol v2.
 * See README.md; the wire types are generated from the server's own declarations.
 */
export { PileupClient } from './pileup-client.js';
export type {
  ConnectionState,
  PileupClientOptions,
  ReconnectOptions,
  RequestOptions,
  SubscribeOptions,
  V2EventName,
} from './pileup-client.js';
export { PileupRequestError, type PileupErrorCode } from './errors.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { v2UrlFor, type WebSocketConstructor, type WebSocketLike } from './socket.js';
export { OPERATION_NAMES } from './operations.js';
export type { OperationInput, OperationName, OperationResult, Operations } from './operations.js';
export { PROTOCOL_VERSION } from './generated/protocol.js';
export type {
  AuthData,
  AuthResult,
  EventFrame,
  PongFrame,
  ResponseFrame,
  PositionSnapshot,
  StateSnapshot,
  SubscribeResult,
  SystemInfo,
  V2ErrorCode,
  V2EventMap,
} from './generated/protocol.js';
export type { ServerFrame } from './frames.js';
export { followPublicState } from './public-state.js';
export type { PublicStateFollower, PublicStateSource } from './public-state.js';
export {
  WORKED_KEEP,
  applyPublicEvent,
  applyPublicSnapshot,
  emptyPublicState,
  isPublicEventName,
  parsePublicSnapshot,
} from './generated/public-state.js';
export type { PublicEventMessage, PublicEventName, PublicState } from './generated/public-state.js';
export { PUBLIC_EVENTS } from './generated/events.js';
export type { EventPayloads } from './generated/events.js';
export { followPositionsState } from './positions-state.js';
export type { PositionsStateFollower, PositionsStateSource } from './positions-state.js';
export {
  applyPositionList,
  applyPositionSnapshot,
  applyPositionsEvent,
  emptyPositionsState,
  parsePositionsSnapshot,
} from './generated/positions-state.js';
export type { PositionEntry, PositionsEventMessage, PositionsState } from './generated/positions-state.js';
