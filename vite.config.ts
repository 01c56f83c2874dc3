import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./renderer/', import.meta.url));
const callerPage = fileURLToPath(new URL('./renderer/index.html', import.meta.url));
const consolePage = fileURLToPath(new URL('./renderer/console/index.html', import.meta.url));

/** Multi-page build: the caller page at `/`, and the operator console at `/console/` once it exists. */
const input: Record<string, string> = { caller: callerPage };
if (existsSync(consolePage)) input.console = consolePage;

/** After a build, prints the gzipped JavaScript the caller page loads (entry chunk plus its static imports). */
function callerBundleReport(): Plugin {
  return {
    name: 'caller-bundle-report',
    apply: 'build',
    writeBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[] }>();
      let entry: string | null = null;
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.set(fileName, { code: item.code, imports: item.imports });
        if (item.isEntry && item.facadeModuleId === callerPage) entry = fileName;
      }
      if (!entry) return;
      const seen = new Set<string>();
      const pending = [entry];
      let gzip = 0;
      while (pending.length > 0) {
        const name = pending.pop()!;
        const chunk = chunks.get(name);
        if (seen.has(name) || !chunk) continue;
        seen.add(name);
        gzip += gzipSync(chunk.code).length;
        pending.push(...chunk.imports);
      }
      const kb = (gzip / 1024).toFixed(1);
      console.log(`caller page JavaScript: ${kb} KB gzipped in ${seen.size} file(s) (budget 150 KB)`);
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  publicDir: fileURLToPath(new URL('./renderer/public/', import.meta.url)),
  plugins: [react(), callerBundleReport()],
  resolve: {
    // the client SDK package from its sources (packages/client), as tsconfig.json's paths do
    alias: {
      '@pileup-buster/client': fileURLToPath(new URL('./packages/client/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    reportCompressedSize: true,
    rollupOptions: { input },
  },
  server: {
    // `npx vite` for page work: the API comes from a running server (npm run server).
    proxy: { '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false } },
  },
});
