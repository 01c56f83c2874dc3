/** Operation names and their input and result types, from the generated table (src/generated/operations.ts). */
import type { Operations } from './generated/operations.js';

export type { Operations } from './generated/operations.js';
export { OPERATION_NAMES } from './generated/operations.js';

/** A name the server's operations table knows (aliases included). */
export type OperationName = keyof Operations;
/** What `request(name, data)` takes as `data`. */
export type OperationInput<K extends OperationName> = Operations[K]['input'];
/** What `request(name)` resolves with: the operation's result (the `data` of its response). */
export type OperationResult<K extends OperationName> = Operations[K]['result'];
