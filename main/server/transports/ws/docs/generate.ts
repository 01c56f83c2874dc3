/** Rewrites the generated operation reference in docs/websocket-api.md: `npx tsx main/server/transports/ws/docs/generate.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { withFreshReference } from './reference.js';
import { registerSubsystemOperations } from '../../../compose.js';

// the whole table, as the running server has it
registerSubsystemOperations();

export const DOC_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../docs/websocket-api.md',
);

writeFileSync(DOC_PATH, withFreshReference(readFileSync(DOC_PATH, 'utf8')));
console.log(`updated ${DOC_PATH}`);
