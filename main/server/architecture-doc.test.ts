/**
 * docs/architecture.md against the tree: the server's part of its folder tree names every folder and top-level
 * module of main/server (and nothing that is gone), its "Layers" table lists the layers the layering test holds,
 * and the steps of "Adding an operation" and "Adding a subsystem" name files that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYERS } from './testing/layers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const doc = readFileSync(path.join(repo, 'docs/architecture.md'), 'utf8');
const serverDir = path.join(repo, 'main/server');

/** The lines of the tree under `  server/`, up to the next entry at its depth or above. */
function serverTree(): string[] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => /^ {2}server\/\s/.test(`${l} `));
  expect(start, 'the tree has a "  server/" entry').toBeGreaterThan(0);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('```') || /^ {0,3}\S/.test(line)) break;
    out.push(line);
  }
  return out;
}

/** The text of a section: from a line starting with `heading` to the next `**Adding` or `## ` line. */
function section(heading: string): string {
  const start = doc.indexOf(heading);
  expect(start, `docs/architecture.md has "${heading}"`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + heading.length);
  const end = rest.search(/\n(\*\*Adding|## )/);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Repository paths named in backticks (`main/…`, `renderer/…`, `packages/…`, `docs/…`), without arguments. */
function namedPaths(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const token = m[1]!.replace(/[.,:;)]+$/, '');
    if (/^(main|renderer|packages|docs|shared)\//.test(token)) out.add(token);
  }
  for (const m of text.matchAll(/npx tsx (\S+\.ts)/g)) out.add(m[1]!);
  return [...out].sort();
}

describe('docs/architecture.md', () => {
  it("the server's tree names every folder and top-level module of main/server, and nothing else", () => {
    const entries = serverTree()
      .map((l) => /^ {4}(\S+)/.exec(l)?.[1])
      .filter((e): e is string => e !== undefined);
    const actual = readdirSync(serverDir, { withFileTypes: true })
      .filter((d) => (d.isDirectory() ? true : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')))
      .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
      .sort();
    expect([...entries].sort()).toEqual(actual);
  });

  it('the transports sub-tree names what transports/ holds', () => {
    const tree = serverTree();
    const at = tree.findIndex((l) => /^ {4}transports\//.test(l));
    const entries: string[] = [];
    for (const line of tree.slice(at + 1)) {
      const m = /^ {6}(\S+)/.exec(line);
      if (m) entries.push(m[1]!);
      else if (/^ {4}\S/.test(line)) break;
    }
    const actual = readdirSync(path.join(serverDir, 'transports'), { withFileTypes: true })
      .filter((d) => d.isDirectory() || (d.name.endsWith('.ts') && !d.name.endsWith('.test.ts')))
      .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
      .sort();
    expect(entries.sort()).toEqual(actual);
  });

  it('the Layers table lists the layers the layering test holds', () => {
    const table = section('## Layers');
    const rows = new Map<string, string[]>();
    for (const m of table.matchAll(/^\| (\w+) \| ([^|]+) \|/gm)) {
      if (m[1] === 'layer') continue;
      rows.set(m[1]!, [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!).sort());
    }
    const expected = new Map(Object.entries(LAYERS).map(([k, v]) => [k, [...v].sort()]));
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(expected));
  });

  for (const heading of ['**Adding an operation**', '**Adding a subsystem**']) {
    it(`the steps of ${heading.replaceAll('*', '')} name files that exist`, () => {
      const paths = namedPaths(section(heading));
      expect(paths.length).toBeGreaterThan(5);
      const missing = paths.filter((p) => !existsSync(path.join(repo, p)));
      expect(missing).toEqual([]);
    });
  }

  it('"Adding a subsystem" names the places a subsystem plugs into, and they say what it says', () => {
    const steps = section('**Adding a subsystem**');
    const compose = readFileSync(path.join(serverDir, 'compose.ts'), 'utf8');
    for (const name of ['CONFIG_PARTS', 'SUBSYSTEM_OPERATIONS', 'SUBSYSTEM_ROUTES', 'buildSubsystems']) {
      expect(steps).toContain(`\`${name}\``);
      expect(compose).toContain(name);
    }
    const services = readFileSync(path.join(serverDir, 'services.ts'), 'utf8');
    expect(services).toContain('export interface SubsystemServices');
    expect(readFileSync(path.join(serverDir, 'config.ts'), 'utf8')).toContain('export interface ConfigPart');
  });
});
