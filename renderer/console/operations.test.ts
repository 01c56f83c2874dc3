import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '@pileup-buster/client';
import { OPS } from './operations.js';

/** Protocol v2's own operations the console calls (not in the operations table). */
const PROTOCOL_OPERATIONS = ['state.snapshot'];

describe('the console operations (OPS)', () => {
  it("are all names of the server's operations table (the SDK's generated list) or protocol v2 built-ins", () => {
    // packages/client/test/generated.test.ts holds OPERATION_NAMES to the names the server serves.
    const known = new Set<string>([...OPERATION_NAMES, ...PROTOCOL_OPERATIONS]);
    for (const [action, name] of Object.entries(OPS))
      expect(known.has(name), `${action}: ${name}`).toBe(true);
  });
});
