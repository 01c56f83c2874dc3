import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '@pileup-buster/client';
import { registerSubsystemOperations } from '../../main/server/compose.js';
import { operationNames } from '../../main/server/operations/table.js';
import { V2_BUILTINS } from '../../main/server/transports/ws/v2/builtins.js';
import { OPS } from './operations.js';

describe('the console operations (OPS)', () => {
  it('are all names the server serves: of its operations table, or protocol v2 built-ins', () => {
    registerSubsystemOperations();
    const served = new Set([...operationNames(), ...V2_BUILTINS.map((b) => b.name)]);
    const typed = new Set<string>([...OPERATION_NAMES, ...V2_BUILTINS.map((b) => b.name)]);
    for (const [action, name] of Object.entries(OPS)) {
      expect(served.has(name), `${action}: ${name}`).toBe(true);
      expect(typed.has(name), `${action}: ${name} has SDK types`).toBe(true);
    }
  });
});
