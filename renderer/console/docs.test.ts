import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from './shortcuts.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/console.md', import.meta.url)), 'utf8');

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
});
