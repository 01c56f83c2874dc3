import { OpError } from '../util/errors.js';
import { adminLogOperations } from './admin-log.js';
import { adminModerationOperations } from './admin-moderation.js';
import { adminQueueOperations } from './admin-queue.js';
import { adminStationOperations } from './admin-station.js';
import { validationError, type OpContext, type Operation } from './define.js';
import { publicOperations } from './public.js';
import { queueOperations } from './queue.js';

/**
 * The one table of operations. Every transport (HTTP routes, WebSocket protocol v2, the original's WebSocket
 * protocol, UDP integrations) maps its wire shapes onto these names. The core's operations are listed here;
 * subsystems (lookups, integrations, metrics) hand theirs over from the composition root through
 * `registerOperations`. Add an operation here (or to your subsystem's list), then its adapters.
 */
const table: Operation[] = [
  ...publicOperations,
  ...queueOperations,
  ...adminQueueOperations,
  ...adminStationOperations,
  ...adminModerationOperations,
  ...adminLogOperations,
] as Operation[];

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
export async function runOperation(name: string, ctx: OpContext, rawInput: unknown): Promise<unknown> {
  try {
    return await runChecked(name, ctx, rawInput);
  } catch (err) {
    ctx.services.metrics?.rejected(err);
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
