/**
 * The SDK as users get it: built, packed with `npm pack`, installed from the tarball into a fresh project outside
 * the repository, type-checked (a program that uses `request('admin.work_next')`'s result without casts) and run
 * against a real server.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../../shared/protocol/v2.js';
import { fakeLookup } from '../../../main/server/testing/fake-lookup.js';
import { startTestServer, TEST_ADMIN, type TestServer } from '../../../main/server/testing/test-server.js';
import { webSocketAttach } from '../../../main/server/transports/ws/attach.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(pkgDir, '../..');
const modules = path.join(repo, 'node_modules');
const tsc = path.join(modules, 'typescript/bin/tsc');
const work = mkdtempSync(path.join(tmpdir(), 'pb-sdk-'));
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

let tarball = '';
let t: TestServer;

beforeAll(async () => {
  run(process.execPath, [tsc, '-p', path.join(pkgDir, 'tsconfig.json')], pkgDir);
  const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], pkgDir);
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info!.filename);
  t = await startTestServer({ lookup: fakeLookup(), attach: [webSocketAttach] });
}, 180_000);

afterAll(async () => {
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('@pileup-buster/client as a package', () => {
  it('carries the protocol version as its major version', () => {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    expect(Number(pkg.version.split('.')[0])).toBe(PROTOCOL_VERSION);
  });

  it('packs only the built ESM, its .d.ts and the README, with no runtime dependency', () => {
    const files = run('tar', ['-tzf', tarball], work).trim().split('\n').sort();
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/README.md');
    expect(files.filter((f) => /\.test\.|\/src\/|\/scripts\/|\/test\//.test(f))).toEqual([]);
    const pkg = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], work)) as Record<
      string,
      unknown
    >;
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.type).toBe('module');
    const js = files.filter((f) => f.endsWith('.js')).map((f) => run('tar', ['-xzOf', tarball, f], work));
    expect(js.join('\n')).not.toMatch(/from ['"](zod|ws)['"]/);
  });

  it('installs into a fresh project, type-checks a logger without casts and runs it against a real server', async () => {
    const project = path.join(work, 'logger');
    cpSync(path.join(pkgDir, 'examples'), project, { recursive: true });
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'sdk-consumer', private: true, type: 'module' }),
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          types: ['node'],
          outDir: 'out',
          rootDir: '.',
          skipLibCheck: false,
        },
        include: ['logger.ts'],
      }),
    );
    // The tarball, and `ws` for Node 20 with its types, from this checkout (no registry needed).
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        tarball,
        path.join(modules, 'ws'),
        path.join(modules, '@types/ws'),
        path.join(modules, '@types/node'),
        path.join(modules, 'undici-types'),
      ],
      project,
    );
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], project);
    // Asynchronously: the server runs in this process and must keep answering.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['out/logger.js', t.url, TEST_ADMIN.username, TEST_ADMIN.password],
      { cwd: project, timeout: 60_000 },
    );
    expect(JSON.parse(stdout.trim())).toEqual({
      worked: 'W1AW',
      remaining: 0,
      message: 'Next callsign: W1AW is now in QSO',
      events: ['W1AW'],
    });
  }, 180_000);
});
