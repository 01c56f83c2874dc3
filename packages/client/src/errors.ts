import type { V2ErrorCode } from './generated/protocol.js';

/**
 * Codes a failed request can carry: the server's documented codes, the SDK's own (TIMEOUT, CONNECTION_CLOSED,
 * CLIENT_CLOSED, NOT_CONNECTED), or a code a newer server added (the list is open: treat unknown codes as a
 * generic failure).
 */
export type PileupErrorCode =
  V2ErrorCode | 'CONNECTION_CLOSED' | 'CLIENT_CLOSED' | 'NOT_CONNECTED' | (string & Record<never, never>);

/** A failed protocol v2 request: the server's `error_code` and `error`, or a client-side code. */
export class PileupRequestError extends Error {
  /** Stable code: the server's `error_code`, or TIMEOUT / CONNECTION_CLOSED / CLIENT_CLOSED from the SDK. */
  readonly code: PileupErrorCode;
  readonly operation: string;
  /** Seconds to wait before retrying, when the server said so (RATE_LIMITED, COOLDOWN). */
  readonly retryAfterS: number | undefined;

  constructor(code: PileupErrorCode, message: string, operation: string, retryAfterS?: number) {
    super(message);
    this.name = 'PileupRequestError';
    this.code = code;
    this.operation = operation;
    this.retryAfterS = retryAfterS;
  }
}
