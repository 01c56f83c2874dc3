/**
 * The wire types of every operation the server serves: the core's table and the subsystems' operations that the
 * composition root (compose.ts) hands over. Types only (nothing here runs); the client SDK's operation types are
 * generated from `OperationTypes` (packages/client/scripts/generate-types.ts).
 */
import type { integrationOperations } from './integrations/operations.js';
import type { lookupOperations } from './lookup/operations.js';
import type { metricsOperations } from './metrics/operations.js';
import type { relayOperations } from './relay/operations.js';
import type { CoreOperation, OperationTypesOf } from './operations/table.js';

export type ServedOperation =
  | CoreOperation
  | (typeof integrationOperations)[number]
  | (typeof lookupOperations)[number]
  | (typeof metricsOperations)[number]
  | (typeof relayOperations)[number];

export type OperationTypes = OperationTypesOf<ServedOperation>;
