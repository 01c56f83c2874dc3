import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The data dir is the owner's only: it holds the QSO log, password hash, lookup credentials and cached names. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;

/** Every file the server keeps in its data dir. */
export const DATA_DIR_FILES = [
  'queue.db',
  'qsos.db',
  'state.db',
  'bans.db',
  'lookups.db',
  'config.json',
  'admin.json',
] as const;

/**
 * Makes the data dir 0700 and its data files 0600 (on systems with POSIX modes), whatever the umask or an
 * older version left: NeDB rewrites its files with the default mode when it compacts them.
 */
export async function secureDataDir(dataDir: string): Promise<void> {
  if (process.platform === 'win32') return;
  await fs.chmod(dataDir, DATA_DIR_MODE);
  for (const name of DATA_DIR_FILES) {
    await fs.chmod(path.join(dataDir, name), DATA_FILE_MODE).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
}
