import { useState } from 'react';
import { qsoGuardMs, setQsoGuardSeconds } from '../actions.js';
import { toast } from '../store.js';

/** Settings of this console only (kept in this browser): the double-N guard. */
export function ConsolePrefs() {
  const [guard, setGuard] = useState(String(qsoGuardMs() / 1000));
  return (
    <fieldset>
      <legend>This console</legend>
      <div className="field-grid">
        <div className="field">
          <label htmlFor="set-qso-guard">Ask before logging a QSO younger than (s)</label>
          <input
            id="set-qso-guard"
            className="input"
            inputMode="decimal"
            value={guard}
            onChange={(event) => setGuard(event.target.value)}
            onBlur={() => {
              const seconds = Number(guard);
              if (!Number.isFinite(seconds) || seconds < 0) {
                toast('error', 'The guard is a number of seconds, 0 or more');
                return;
              }
              setQsoGuardSeconds(seconds);
              toast(
                'info',
                seconds > 0 ? `N asks first within ${seconds} s of a QSO's start` : 'N never asks first',
              );
            }}
            aria-describedby="set-qso-guard-help"
          />
          <small id="set-qso-guard-help" className="muted">
            A second N this soon after a QSO started asks first (0: never). Kept in this browser.
          </small>
        </div>
      </div>
    </fieldset>
  );
}
