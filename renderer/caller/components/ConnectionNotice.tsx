import type { Connection } from '../state.js';

/** Tells the caller when live updates stop; clears by itself when they come back. */
export function ConnectionNotice({ connection, hasData }: { connection: Connection; hasData: boolean }) {
  if (connection === 'live') return null;
  const text =
    connection === 'connecting' && !hasData
      ? 'Connecting to the station…'
      : 'Live updates interrupted, reconnecting…';
  return (
    <div className="connection-notice" role="status" data-testid="connection-notice">
      <span className="spinner" aria-hidden="true" />
      {text}
    </div>
  );
}
