import { useState, type FormEvent } from 'react';
import { useConsole } from '../store.js';
import { banCallsign, loadBans, unbanCallsign } from '../actions.js';
import { utcDateTime } from '../format.js';

export function BansPanel() {
  const bans = useConsole((s) => s.live.bans);
  const [callsign, setCallsign] = useState('');
  const [reason, setReason] = useState('');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await banCallsign(callsign, reason)) {
      setCallsign('');
      setReason('');
    }
  };

  return (
    <div className="tab-body" data-testid="bans-panel">
      <form className="toolbar" onSubmit={(event) => void submit(event)}>
        <label className="visually-hidden" htmlFor="ban-callsign">
          Callsign to ban
        </label>
        <input
          id="ban-callsign"
          className="input input-call-small"
          value={callsign}
          onChange={(event) => setCallsign(event.target.value.toUpperCase())}
          placeholder="Callsign"
          autoComplete="off"
          spellCheck={false}
        />
        <label className="visually-hidden" htmlFor="ban-reason">
          Reason
        </label>
        <input
          id="ban-reason"
          className="input grow"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Reason (optional)"
          autoComplete="off"
        />
        <button type="submit" className="btn btn-danger" disabled={!callsign.trim()}>
          Ban
        </button>
        <button type="button" className="btn" onClick={() => void loadBans()}>
          Refresh
        </button>
      </form>
      {bans.length === 0 ? (
        <div className="empty">No banned callsigns</div>
      ) : (
        <ul className="ban-list" data-testid="ban-list">
          {bans.map((ban) => (
            <li key={ban.callsign} className="ban-row" data-testid="ban-row">
              <span className="ban-call">{ban.callsign}</span>
              <span className="ban-info">
                {ban.reason ? <span>{ban.reason}</span> : <span className="muted">No reason given</span>}
                <small className="muted">
                  by {ban.banned_by}, {utcDateTime(ban.banned_timestamp)}
                </small>
              </span>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void unbanCallsign(ban.callsign)}
                aria-label={`Unban ${ban.callsign}`}
              >
                Unban
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
