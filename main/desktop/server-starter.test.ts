import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopServerStarter } from './server-starter.js';
import type { DesktopServer } from './lifecycle.js';

const dirs: string[] = [];
let server: DesktopServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('desktopServerStarter', () => {
  it('starts the real server in the given data dir, with an admin token that the server accepts', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pb-desktop-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    const start = desktopServerStarter({
      argv: ['/opt/pileup-buster', '--no-sandbox', '--port', '0', '--host', '127.0.0.1'],
      env: { ADMIN_PASSWORD: 'desktop-test-password' },
      log: (_level, message) => lines.push(message),
    });
    server = await start({ dataDir });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.generatedPassword).toBeNull();
    expect(lines).toContain(`data dir ${dataDir}`);

    const token = server.createLocalAdminToken();
    const authorised = await fetch(`http://127.0.0.1:${server.port}/api/admin/queue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(authorised.status).toBe(200);
    const refused = await fetch(`http://127.0.0.1:${server.port}/api/admin/queue`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
  });
});
