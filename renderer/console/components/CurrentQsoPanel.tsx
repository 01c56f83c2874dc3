import { useState, type FormEvent } from 'react';
import { useConsole } from '../store.js';
import { useNow, focusConsole } from '../hooks.js';
import { formatDuration, secondsSince, utcTime } from '../format.js';
import { callAgain, cancelQso, completeQso, noAnswer, startQso, workNext } from '../actions.js';
import { OPS } from '../operations.js';
import { Kbd } from './Kbd.js';
import { lookupSummary } from './Details.js';
import { useFitText } from '../fit-text.js';
import { NextLine } from './NextLine.js';

function busyWith(busy: string | null, operation: string): boolean {
  return busy !== null && busy.startsWith(`${operation}:`);
}

export function CurrentQsoPanel() {
  const current = useConsole((s) => s.live.currentQso);
  const active = useConsole((s) => s.live.active);
  const queueLength = useConsole((s) => s.live.queue.length);
  const busy = useConsole((s) => s.busy);
  const offline = useConsole((s) => s.connection !== 'open');
  const now = useNow(1000);
  const [direct, setDirect] = useState('');
  const { name, entity } = lookupSummary(current?.qrz);
  const callRef = useFitText<HTMLDivElement>(current?.callsign ?? '', 84, 24);

  const submitDirect = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // Hand the keyboard back to the hot keys at once: the QSO's event can arrive before the answer, and a key
    // pressed in between must not land in this field.
    focusConsole();
    if (await startQso(direct)) setDirect('');
    else document.getElementById('direct-callsign')?.focus();
  };

  return (
    <section className="panel qso-panel" aria-labelledby="qso-heading">
      <div className="panel-head">
        <h2 id="qso-heading">Current QSO</h2>
        {current && (
          <span className="qso-timer" data-testid="qso-timer" aria-label="QSO time">
            {formatDuration(secondsSince(current.timestamp, now))}
          </span>
        )}
      </div>
      {current ? (
        <div className="qso-body" data-testid="current-qso">
          <div className="qso-call" data-testid="current-callsign" ref={callRef}>
            {current.callsign}
          </div>
          <div className="qso-details">
            {name && <span className="qso-name">{name}</span>}
            {entity && <span className="qso-entity">{entity}</span>}
            {!name && !entity && <span className="muted">No lookup details</span>}
          </div>
          <div className="qso-meta muted">
            Started {utcTime(current.timestamp)}
            {typeof current.metadata.calls === 'number' && current.metadata.calls > 1 && (
              <span data-testid="qso-calls"> · call {current.metadata.calls}</span>
            )}
          </div>
        </div>
      ) : (
        <div className="qso-empty" data-testid="no-qso">
          <div className="qso-empty-title">No QSO</div>
          <div className="muted">
            {active ? `${queueLength} waiting. Press N to work the next caller.` : 'The system is off.'}
          </div>
        </div>
      )}
      <div className="qso-actions">
        <button
          type="button"
          className="btn btn-primary btn-big"
          onClick={() => void workNext()}
          disabled={offline || !active || busyWith(busy, OPS.workNext)}
          aria-keyshortcuts="N"
          data-testid="work-next"
        >
          Work next <Kbd action="workNext" />
        </button>
        <button
          type="button"
          className="btn btn-success btn-big"
          onClick={() => void completeQso()}
          disabled={offline || !current || busyWith(busy, OPS.completeQso)}
          aria-keyshortcuts="C"
          data-testid="complete"
        >
          Complete <Kbd action="complete" />
        </button>
        <button
          type="button"
          className="btn btn-big"
          onClick={() => void cancelQso()}
          disabled={offline || !current || busyWith(busy, OPS.cancelQso)}
          aria-keyshortcuts="X"
          data-testid="cancel"
        >
          Cancel <Kbd action="cancelQso" />
        </button>
      </div>
      <div className="qso-actions qso-actions-no-show" role="group" aria-label="No answer">
        <button
          type="button"
          className="btn"
          onClick={() => void callAgain()}
          disabled={!current || busyWith(busy, OPS.callAgain)}
          aria-keyshortcuts="R"
          data-testid="call-again"
        >
          Call again <Kbd action="callAgain" />
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void noAnswer()}
          disabled={!current || busyWith(busy, OPS.noAnswer)}
          aria-keyshortcuts="Shift+R"
          data-testid="no-answer"
        >
          No answer <Kbd action="noAnswer" />
        </button>
      </div>
      <NextLine />
      <form className="direct-form" onSubmit={(event) => void submitDirect(event)}>
        <label htmlFor="direct-callsign">
          Direct call <Kbd action="directCall" />
        </label>
        <div className="input-row">
          <input
            id="direct-callsign"
            className="input input-call"
            value={direct}
            onChange={(event) => setDirect(event.target.value.toUpperCase())}
            placeholder="Callsign"
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            aria-describedby="direct-help"
            disabled={!active}
          />
          <button type="submit" className="btn" disabled={offline || !active || !direct.trim()}>
            Start QSO
          </button>
        </div>
        <small id="direct-help" className="muted">
          {active
            ? 'A station that called you directly, not from the queue. Enter starts, Esc leaves.'
            : 'Off: switch the system on (Shift+A) before working anyone.'}
        </small>
      </form>
    </section>
  );
}
