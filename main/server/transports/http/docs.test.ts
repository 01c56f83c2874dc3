import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOperation } from '../../operations/table.js';
import { ROUTES } from './routes.js';
import { registerSubsystemOperations } from '../../compose.js';

// the whole table, as the running server has it
registerSubsystemOperations();

const doc = readFileSync(new URL('../../../../docs/http-api.md', import.meta.url), 'utf8');

/** `| GET | \`/api/...\` | auth | \`operation\` |` rows of the catalogue. */
function documentedRoutes(): { method: string; path: string; operation: string }[] {
  const rows: { method: string; path: string; operation: string }[] = [];
  const re = /^\| (GET|POST|DELETE) \| `([^`]+)` \| [^|]+ \| `([a-z_.]+)` \|/gm;
  for (const m of doc.matchAll(re)) rows.push({ method: m[1]!, path: m[2]!, operation: m[3]! });
  return rows;
}

const docPath = (p: string): string => p.replace('*callsign', '{callsign}').replace(':id', '{id}');

describe('docs/http-api.md', () => {
  it('documents every route with its operation', () => {
    const documented = documentedRoutes().map((r) => `${r.method} ${r.path} ${r.operation}`);
    for (const r of ROUTES) expect(documented).toContain(`${r.method} ${docPath(r.path)} ${r.operation}`);
  });

  it('documents no route or operation that does not exist', () => {
    const real = new Set(ROUTES.map((r) => `${r.method} ${docPath(r.path)}`));
    for (const r of documentedRoutes()) {
      expect(real.has(`${r.method} ${r.path}`), `${r.method} ${r.path}`).toBe(true);
      expect(findOperation(r.operation), r.operation).toBeDefined();
    }
  });
});
