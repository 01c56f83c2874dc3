import type { WorkedCaller } from '../../../shared/protocol/types.js';
import { relativeTime } from '../format.js';

const SHOWN = 10;

/** The most recently worked stations. */
export function WorkedList({
  worked,
  total,
  mine,
  now,
}: {
  worked: WorkedCaller[];
  total: number;
  mine: string | null;
  now: Date;
}) {
  return (
    <section className="card" aria-labelledby="worked-title" data-testid="worked">
      <h2 id="worked-title">
        Recently worked <span className="count">{total}</span>
      </h2>
      {worked.length === 0 ? (
        <p className="muted">No QSOs yet.</p>
      ) : (
        <ul className="station-list">
          {worked.slice(0, SHOWN).map((w) => (
            <li key={w.callsign} className={w.callsign === mine ? 'is-mine' : undefined}>
              <span className="callsign">{w.callsign}</span>
              <span className="muted">{w.country ?? w.dxcc?.entity ?? ''}</span>
              <span className="muted small when">
                {[w.band, w.mode].filter(Boolean).join(' ')} {relativeTime(w.worked_timestamp, now)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
