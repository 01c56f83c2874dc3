import { readFileSync } from 'node:fs';

/** package.json sits two folders up in source (main/server) and three in the build (dist/main/server). */
function readVersion(): string {
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'pileup-buster-desktop' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return '0.0.0';
}

/** The server's version, from package.json. */
export const VERSION = readVersion();
