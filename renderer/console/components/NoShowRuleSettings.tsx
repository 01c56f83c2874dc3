/**
 * The no-show rule in Settings: how many calls without an answer before the rule applies (default 3), and then
 * drop the caller or move them back some places. Saved through `admin.set_no_show_rule`; the rule shown follows
 * `no_show_rule_update`, so a change made by another console (or over the API) shows here at once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { NoShowRule } from '../../../shared/protocol/types.js';
import { run } from '../actions.js';
import { getClient } from '../current-client.js';
import { OPS } from '../operations.js';
import { useConsole } from '../store.js';
import {
  describeRule,
  draftFrom,
  NO_SHOW_LIMITS,
  parseDraft,
  ruleFrom,
  sameRule,
  type NoShowDraft,
} from '../no-show-rule.js';

/** The server's rule, loaded when connected and kept up to date by its events. */
function useNoShowRule(): NoShowRule | null {
  const [rule, setRule] = useState<NoShowRule | null>(null);
  const connection = useConsole((s) => s.connection);
  useEffect(() => {
    const client = getClient();
    if (!client || connection !== 'open') return;
    let alive = true;
    const off = client.onEvent((frame) => {
      if (frame.event !== 'no_show_rule_update') return;
      const next = ruleFrom(frame.data);
      if (next) setRule(next);
    });
    client
      .request(OPS.getNoShowRule, {})
      .then((data) => {
        const next = ruleFrom(data);
        if (alive && next) setRule(next);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      off();
    };
  }, [connection]);
  return rule;
}

export function NoShowRuleSettings() {
  const rule = useNoShowRule();
  const [draft, setDraft] = useState<NoShowDraft | null>(null);
  const [shown, setShown] = useState<NoShowRule | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // A new rule from the server replaces the fields unless the operator is changing them.
  if (rule && (shown === null || !sameRule(rule, shown))) {
    const editing = draft !== null && shown !== null && !sameDraft(draft, draftFrom(shown));
    setShown(rule);
    if (!editing) setDraft(draftFrom(rule));
  }

  if (!rule || !draft) return null;
  const update = (patch: Partial<NoShowDraft>): void => setDraft({ ...draft, ...patch });

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.ok) {
      setProblem(parsed.error);
      return;
    }
    setProblem(null);
    const saved = await run(OPS.setNoShowRule, { ...parsed.rule }, 'No-show rule saved');
    const next = ruleFrom(saved);
    if (next) {
      setShown(next);
      setDraft(draftFrom(next));
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} data-testid="no-show-settings">
      <fieldset>
        <legend>No-show rule</legend>
        <p className="muted" data-testid="no-show-rule">
          {describeRule(rule)} Call again <kbd className="kbd">R</kbd>, no answer{' '}
          <kbd className="kbd">Shift+R</kbd>.
        </p>
        <div className="field-grid">
          <div className="field">
            <label htmlFor="set-no-show-calls">Calls without an answer</label>
            <input
              id="set-no-show-calls"
              className="input"
              inputMode="numeric"
              value={draft.calls}
              onChange={(e) => update({ calls: e.target.value })}
            />
            <small className="muted">
              Before the rule applies ({NO_SHOW_LIMITS.calls.min}–{NO_SHOW_LIMITS.calls.max}; WSJT-X&apos;s
              Fox: 3)
            </small>
          </div>
          <div className="field">
            <label htmlFor="set-no-show-action">Then</label>
            <select
              id="set-no-show-action"
              className="input"
              value={draft.action}
              onChange={(e) => update({ action: e.target.value === 'move_back' ? 'move_back' : 'drop' })}
            >
              <option value="drop">Drop from the queue</option>
              <option value="move_back">Move back in the queue</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="set-no-show-places">Places back</label>
            <input
              id="set-no-show-places"
              className="input"
              inputMode="numeric"
              value={draft.places}
              disabled={draft.action !== 'move_back'}
              onChange={(e) => update({ places: e.target.value })}
            />
            <small className="muted">Callers now waiting who go first</small>
          </div>
        </div>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="save-no-show">
            Save no-show rule
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function sameDraft(a: NoShowDraft, b: NoShowDraft): boolean {
  return a.calls.trim() === b.calls.trim() && a.action === b.action && a.places.trim() === b.places.trim();
}
