/**
 * The outcome of decoding one packet or document from a logger, a radio or a file.
 * Parsers never throw on bad input: they return a rejection with a stable UPPER_SNAKE code.
 */
export interface Rejection<C extends string = string> {
  ok: false;
  code: C;
  message: string;
}

export interface Accepted<T> {
  ok: true;
  value: T;
}

export type ParseResult<T, C extends string = string> = Accepted<T> | Rejection<C>;

export function accept<T>(value: T): Accepted<T> {
  return { ok: true, value };
}

export function reject<C extends string>(code: C, message: string): Rejection<C> {
  return { ok: false, code, message };
}
