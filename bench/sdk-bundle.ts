/**
 * The client SDK's browser bundle: a small logger page script (packages/client/examples/browser-logger.ts) built
 * for the browser with Vite (minified, ES2020), gzipped. Budget 15 KB. Run: `npx tsx bench/sdk-bundle.ts`.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

export const SDK_BUNDLE_BUDGET_BYTES = 15 * 1024;

const entry = fileURLToPath(new URL('../packages/client/examples/browser-logger.ts', import.meta.url));
const sdk = fileURLToPath(new URL('../packages/client/src/index.ts', import.meta.url));

export async function measureSdkBundle(): Promise<{ bytes: number; gzip: number; code: string }> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { alias: { '@pileup-buster/client': sdk } },
    build: {
      write: false,
      target: 'es2020',
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'logger' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const code = outputs
    .flatMap((o) => o.output)
    .filter((c): c is Rollup.OutputChunk => c.type === 'chunk')
    .map((c) => c.code)
    .join('\n');
  return { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, code };
}

if (process.argv[1]?.endsWith('sdk-bundle.ts')) {
  const r = await measureSdkBundle();
  const ok = r.gzip <= SDK_BUNDLE_BUDGET_BYTES;
  console.log(
    `SDK browser logger: ${(r.bytes / 1024).toFixed(1)} KB minified, ${(r.gzip / 1024).toFixed(1)} KB gzipped ` +
      `(budget ${SDK_BUNDLE_BUDGET_BYTES / 1024} KB) ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
  process.exit(ok ? 0 : 1);
}
