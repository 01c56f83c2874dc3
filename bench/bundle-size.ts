/**
 * Sums the gzipped size of the JavaScript the caller page loads (its entry script, the modules it preloads and
 * their static imports) from the built `dist/renderer/index.html`, and fails above the 150 KB budget.
 * Run after `npx vite build`: `npx tsx bench/bundle-size.ts [dist/renderer]`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 150 * 1024;

/** Script and modulepreload URLs named by an HTML page. */
export function scriptsInHtml(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) if (m[1]) urls.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g))
    if (m[1]) urls.add(m[1]);
  return [...urls];
}

/** Static imports of a built chunk (`import ... from "./x.js"` and `import "./x.js"`), not dynamic ones. */
export function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.js)["']/g)) {
    if (m[1]) out.push(m[1]);
  }
  return out;
}

export interface BundleReport {
  files: { file: string; bytes: number; gzip: number }[];
  totalGzip: number;
}

export function measure(distDir: string, page = 'index.html'): BundleReport {
  const html = readFileSync(join(distDir, page), 'utf8');
  const queue = scriptsInHtml(html).map((url) => join(distDir, url.replace(/^\//, '')));
  const seen = new Set<string>();
  const files: BundleReport['files'] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const content = readFileSync(file);
    files.push({ file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length });
    for (const spec of staticImports(content.toString('utf8'))) {
      queue.push(spec.startsWith('/') ? join(distDir, spec.slice(1)) : resolve(dirname(file), spec));
    }
  }
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1]?.endsWith('bundle-size.ts')) {
  const dist = resolve(process.argv[2] ?? 'dist/renderer');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No ${join(dist, 'index.html')}: run \`npx vite build\` first.`);
    process.exit(2);
  }
  const report = measure(dist);
  for (const f of report.files)
    console.log(`${f.file.slice(dist.length + 1)}  ${kb(f.bytes)}  gzip ${kb(f.gzip)}`);
  const ok = report.totalGzip <= BUDGET_BYTES;
  console.log(
    `caller page JavaScript: ${kb(report.totalGzip)} gzipped (budget ${kb(BUDGET_BYTES)}) ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
  process.exit(ok ? 0 : 1);
}
