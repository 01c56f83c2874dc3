import { z } from 'zod';
import type { Station } from '../domain/station.js';
import { OpError } from '../util/errors.js';
import type { Services } from '../services.js';

export type Transport = 'http' | 'ws-v2' | 'ws-legacy' | 'udp' | 'internal';

/** Who is calling and through what. Built by each transport adapter. */
export interface OpContext {
  station: Station;
  services: Services;
  /** The admin's username, or 'anonymous'. */
  actor: string;
  isAdmin: boolean;
  clientAddress: string;
  transport: Transport;
}

export interface Operation<
  S extends z.ZodType = z.ZodType,
  O = unknown,
  N extends string = string,
  A extends readonly string[] = readonly string[],
> {
  /** Dotted name, as in protocol v2 (e.g. "queue.register"). */
  name: N;
  /** Other names accepted for it (from the original's design documents). */
  aliases?: A;
  auth: 'public' | 'admin';
  summary: string;
  input: S;
  handler: (ctx: OpContext, input: z.infer<S>) => Promise<O>;
}

/**
 * Declares an operation. Its name and aliases keep their literal types, so the table's input and result types
 * stay known by name (`OperationTypes` in table.ts, from which the client SDK's types are generated).
 */
export function defineOperation<
  S extends z.ZodType,
  O,
  const N extends string,
  const A extends readonly string[] = readonly [],
>(op: Operation<S, O, N, A>): Operation<S, O, N, A> {
  return op;
}

/** Input for operations that take nothing: any object (extra keys ignored), or nothing at all. */
export const noInput = z
  .union([z.object({}).loose(), z.null(), z.undefined()])
  .transform(() => ({}) as Record<string, never>);

/** A callsign as it arrives; the Station validates the grammar and answers with its own codes. */
export const callsignField = z.string().max(64);

/** Turns a zod failure into the original's 422 shape: detail is a list of {loc, msg, type}. */
export function validationError(error: z.ZodError): OpError {
  const detail = error.issues.map((issue) => ({
    loc: ['body', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    msg: issue.message,
    type: issue.code,
  }));
  const first = detail[0];
  const where = first && first.loc.length > 1 ? ` (${first.loc.slice(1).join('.')})` : '';
  return new OpError('VALIDATION_ERROR', `Invalid input${where}: ${first?.msg ?? 'unknown problem'}`, {
    errors: detail,
  });
}
