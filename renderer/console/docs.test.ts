import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_READS, CONSOLE_ACTIONS } from './action-list.js';
import { OPS } from './operations.js';
import { SHORTCUTS } from './shortcuts.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/console.md', import.meta.url)), 'utf8');

/** The console's own sources (components and modules), without tests and the OPS table itself. */
function consoleSources(): string {
  const dirs = [new URL('./', import.meta.url), new URL('./components/', import.meta.url)];
  return dirs
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
        .filter(
          (f) => !['operations.ts', 'action-list.ts', 'testing-client.ts', 'testing-fixtures.ts'].includes(f),
        )
        .map((f) => readFileSync(new URL(f, dir), 'utf8')),
    )
    .join('\n');
}

describe('docs/console.md', () => {
  it('lists every keyboard shortcut with its description', () => {
    for (const shortcut of SHORTCUTS) {
      const keys = shortcut.label
        .split(' / ')
        .map((key) => `\`${key}\``)
        .join(' / ');
      expect(doc, shortcut.action).toContain(`| ${keys} | ${shortcut.description} |`);
    }
  });

  it('names every action of the console in bold', () => {
    const missing = CONSOLE_ACTIONS.filter(
      (a) => !doc.includes(`**${a.label}**`) && !doc.includes(`**${a.label}…**`),
    ).map((a) => `${a.area}: ${a.label}`);
    expect(missing).toEqual([]);
  });

  it('the action list is the console: each label is in its markup, each operation it calls has an action', () => {
    const sources = consoleSources();
    const notInUi = CONSOLE_ACTIONS.filter((a) => !sources.includes(a.label)).map((a) => a.label);
    expect(notInUi, 'labels the console does not show').toEqual([]);
    const covered = new Set([...CONSOLE_ACTIONS.flatMap((a) => a.operations), ...BACKGROUND_READS]);
    const orphans = Object.values(OPS).filter((op) => !covered.has(op));
    expect(orphans, 'operations without an action (and so without docs)').toEqual([]);
    // and OPS holds only what the console really calls
    const unused = Object.keys(OPS).filter((key) => !new RegExp(`OPS\\.${key}\\b`).test(sources));
    expect(unused, 'OPS entries the console never calls').toEqual([]);
  });
});
