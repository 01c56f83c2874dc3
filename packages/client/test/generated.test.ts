/** The SDK's generated wire types and README list match the server's declarations (run the generator if not). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerSubsystemOperations } from '../../../main/server/compose.js';
import { operationNames } from '../../../main/server/operations/table.js';
import { OPERATION_NAMES } from '../src/generated/operations.js';
import { expectedFiles } from '../scripts/generate-types.js';

describe('packages/client generated files', () => {
  it('are up to date (run: npx tsx packages/client/scripts/generate-types.ts)', () => {
    for (const [file, text] of expectedFiles()) {
      expect(readFileSync(file, 'utf8'), file).toBe(text);
    }
  }, 120_000);

  it('type every operation the server serves (main/server/operation-types.ts lists every subsystem)', () => {
    registerSubsystemOperations();
    expect([...OPERATION_NAMES]).toEqual(operationNames());
  });
});
