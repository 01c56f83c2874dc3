export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, message: string) => void;

/** One line per message, UTC timestamp first. Nothing secret is ever passed to it. */
export function consoleLog(quiet = false): Log {
  return (level, message) => {
    if (quiet && level === 'info') return;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
    if (level === 'error') console.error(line);
    else console.log(line);
  };
}
