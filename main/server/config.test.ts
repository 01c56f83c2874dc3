import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ConfigStore, DEFAULTS, loadConfig, parseArgs } from './config.js';
import { AdminAuth } from './security/admin-auth.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pb-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const paths = { staticDir: '/nowhere', resourcesDir: '/nowhere' };

describe('configuration', () => {
  it('parses --name value and --name=value', () => {
    expect(parseArgs(['--port', '9000', '--host=127.0.0.1', '--help'])).toEqual({
      port: '9000',
      host: '127.0.0.1',
      help: 'true',
    });
    expect(() => parseArgs(['9000'])).toThrow(ConfigError);
  });

  it('defaults, then the config file, then the environment, then the command line', async () => {
    const dir = tmp();
    const base = await loadConfig(['--data-dir', dir], {}, paths);
    expect(base).toMatchObject({
      port: DEFAULTS.port,
      host: '0.0.0.0',
      maxQueueSize: 50,
      workedWindowHours: 72,
    });
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ port: 8100, max_queue_size: 20, host: '127.0.0.1' }),
    );
    const file = await loadConfig(['--data-dir', dir], {}, paths);
    expect(file).toMatchObject({ port: 8100, maxQueueSize: 20, host: '127.0.0.1' });
    const env = await loadConfig(
      [],
      { DATA_DIR: dir, PORT: '8200', MAX_QUEUE_SIZE: '4', HOST: '::1' },
      paths,
    );
    expect(env).toMatchObject({ port: 8200, maxQueueSize: 4, host: '::1', dataDir: dir });
    const cli = await loadConfig(['--port', '8300', '--data-dir', dir], { PORT: '8200' }, paths);
    expect(cli.port).toBe(8300);
  });

  it('refuses invalid numbers with the name of the setting', async () => {
    const dir = tmp();
    await expect(loadConfig(['--data-dir', dir], { MAX_QUEUE_SIZE: 'lots' }, paths)).rejects.toThrow(
      /MAX_QUEUE_SIZE must be a whole number/,
    );
    await expect(loadConfig(['--data-dir', dir, '--port', '70000'], {}, paths)).rejects.toThrow(/port/);
  });

  it('a damaged config file is kept aside as config.json.corrupt-<time> (like every data file) and defaults are used', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'config.json'), '{"port": "eighty"');
    const warnings: string[] = [];
    const c = await loadConfig(['--data-dir', dir], {}, paths, (m) => warnings.push(m));
    expect(c.port).toBe(DEFAULTS.port);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
    expect(warnings.join(' ')).toMatch(/not valid JSON/);
  });

  it('ConfigStore writes atomically with owner-only permissions', async () => {
    const dir = tmp();
    const store = new ConfigStore(dir, { port: 8000 });
    await store.update({ max_queue_size: 9 });
    const file = path.join(dir, 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ port: 8000, max_queue_size: 9 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('admin credentials', () => {
  it('without ADMIN_PASSWORD the first start generates a password, stores only its scrypt hash, shows it once', async () => {
    const dir = tmp();
    const first = await AdminAuth.open({ dataDir: dir, username: 'admin' });
    const password = first.generatedPassword!;
    expect(password).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    const stored = readFileSync(path.join(dir, 'admin.json'), 'utf8');
    expect(stored).not.toContain(password);
    expect(JSON.parse(stored)).toMatchObject({ algorithm: 'scrypt', username: 'admin' });
    expect(statSync(path.join(dir, 'admin.json')).mode & 0o777).toBe(0o600);
    await expect(first.verifyPassword('admin', password, 'a')).resolves.toEqual({ username: 'admin' });

    const second = await AdminAuth.open({ dataDir: dir, username: 'admin' });
    expect(second.generatedPassword).toBe(null);
    await expect(second.verifyPassword('admin', password, 'a')).resolves.toEqual({ username: 'admin' });
    for (const guess of ['admin', 'admin123', 'password', '']) {
      await expect(second.verifyPassword('admin', guess, `b-${guess}`)).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }
  });

  it('password change, tokens, revocation and expiry', async () => {
    const dir = tmp();
    let now = 1_000_000;
    const auth = await AdminAuth.open({ dataDir: dir, username: 'op', now: () => now, tokenTtlMs: 60_000 });
    const pw = auth.generatedPassword!;
    const { token } = auth.createToken();
    expect(auth.verifyToken(token)).toEqual({ username: 'op' });
    await expect(auth.verifyHeader(`Bearer ${token}`, 'x')).resolves.toEqual({ username: 'op' });
    expect(auth.verifyToken(`${token}x`)).toBe(null);
    now += 61_000;
    expect(auth.verifyToken(token)).toBe(null);
    const t2 = auth.createToken().token;
    expect(auth.revokeToken(t2)).toBe(true);
    expect(auth.verifyToken(t2)).toBe(null);

    await expect(auth.changePassword('wrong', 'new-password-1', 'c')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    await expect(auth.changePassword(pw, 'short', 'c')).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await auth.changePassword(pw, 'new-password-1', 'c');
    const reopened = await AdminAuth.open({ dataDir: dir, username: 'op' });
    await expect(reopened.verifyPassword('op', 'new-password-1', 'd')).resolves.toEqual({ username: 'op' });
    await expect(reopened.verifyPassword('op', pw, 'e')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
  });
});
