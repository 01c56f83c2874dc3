import type { z } from 'zod';
import { OpError } from '../util/errors.js';
import { adminLogOperations } from './admin-log.js';
import { adminModerationOperations } from './admin-moderation.js';
import { adminNoShowOperations } from './admin-no-show.js';
import { adminQueueOperations } from './admin-queue.js';
import { adminStationOperations } from './admin-station.js';
import { validationError, type OpContext, type Operation } from './define.js';
import { positionOperations } from './positions.js';
import { publicOperations } from './public.js';
import { queueOperations } from './queue.js';

/**
 * The one table of operations. Every transport (HTTP routes, WebSocket protocol v2, the original's WebSocket
 * protocol, UDP integrations) maps its wire shapes onto these names. The core's operations are listed here;
 * subsystems (lookups, integrations, metrics) hand theirs over from the composition root through
 * `registerOperations`. Add an operation here (or to your subsystem's list), then its adapters.
 */
const declared = [
  ...publicOperations,
  ...queueOperations,
  ...adminQueueOperations,
  ...adminNoShowOperations,
  ...adminStationOperations,
  ...adminModerationOperations,
  ...adminLogOperations,
  ...positionOperations,
];

/**
 * The wire types of a set of operations: every accepted name (aliases included) with what it takes (`z.input` of
 * its schema) and what it answers (its handler's result). The composition root applies it to the whole set
 * (main/server/operation-types.ts), from which the client SDK's types are generated.
 */
export type OperationTypesOf<Op extends DeclaredLike> = {
  [O in Op as O['name'] | NonNullable<O['aliases']>[number]]: {
    input: z.input<O['input']>;
    result: Awaited<ReturnType<O['handler']>>;
  };
};
type DeclaredLike = {
  name: string;
  aliases?: readonly string[];
  input: z.ZodType;
  handler: (...args: never[]) => unknown;
};

/** Each of the core's operations with its own input schema, result type, name and aliases. */
export type CoreOperation = (typeof declared)[number];
/** The core's operations by name: what runOperation's callers (the transports' adapters) see. */
export type OperationTypes = OperationTypesOf<CoreOperation>;
export type OperationName = keyof OperationTypes;

const table: Operation[] = [...declared];

export const operations: readonly Operation[] = table;

const byName = new Map<string, Operation>();

/**
 * Adds operations to the table. Registering the same operation again changes nothing (every server started in
 * one process hands over the same subsystems); another operation under a name already taken is refused.
 */
export function registerOperations(ops: readonly Operation[]): void {
  for (const op of ops) {
    if (byName.get(op.name) === op) continue;
    for (const name of [op.name, ...(op.aliases ?? [])]) {
      if (byName.has(name)) throw new Error(`operation name "${name}" is declared twice`);
    }
    for (const name of [op.name, ...(op.aliases ?? [])]) byName.set(name, op);
    if (!table.includes(op)) table.push(op);
  }
}

for (const op of table) {
  for (const name of [op.name, ...(op.aliases ?? [])]) {
    if (byName.has(name)) throw new Error(`operation name "${name}" is declared twice`);
    byName.set(name, op);
  }
}

export function findOperation(name: string): Operation | undefined {
  return byName.get(name);
}

/** Every accepted name, aliases included. */
export function operationNames(): string[] {
  return [...byName.keys()].sort();
}

/**
 * Runs an operation by name: checks the caller's rights, parses the raw input with the operation's schema,
 * then calls the handler. Errors are OpErrors with stable codes.
 */
export async function runOperation<K extends OperationName>(
  name: K,
  ctx: OpContext,
  rawInput: unknown,
): Promise<OperationTypes[K]['result']>;
export async function runOperation(name: string, ctx: OpContext, rawInput: unknown): Promise<unknown>;
export async function runOperation(name: string, ctx: OpContext, rawInput: unknown): Promise<unknown> {
  try {
    return await runChecked(name, ctx, rawInput);
  } catch (err) {
    ctx.services.metrics.rejected(err);
    throw err;
  }
}

async function runChecked(name: string, ctx: OpContext, rawInput: unknown): Promise<unknown> {
  const op = byName.get(name);
  if (!op) throw new OpError('INVALID_REQUEST', `Unknown operation: ${name}`);
  if (op.auth === 'admin' && !ctx.isAdmin) {
    throw new OpError('AUTH_REQUIRED', `Operation ${op.name} needs admin authentication`);
  }
  const parsed = op.input.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error);
  return op.handler(ctx, parsed.data);
}
