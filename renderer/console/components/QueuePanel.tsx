import { useEffect, useMemo, useRef } from 'react';
import { useConsole } from '../store.js';
import { useNow } from '../hooks.js';
import { formatDuration, secondsSince } from '../format.js';
import {
  askBan,
  askClearQueue,
  removeCallsign,
  select,
  toggleCompact,
  togglePause,
  workCallsign,
} from '../actions.js';
import { dupeMark, dupeTitle, indexLog } from '../dupes.js';
import { Kbd } from './Kbd.js';
import { LookupLine } from './Details.js';
import { askMoveCaller } from '../position-actions.js';
import { isMultiPosition } from '../working-position.js';

export function QueuePanel() {
  const queue = useConsole((s) => s.live.queue);
  const max = useConsole((s) => s.live.queueMax);
  const active = useConsole((s) => s.live.active);
  const paused = useConsole((s) => s.live.paused);
  const selected = useConsole((s) => s.selected);
  const compact = useConsole((s) => s.compact);
  const log = useConsole((s) => s.live.log);
  const band = useConsole((s) => s.live.frequency.band);
  const mode = useConsole((s) => s.live.frequency.mode);
  const byCall = useMemo(() => indexLog(log), [log]);
  const now = useNow(1000);
  const listRef = useRef<HTMLOListElement>(null);
  const camp = useConsole(isMultiPosition);

  useEffect(() => {
    if (!listRef.current) return;
    if (!selected || selected === queue[0]?.callsign) {
      listRef.current.scrollTop = 0;
      return;
    }
    const row = listRef.current.querySelector<HTMLElement>(`[data-callsign="${CSS.escape(selected)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected, queue]);

  return (
    <section className="panel queue-panel" aria-labelledby="queue-heading">
      <div className="panel-head">
        <h2 id="queue-heading">
          Queue{' '}
          <span className="count" data-testid="queue-count">
            {queue.length}
            {max > 0 ? ` / ${max}` : ''}
          </span>
        </h2>
        <div className="head-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={toggleCompact}
            aria-pressed={compact}
            aria-keyshortcuts="V"
            data-testid="compact-toggle"
            title="One line a caller"
          >
            Compact <Kbd action="toggleCompact" />
          </button>
          <button
            type="button"
            className={`btn btn-small ${paused ? 'btn-warning' : ''}`}
            onClick={() => void togglePause()}
            disabled={!active}
            aria-pressed={paused}
            aria-keyshortcuts="P"
            data-testid="pause"
          >
            {paused ? 'Resume' : 'Pause'} <Kbd action="togglePause" />
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-outline"
            onClick={askClearQueue}
            disabled={queue.length === 0}
            aria-keyshortcuts="Shift+X"
            data-testid="clear-queue"
          >
            Clear… <Kbd action="clearQueue" />
          </button>
        </div>
      </div>
      {paused && active && (
        <div className="notice notice-warning" data-testid="paused-notice">
          Queue paused: new callers cannot register.
        </div>
      )}
      {queue.length === 0 ? (
        <div className="empty" data-testid="queue-empty">
          {active ? 'Nobody waiting' : 'System off: callers cannot register'}
        </div>
      ) : (
        <ol
          className={`queue-list${compact ? ' compact' : ''}`}
          ref={listRef}
          data-testid="queue-list"
          aria-label="Waiting callers"
        >
          {queue.map((entry) => {
            const isSelected = entry.callsign === selected;
            const mark = dupeMark(byCall, entry.callsign, band, mode);
            return (
              <li
                key={entry.callsign}
                className={`queue-row ${isSelected ? 'selected' : ''}`}
                data-callsign={entry.callsign}
                data-testid="queue-row"
                aria-current={isSelected ? 'true' : undefined}
                onClick={() => select(entry.callsign)}
              >
                <span className="queue-pos">{entry.position}</span>
                <span className="queue-main">
                  <span className="queue-call-line">
                    <span className="queue-call" title={entry.callsign}>
                      {entry.callsign}
                    </span>
                    {mark && (
                      <span
                        className={`dupe dupe-${mark.kind}`}
                        title={dupeTitle(mark)}
                        data-testid={`dupe-${mark.kind}`}
                      >
                        {mark.kind === 'dupe' ? 'DUPE' : 'WKD'}
                        <span className="visually-hidden">. {dupeTitle(mark)}</span>
                      </span>
                    )}
                  </span>
                  <LookupLine qrz={entry.qrz} className="queue-lookup" />
                </span>
                <span className="queue-wait" title="Waiting time">
                  {formatDuration(secondsSince(entry.timestamp, now))}
                </span>
                <span className="queue-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={(event) => {
                      event.stopPropagation();
                      void workCallsign(entry.callsign);
                    }}
                    aria-label={`Work ${entry.callsign}`}
                  >
                    Work
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={(event) => {
                      event.stopPropagation();
                      void removeCallsign(entry.callsign);
                    }}
                    aria-label={`Remove ${entry.callsign}`}
                  >
                    Remove
                  </button>
                  {camp && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={(event) => {
                        event.stopPropagation();
                        askMoveCaller(entry.callsign);
                      }}
                      aria-label={`Move to position… ${entry.callsign}`}
                      aria-keyshortcuts="M"
                      data-testid="move-caller"
                    >
                      Move to position…
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={(event) => {
                      event.stopPropagation();
                      askBan(entry.callsign);
                    }}
                    aria-label={`Ban ${entry.callsign}`}
                  >
                    Ban
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="hint-row muted">
        <Kbd action="selectNext" /> select · <Kbd action="workSelected" /> work ·{' '}
        <Kbd action="removeSelected" /> remove · <Kbd action="banSelected" /> ban
        {camp && (
          <>
            {' '}
            · <Kbd action="moveSelected" /> move
          </>
        )}
      </div>
    </section>
  );
}
