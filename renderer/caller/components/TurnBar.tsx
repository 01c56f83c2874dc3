import { callingText } from '../announce.js';
import type { FrequencyView } from '../format.js';

/**
 * "You're next" / "Your turn", fixed at the bottom of the screen wherever the page is scrolled, with the
 * frequency and split in large type. The live region says the same; this bar is for the eyes.
 */
export function TurnBar({
  level,
  callsign,
  frequency,
  split,
  calls,
}: {
  level: 'next' | 'turn';
  callsign: string | null;
  frequency: FrequencyView | null;
  split: string | null;
  calls: number;
}) {
  const calling = level === 'turn' ? callingText(calls) : null;
  return (
    <aside className={`turn-bar turn-bar-${level}`} data-testid="turn-bar" aria-label="Your turn">
      <p className="turn-title">
        {level === 'turn' ? (
          <>
            <strong>YOUR TURN: call now!</strong> <span className="callsign">{callsign}</span>
          </>
        ) : (
          <strong>You're next: get ready</strong>
        )}
      </p>
      {calling && (
        <p className="turn-calls" data-testid="turn-calls">
          {calling}
        </p>
      )}
      <p className="turn-radio">
        {frequency?.frequency ? (
          <span className="turn-freq" data-testid="turn-frequency">
            {frequency.frequency}
          </span>
        ) : (
          <span className="turn-freq-unknown">Frequency not announced yet</span>
        )}
        {frequency?.mode && <span className="turn-mode">{frequency.mode}</span>}
        {split && (
          <span className="turn-split" data-testid="turn-split">
            Split {split}
          </span>
        )}
      </p>
    </aside>
  );
}
