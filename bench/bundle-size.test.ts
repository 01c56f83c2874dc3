import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measure, scriptsInHtml, staticImports } from './bundle-size.js';

describe('bundle-size', () => {
  it('finds entry scripts and modulepreloads', () => {
    const html =
      '<script type="module" crossorigin src="/assets/caller-1.js"></script><link rel="modulepreload" crossorigin href="/assets/react-2.js">';
    expect(scriptsInHtml(html)).toEqual(['/assets/caller-1.js', '/assets/react-2.js']);
  });

  it('follows static imports but not dynamic ones', () => {
    expect(
      staticImports('import{a as b}from"./react-2.js";import"./side.js";const m=import("./lazy.js");'),
    ).toEqual(['./react-2.js', './side.js']);
  });

  it('sums the gzip sizes of the files the page loads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<script type="module" src="/assets/a.js"></script>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'import"./b.js";' + 'x'.repeat(1000));
    writeFileSync(join(dir, 'assets', 'b.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'unused.js'), 'y'.repeat(5000));
    const report = measure(dir);
    expect(report.files.map((f) => f.file.slice(dir.length))).toEqual(['/assets/a.js', '/assets/b.js']);
    expect(report.totalGzip).toBe(report.files[0]!.gzip + report.files[1]!.gzip);
  });
});
