/**
 * The layering rules of docs/architecture.md ("Layers"), checked on the import statements of every non-test
 * source file: no import circle in main/server; the core imports no subsystem and not the composition root;
 * subsystems import neither each other nor the root; the helpers below the core import nothing above them;
 * the renderer never imports main/, and shared/ imports neither. A failure names the files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, readImportGraph, type ModulePath } from './testing/import-graph.js';
import { LAYERS, type Layer } from './testing/layers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const graph = readImportGraph(repo, ['main', 'shared', 'renderer', 'packages/client/src']);
const SERVER = 'main/server/';

/** Which top-level part of main/server a module is in: `domain/`, `app.ts`, … */
function part(m: ModulePath): string {
  const rest = m.slice(SERVER.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? rest : rest.slice(0, slash + 1);
}

function layerOf(m: ModulePath): Layer | null {
  if (!m.startsWith(SERVER)) return null;
  const p = part(m);
  for (const [layer, parts] of Object.entries(LAYERS) as [Layer, readonly string[]][]) {
    if (parts.includes(p)) return layer;
  }
  return null;
}

/**
 * Imports that break a rule for a stated reason. Each entry is `from -> to` (repository paths).
 */
const ALLOWED = new Map<string, string>([
  [
    'main/server/transports/ws/docs/generate.ts -> main/server/compose.ts',
    // a script run by hand (npx tsx …/generate.ts), never by the server: it documents the whole table the
    // server serves, so it registers the subsystems' operations the way the server does
    'the reference generator needs the whole table',
  ],
]);

function offending(rule: (from: ModulePath, to: ModulePath) => boolean): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph.imports) {
    for (const to of targets) {
      if (rule(from, to) && !ALLOWED.has(`${from} -> ${to}`)) out.push(`${from} -> ${to}`);
    }
  }
  return out;
}

describe('the import graph', () => {
  it('is read: every part of main/server is in a layer, and the graph has the known edges', () => {
    const unplaced = graph.modules.filter((m) => m.startsWith(SERVER) && layerOf(m) === null);
    expect(unplaced).toEqual([]);
    // the reader sees plain, type-only and re-exporting imports alike
    expect(graph.imports.get('main/server/compose.ts')).toContain('main/server/app.ts');
    expect(graph.imports.get('main/server/lookup/types.ts')).toContain('main/server/domain/types.ts');
    expect(graph.imports.get('main/server/lookup/types.ts')).toContain('main/server/domain/no-lookup.ts');
  });

  it('finds a circle and names its modules (the checker itself can fail)', () => {
    const fake = {
      modules: ['a.ts', 'b.ts', 'c.ts', 'd.ts'],
      imports: new Map([
        ['a.ts', ['b.ts']],
        ['b.ts', ['c.ts']],
        ['c.ts', ['a.ts']],
        ['d.ts', ['a.ts']],
      ]),
    };
    expect(importCircles(fake, () => true)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has no import circle in main/server', () => {
    expect(importCircles(graph, (m) => m.startsWith(SERVER))).toEqual([]);
  });

  it('the core imports no subsystem and not the composition root', () => {
    const bad = offending((from, to) => {
      const a = layerOf(from);
      const b = layerOf(to);
      return a === 'core' && (b === 'subsystem' || b === 'root');
    });
    expect(bad).toEqual([]);
  });

  it('subsystems import neither each other nor the composition root', () => {
    const bad = offending((from, to) => {
      if (layerOf(from) !== 'subsystem') return false;
      const b = layerOf(to);
      return b === 'root' || (b === 'subsystem' && part(from) !== part(to));
    });
    expect(bad).toEqual([]);
  });

  it('the helpers below the core (util, security) import nothing above them', () => {
    const bad = offending((from, to) => {
      if (layerOf(from) !== 'support') return false;
      return layerOf(to) !== 'support' && to.startsWith(SERVER);
    });
    expect(bad).toEqual([]);
  });

  it('only tests and test helpers import the test helpers', () => {
    const bad = offending((from, to) => layerOf(to) === 'testing' && layerOf(from) !== 'testing');
    expect(bad).toEqual([]);
  });

  it('the server imports neither the desktop shell nor the renderer', () => {
    const bad = offending(
      (from, to) => from.startsWith(SERVER) && (to.startsWith('main/desktop/') || to.startsWith('renderer/')),
    );
    expect(bad).toEqual([]);
  });

  it('the renderer never imports main/, and shared/ imports neither main/ nor renderer/', () => {
    const bad = offending(
      (from, to) =>
        (from.startsWith('renderer/') && to.startsWith('main/')) ||
        (from.startsWith('shared/') && (to.startsWith('main/') || to.startsWith('renderer/'))),
    );
    expect(bad).toEqual([]);
  });
});
