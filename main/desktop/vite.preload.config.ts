/**
 * Bundles the sandboxed preload into one CommonJS file, `dist/main/desktop/preload.cjs`
 * (a sandboxed preload may require only 'electron', so its imports must be inlined).
 * Run: `vite build -c main/desktop/vite.preload.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../../dist/main/desktop', import.meta.url)),
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    target: 'chrome140',
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: {
      external: ['electron'],
    },
  },
});
