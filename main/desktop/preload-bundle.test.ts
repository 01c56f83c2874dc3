import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { IPC_CHANNELS } from '../../shared/desktop/ipc-channels.js';

const configFile = fileURLToPath(new URL('./vite.preload.config.ts', import.meta.url));
const outDir = mkdtempSync(path.join(os.tmpdir(), 'pb-preload-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    await build({ configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    const code = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain(IPC_CHANNELS.getDesktopConfig);
    expect(code).toContain(IPC_CHANNELS.openExternal);
    expect(code).toContain('exposeInMainWorld');
  });
});
