import type { QueueUpdate } from '../../../shared/protocol/types.js';
import { countryOf } from '../format.js';

/** The waiting queue in order; the caller's own entry is marked. */
export function QueueList({
  queue,
  mine,
  paused,
}: {
  queue: QueueUpdate;
  mine: string | null;
  paused: boolean;
}) {
  const free = Math.max(0, queue.max_size - queue.total);
  return (
    <section className="card" aria-labelledby="queue-title" data-testid="queue">
      <h2 id="queue-title">
        Queue{' '}
        <span className="count">
          {queue.total}
          {queue.max_size > 0 ? ` / ${queue.max_size}` : ''}
        </span>
      </h2>
      {!queue.system_active ? (
        <p className="muted">The queue opens when the station is on the air.</p>
      ) : queue.queue.length === 0 ? (
        <p className="muted">Nobody is waiting{paused ? '.' : ': register and you are first!'}</p>
      ) : (
        <ol className="station-list">
          {queue.queue.map((entry) => (
            <li
              key={entry.callsign}
              className={entry.callsign === mine ? 'is-mine' : undefined}
              aria-current={entry.callsign === mine ? 'true' : undefined}
            >
              <span className="pos">{entry.position}</span>
              <span className="callsign">{entry.callsign}</span>
              <span className="muted">{countryOf(entry.qrz) ?? ''}</span>
              {entry.callsign === mine && <span className="you">you</span>}
            </li>
          ))}
        </ol>
      )}
      {queue.system_active && (
        <p className="muted small">
          {paused
            ? 'The queue is paused.'
            : free === 0 && queue.max_size > 0
              ? 'All places are taken.'
              : `${free} place${free === 1 ? '' : 's'} free.`}
        </p>
      )}
    </section>
  );
}
