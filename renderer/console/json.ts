/** Small readers for server answers typed `unknown`: each returns a typed value or a fallback, never throws. */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `value`, or an empty one. */
export function record(value: unknown): Json {
  return isRecord(value) ? value : {};
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A count: a finite number, else 0. */
export function count(value: unknown): number {
  return num(value) ?? 0;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function bool(value: unknown): boolean {
  return value === true;
}

/** `{code, message, at}` as the server reports errors of subsystems, or null. */
export interface ReportedError {
  code: string;
  message: string;
  /** ISO 8601 UTC, or null when the server did not say. */
  at: string | null;
}

export function reportedError(value: unknown): ReportedError | null {
  if (!isRecord(value)) return null;
  const code = str(value.code);
  const message = str(value.message);
  if (code === null && message === null) return null;
  return { code: code ?? 'ERROR', message: message ?? '', at: str(value.at) };
}

/** `{CODE: n}` as a list, largest first (then by code). */
export function countsByCode(value: unknown): Array<{ code: string; count: number }> {
  if (!isRecord(value)) return [];
  return Object.entries(value)
    .map(([code, n]) => ({ code, count: count(n) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
