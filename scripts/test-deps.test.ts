import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./test-deps.sh', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'pb-test-deps-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

/** Runs the script with a PATH and tool locations that hide every tool (bash is called by absolute path). */
function run(args: string[], env: Record<string, string>) {
  return spawnSync('/bin/bash', [script, ...args], {
    env: {
      PATH: empty,
      SBIN_DIR: empty,
      NGINX_MODULES_DIR: empty,
      CHROMIUM_PATH: join(empty, 'nope'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

describe('scripts/test-deps.sh detection', () => {
  it('names every missing package, and CHROMIUM_PATH, in one line, and fails', () => {
    const r = run(['--check'], {});
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toEqual([
      'npm test needs Debian packages that are missing: as root run: apt-get install -y chromium libhamlib-utils ' +
        'nginx libnginx-mod-nchan caddy openssl xvfb (or set CHROMIUM_PATH to a Chromium binary)',
    ]);
  });

  it('leaves out what it finds: a CHROMIUM_PATH binary and tools on PATH', () => {
    const bin = mkdtempSync(join(empty, 'bin-'));
    symlinkSync('/bin/true', join(bin, 'rigctld'));
    symlinkSync('/bin/true', join(bin, 'xvfb-run'));
    const r = run(['--check'], { PATH: bin, CHROMIUM_PATH: '/bin/true' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'npm test needs Debian packages that are missing: as root run: apt-get install -y nginx libnginx-mod-nchan caddy openssl',
    );
  });

  it('passes silently when everything is there', () => {
    const bin = mkdtempSync(join(empty, 'all-'));
    for (const tool of ['rigctld', 'xvfb-run', 'nginx', 'caddy', 'openssl'])
      symlinkSync('/bin/true', join(bin, tool));
    symlinkSync('/bin/true', join(bin, 'ngx_nchan_module.so'));
    const r = run(['--check'], { PATH: bin, CHROMIUM_PATH: '/bin/true', NGINX_MODULES_DIR: bin });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe("README's test command, CI and the docs say the same", () => {
  const read = (rel: string): string =>
    readFileSync(fileURLToPath(new URL(`../${rel}`, import.meta.url)), 'utf8');
  const packages = /^packages=\(([^)]*)\)$/m.exec(read('scripts/test-deps.sh'))![1]!.trim().split(/\s+/);

  it('.ci/run is only npm ci and npm test', () => {
    const commands = read('.ci/run')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(commands).toEqual([
      'set -euo pipefail',
      'cd "$(dirname "$0")/.."',
      'npm ci --no-audit --no-fund',
      'npm test',
    ]);
    expect(JSON.parse(read('package.json')).scripts.test).toMatch(/^npm run test:deps && /);
  });

  it('README and docs/architecture.md name every package of scripts/test-deps.sh, and .ci/run as npm ci then npm test', () => {
    expect(packages.length).toBeGreaterThan(0);
    const readme = read('README.md');
    const tests = read('docs/architecture.md').split('\n## Tests\n')[1] ?? '';
    for (const [name, text] of [
      ['README.md', readme],
      ['docs/architecture.md (Tests)', tests],
    ] as const) {
      for (const pkg of packages) expect(text, `${name} names ${pkg}`).toContain(`\`${pkg}\``);
      expect(text, name).toContain('CHROMIUM_PATH');
      expect(text, name).toMatch(/`\.ci\/run`[^.]*`npm ci`[^.]*`npm test`/);
      expect(text, name).toContain('npm run test:unit');
    }
  });
});
