/**
 * Move a waiting caller to another operating position (admin.move_caller): the target position, and optionally
 * the place in its queue (empty: the end); positions that are off are listed but not offered. The caller keeps their registration time, so their wait keeps
 * counting. A refusal (already there, slot already worked, queue full, no longer waiting) is shown in the dialog,
 * which stays open.
 */
import { useState, type FormEvent } from 'react';
import { moveTargets, placeOf, positionLabel } from '../position-admin.js';
import { moveCaller } from '../position-actions.js';
import { useConsole } from '../store.js';
import { Modal } from './Modal.js';

export function MoveCallerDialog({
  callsign,
  from,
  onClose,
}: {
  callsign: string;
  from: string;
  onClose: () => void;
}) {
  const positions = useConsole((s) => s.camp.positions);
  const targets = moveTargets(positions, from);
  // a position that is off has no queue callers can see: it is listed, not offered
  const onAir = targets.filter((p) => p.active);
  const [to, setTo] = useState(() => onAir[0]?.id ?? '');
  const [place, setPlace] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const target = onAir.find((p) => p.id === to) ?? onAir[0];
  const fromName = positions.find((p) => p.id === from)?.name ?? from;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!target || pending) return;
    const parsed = placeOf(place, target.queue_length);
    if (!parsed.ok) {
      setProblem(parsed.error);
      return;
    }
    setPending(true);
    const out = await moveCaller({ callsign, from, to: target.id, place: parsed.place });
    setPending(false);
    if (out.ok) onClose();
    else setProblem(out.text);
  };

  return (
    <Modal title={`Move ${callsign} to another position`} onClose={onClose} initialFocus="#move-target">
      {onAir.length === 0 ? (
        <>
          <p>
            {targets.length === 0
              ? `There is no other position to move ${callsign} to.`
              : `No other position is on air: switch one on (Settings > Operating positions) to move ${callsign} there.`}
          </p>
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Close <kbd className="kbd">Esc</kbd>
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)} data-testid="move-caller-form">
          <p>
            {callsign} leaves the queue of &quot;{fromName}&quot; and keeps their waiting time.
          </p>
          <div className="field">
            <label htmlFor="move-target">To position</label>
            <select
              id="move-target"
              className="input"
              value={target?.id ?? ''}
              onChange={(e) => {
                setTo(e.target.value);
                setProblem(null);
              }}
            >
              {targets.map((p) => (
                <option key={p.id} value={p.id} disabled={!p.active}>
                  {positionLabel(p)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="move-place">Place in its queue (optional)</label>
            <input
              id="move-place"
              className="input"
              inputMode="numeric"
              autoComplete="off"
              value={place}
              aria-describedby="move-place-help"
              onChange={(e) => {
                setPlace(e.target.value);
                setProblem(null);
              }}
            />
            <small id="move-place-help" className="muted">
              1 = next to be worked; empty = the end of the queue ({(target?.queue_length ?? 0) + 1})
            </small>
          </div>
          {problem && (
            <p className="notice notice-danger" role="alert" data-testid="move-problem">
              {problem}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Keep <kbd className="kbd">Esc</kbd>
            </button>
            <button type="submit" className="btn btn-primary" disabled={pending} data-testid="confirm-move">
              Move {callsign} <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
