import { StatusPill } from '../../ui/StatusPill.js';
import type { StationIdentity } from '../api.js';
import { beamText, describeFrequency } from '../format.js';
import type { PublicState } from '../state.js';

/**
 * The station's callsign and message when the operator set them, ON AIR / OFF AIR / PAUSED, frequency with band
 * and mode, split, and the beam heading if shown. Large type: callers read it outdoors, in sunlight.
 */
export function Header({ station, identity }: { station: PublicState | null; identity?: StationIdentity }) {
  const active = station?.system.active ?? false;
  const paused = station?.system.paused ?? false;
  const freq = station ? describeFrequency(station.frequency) : null;
  const split = station?.split.split?.trim() || null;
  const beam = station ? beamText(station.beam_heading) : null;
  const stationCall = identity?.station_callsign ?? null;
  const message = identity?.station_message ?? null;
  return (
    <header className="site-header">
      <div className="brand">
        {stationCall ? (
          <h1>
            <span className="station-callsign" data-testid="station-callsign">
              {stationCall}
            </span>
            <span className="brand-sub">Pileup Buster queue</span>
          </h1>
        ) : (
          <h1>Pileup Buster</h1>
        )}
        {station && (
          <StatusPill
            tone={!active ? 'off' : paused ? 'paused' : 'on'}
            label={!active ? 'OFF AIR' : paused ? 'ON AIR · QUEUE PAUSED' : 'ON AIR'}
            testId="air-status"
          />
        )}
      </div>
      {message && (
        <p className="station-message" data-testid="station-message">
          {message}
        </p>
      )}
      {active && freq && (freq.frequency || freq.band || freq.mode || split || beam) ? (
        <p className="radio-line" data-testid="frequency">
          {freq.frequency && <span className="freq">{freq.frequency}</span>}
          {freq.band && <span className="tag">{freq.band}</span>}
          {freq.mode && <span className="tag">{freq.mode}</span>}
          {split && (
            <span className="tag tag-split" data-testid="split">
              Split {split}
            </span>
          )}
          {beam && (
            <span className="tag tag-beam" data-testid="beam-heading">
              {beam}
            </span>
          )}
        </p>
      ) : (
        active && (
          <p className="radio-line" data-testid="frequency-unknown">
            <span className="freq-unknown">Frequency not announced yet</span>
          </p>
        )
      )}
    </header>
  );
}
