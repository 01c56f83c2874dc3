/** docs/websocket-api.md against the code: every operation documented, nothing documented that does not exist. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findOperation, operations } from '../../../operations/table.js';
import { LEGACY_ADMIN, LEGACY_PUBLIC } from '../legacy/table.js';
import { isBuiltin, V2_BUILTINS } from '../v2/builtins.js';
import { BEGIN_MARK, END_MARK, renderOperationReference } from './reference.js';
import { registerSubsystemOperations } from '../../../compose.js';

// the whole table, as the running server has it
registerSubsystemOperations();

const DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../docs/websocket-api.md',
);
const doc = readFileSync(DOC, 'utf8');

function documentedOperations(): string[] {
  return [...doc.matchAll(/^#{3,4} `([a-z_]+(?:\.[a-z_]+)+)`$/gm)].map((m) => m[1]!);
}

describe('docs/websocket-api.md', () => {
  it('documents every operation of the table and of protocol v2, and nothing else', () => {
    const documented = documentedOperations();
    const expected = [...operations.map((o) => o.name), ...V2_BUILTINS.map((b) => b.name)];
    expect(
      documented.filter((d) => !expected.includes(d)),
      'documented but not existing',
    ).toEqual([]);
    expect(
      expected.filter((e) => !documented.includes(e)),
      'existing but not documented',
    ).toEqual([]);
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('names every alias', () => {
    for (const op of operations) for (const alias of op.aliases ?? []) expect(doc).toContain(`\`${alias}\``);
  });

  it('has an up-to-date generated reference (run: npx tsx main/server/transports/ws/docs/generate.ts)', () => {
    const start = doc.indexOf(BEGIN_MARK);
    const end = doc.indexOf(END_MARK) + END_MARK.length;
    expect(start).toBeGreaterThan(0);
    expect(doc.slice(start, end)).toBe(renderOperationReference());
  });

  it("documents every type of the original's protocol, each mapped onto existing operations", () => {
    for (const [type, entry] of Object.entries({ ...LEGACY_PUBLIC, ...LEGACY_ADMIN })) {
      expect(doc, type).toMatch(new RegExp(`^\\| (\`[a-z_]+\`, )*\`${type}\`[ ,]`, 'm'));
      for (const op of entry.operations)
        expect(findOperation(op) !== undefined || isBuiltin(op), op).toBe(true);
    }
  });
});

describe('docs/websocket-api.md event catalogue', () => {
  it('lists every event with its audience, and no other', async () => {
    const { ALL_EVENTS, audienceOf } = await import('../../../../../shared/protocol/events.js');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (public|admin) \|/gm)].map((m) => `${m[1]!} ${m[2]!}`);
    expect([...rows].sort()).toEqual(ALL_EVENTS.map((e) => `${e} ${audienceOf(e)}`).sort());
  });
});
