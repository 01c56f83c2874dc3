import { useConsole } from '../store.js';
import { Kbd } from './Kbd.js';

/** "Next: EA8/DL1ABC (+28)" beside the QSO actions: who N works, and who W works when another is selected. */
export function NextLine() {
  const queue = useConsole((s) => s.live.queue);
  const selected = useConsole((s) => s.selected);
  const active = useConsole((s) => s.live.active);
  const head = queue[0];
  if (!active)
    return (
      <div className="next-line muted" data-testid="next-line">
        The system is off: nobody can be worked from the queue.
      </div>
    );
  if (!head)
    return (
      <div className="next-line muted" data-testid="next-line">
        Next: nobody waiting
      </div>
    );
  return (
    <div className="next-line" data-testid="next-line">
      <Kbd action="workNext" /> Next: <b data-testid="next-callsign">{head.callsign}</b>
      {queue.length > 1 && <span className="muted"> (+{queue.length - 1} waiting)</span>}
      {selected && selected !== head.callsign && (
        <span>
          {' '}
          · <Kbd action="workSelected" /> selected: <b>{selected}</b>
        </span>
      )}
    </div>
  );
}
