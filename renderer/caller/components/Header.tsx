import { StatusPill } from '../../ui/StatusPill.js';
import { beamText, describeFrequency } from '../format.js';
import type { PublicState } from '../state.js';

/** Station name, ON AIR / OFF AIR / PAUSED, frequency with band and mode, split, and the beam heading if shown. */
export function Header({ station }: { station: PublicState | null }) {
  const active = station?.system.active ?? false;
  const paused = station?.system.paused ?? false;
  const freq = station ? describeFrequency(station.frequency) : null;
  const split = station?.split.split?.trim() || null;
  const beam = station ? beamText(station.beam_heading) : null;
  return (
    <header className="site-header">
      <div className="brand">
        <h1>Pileup Buster</h1>
        {station && (
          <StatusPill
            tone={!active ? 'off' : paused ? 'paused' : 'on'}
            label={!active ? 'OFF AIR' : paused ? 'ON AIR · QUEUE PAUSED' : 'ON AIR'}
            testId="air-status"
          />
        )}
      </div>
      {active && freq && (freq.frequency || freq.band || freq.mode || split || beam) && (
        <p className="radio-line" data-testid="frequency">
          {freq.frequency && <span className="freq">{freq.frequency}</span>}
          {freq.band && <span className="tag">{freq.band}</span>}
          {freq.mode && <span className="tag">{freq.mode}</span>}
          {split && <span className="tag tag-split">Split {split}</span>}
          {beam && (
            <span className="tag tag-beam" data-testid="beam-heading">
              {beam}
            </span>
          )}
        </p>
      )}
    </header>
  );
}
