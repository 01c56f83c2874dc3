import type { CurrentQso } from '../../../shared/protocol/types.js';
import { countryOf, relativeTime } from '../format.js';
import { Avatar } from './Avatar.js';

/** The station being worked right now. */
export function CurrentQsoCard({
  qso,
  active,
  mine,
  now,
}: {
  qso: CurrentQso | null;
  active: boolean;
  mine: boolean;
  now: Date;
}) {
  return (
    <section
      className={`card current-qso${mine ? ' is-mine' : ''}`}
      aria-labelledby="current-qso-title"
      data-testid="current-qso"
    >
      <h2 id="current-qso-title">Now working</h2>
      {!active ? (
        <p className="muted">The station is off the air.</p>
      ) : !qso ? (
        <p className="muted">No QSO right now: waiting for the next station.</p>
      ) : (
        <div className="qso-body">
          <Avatar image={qso.qrz.image} callsign={qso.callsign} size="large" />
          <div>
            <p className="callsign callsign-big" data-testid="current-callsign">
              {qso.callsign}
            </p>
            {qso.qrz.name && <p className="qso-name">{qso.qrz.name}</p>}
            {(countryOf(qso.qrz) || qso.qrz.address) && (
              <p className="muted">{[qso.qrz.address, countryOf(qso.qrz)].filter(Boolean).join(' · ')}</p>
            )}
            <p className="muted small">Started {relativeTime(qso.timestamp, now)}</p>
          </div>
        </div>
      )}
    </section>
  );
}
