/**
 * The part of the shared client SDK (`PileupClient`, protocol v2) the console uses. The console depends on
 * this interface only, so tests and previews can hand it a fake.
 */
import { PileupClient, v2UrlFor } from '@pileup-buster/client';
import type { ConnectionState, OperationInput, OperationName, OperationResult } from '@pileup-buster/client';
import type {
  AuthData,
  AuthResult,
  EventFrame,
  StateSnapshot,
  SubscribeResult,
} from '../../shared/protocol/v2.js';

export type { ConnectionState };

export interface ConsoleClient {
  readonly token: string | null;
  connect(): Promise<void>;
  close(): void;
  /** Typed by the server's operations table (as the SDK is); protocol built-ins take a result type argument. */
  request<K extends OperationName>(operation: K, data?: OperationInput<K>): Promise<OperationResult<K>>;
  request<T = unknown>(operation: string, data?: Record<string, unknown>): Promise<T>;
  auth(creds: AuthData): Promise<AuthResult>;
  logout(): Promise<void>;
  /** `positions`: the operating positions whose events come too (ids, or "all"). */
  subscribe(events?: string[], opts?: { positions?: string[] | 'all' }): Promise<SubscribeResult>;
  onEvent(handler: (frame: EventFrame) => void): () => void;
  onConnectionChange(handler: (state: ConnectionState) => void): () => void;
  onSnapshot(handler: (snapshot: StateSnapshot) => void): () => void;
  onAuthLost(handler: (error: Error) => void): () => void;
}

/** A client for the server at `baseUrl` (http(s) origin of the console page or the desktop's server). */
export function createConsoleClient(baseUrl: string): ConsoleClient {
  return new PileupClient({ url: v2UrlFor(baseUrl), requestTimeoutMs: 10_000 });
}

/** A readable message for a failed request (the SDK's PileupRequestError carries the server's text). */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}

/** The stable error code of a failed request, when there is one. */
export function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : null;
  }
  return null;
}
