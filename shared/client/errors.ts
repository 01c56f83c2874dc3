/** A failed protocol v2 request: the server's `error_code` and `error`, or a client-side code. */
export class PileupRequestError extends Error {
  /** Stable code: the server's `error_code`, or TIMEOUT / CONNECTION_CLOSED / CLIENT_CLOSED from the SDK. */
  readonly code: string;
  readonly operation: string;
  /** Seconds to wait before retrying, when the server said so (RATE_LIMITED, COOLDOWN). */
  readonly retryAfterS: number | undefined;

  constructor(code: string, message: string, operation: string, retryAfterS?: number) {
    super(message);
    this.name = 'PileupRequestError';
    this.code = code;
    this.operation = operation;
    this.retryAfterS = retryAfterS;
  }
}
