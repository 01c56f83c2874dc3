/**
 * Errors that cross a transport: a stable machine code, a human message and the HTTP status that carries it.
 * The HTTP adapter answers `{detail: message, code}`; WebSocket adapters answer `error` / `error_code`.
 */
export const ERROR_CODES = {
  CALLSIGN_REQUIRED: 400,
  INVALID_CALLSIGN: 400,
  ALREADY_QUEUED: 400,
  QUEUE_FULL: 400,
  VALIDATION_ERROR: 422,
  INVALID_JSON: 400,
  INVALID_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SYSTEM_INACTIVE: 503,
  QUEUE_PAUSED: 503,
  LOGGER_DISABLED: 503,
  CALLSIGN_BANNED: 403,
  COOLDOWN: 429,
  RATE_LIMITED: 429,
  AUTH_REQUIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  INVALID_SECRET: 403,
  MISDIRECTED_REQUEST: 421,
  UNSUPPORTED_TYPE: 400,
  STORE_UNAVAILABLE: 503,
  TOO_MANY_CONNECTIONS: 503,
  CONFLICT: 409,
  INTERNAL_ERROR: 500,
  CTY_INVALID: 400,
  CTY_TOO_SMALL: 400,
  CTY_UNKNOWN_FORMAT: 400,
  CTY_TOO_LARGE: 413,
  LOOKUP_UNAVAILABLE: 503,
  ADIF_INVALID: 400,
  ADIF_TOO_LARGE: 413,
  // multi-station operation (domain/positions/)
  SLOT_ALREADY_WORKED: 409,
  ALREADY_QUEUED_ELSEWHERE: 409,
  POSITION_NOT_FOUND: 404,
  POSITION_NAME_TAKEN: 409,
  POSITION_ID_TAKEN: 409,
  DEFAULT_POSITION_UNDELETABLE: 409,
  POSITION_NOT_EMPTY: 409,
  TOO_MANY_POSITIONS: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class OpError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'OpError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.details = details;
  }
}

export function isOpError(err: unknown): err is OpError {
  return err instanceof OpError;
}
