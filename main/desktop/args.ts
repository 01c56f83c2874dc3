/**
 * The server options a user may pass to the desktop app (`pileup-buster --port 8001`), picked out of Electron's
 * command line, which also holds the executable, the app path and Chromium switches.
 */
const SERVER_OPTIONS = new Set(['port', 'host', 'data-dir', 'max-queue-size', 'registration-rate']);

export function serverArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    if (!SERVER_OPTIONS.has(name)) continue;
    if (eq > 0) {
      out.push(arg);
      continue;
    }
    const value = argv[i + 1];
    if (value !== undefined && !value.startsWith('--')) {
      out.push(arg, value);
      i += 1;
    }
  }
  return out;
}

/** The arguments for `loadConfig`: the user's server options, with the app's userData as the default data dir. */
export function desktopServerArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  userData: string,
): string[] {
  const picked = serverArgs(argv);
  const hasDataDir = picked.some((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='));
  return hasDataDir || env.DATA_DIR ? picked : ['--data-dir', userData, ...picked];
}
