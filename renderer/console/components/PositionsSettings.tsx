/**
 * Settings > Operating positions: the positions of the camp (default first), each edited in place or deleted
 * (asks first), a new one created, and the caller rules across positions with what each means for callers.
 * With the default position alone, the section only says how to add a second one. The list follows
 * `position_update` and the rules `caller_rules_update`, so another console's changes show at once.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  createInputOf,
  describeRules,
  draftOf,
  EMPTY_DRAFT,
  FIELD_LABELS,
  hasCamp,
  parseRulesDraft,
  rulesDraftOf,
  updateInputOf,
  type CallerRulesInfo,
  type PositionDraft,
  type PositionField,
  type PositionView,
  type RulesDraft,
} from '../position-admin.js';
import {
  createPosition,
  deletePosition,
  setCallerRules,
  updatePosition,
  type Outcome,
} from '../position-actions.js';
import { useConsole } from '../store.js';
import '../positions.css';

interface Problem {
  text: string;
  field: PositionField | null;
}

/** A refusal's field: the one a VALIDATION_ERROR names (refusalText starts with its label), or the name or id taken. */
function fieldOf(code: string | null, text: string): PositionField | null {
  if (code === 'POSITION_NAME_TAKEN') return 'name';
  if (code === 'POSITION_ID_TAKEN') return 'id';
  if (code !== 'VALIDATION_ERROR') return null;
  const entry = Object.entries(FIELD_LABELS).find(([, label]) => text.startsWith(`${label}:`));
  return entry ? (entry[0] as PositionField) : null;
}

function problemOf(out: Extract<Outcome<unknown>, { ok: false }>): Problem {
  return { text: out.text, field: fieldOf(out.code, out.text) };
}

const RADIO_FIELDS: ReadonlyArray<{ key: 'frequency' | 'band' | 'mode' | 'split'; help: string }> = [
  { key: 'frequency', help: 'MHz, e.g. 7.074' },
  { key: 'band', help: 'Empty: from the frequency' },
  { key: 'mode', help: 'CW, SSB, FT8…' },
  { key: 'split', help: 'e.g. up 5' },
];

/** The fields of one position (create or edit), with the refusal under them. */
function PositionForm({
  prefix,
  draft,
  onChange,
  problem,
  creating,
  children,
  onSubmit,
  onCancel,
  testId,
}: {
  prefix: string;
  draft: PositionDraft;
  onChange: (draft: PositionDraft) => void;
  problem: Problem | null;
  creating: boolean;
  children: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  testId: string;
}) {
  const errorId = `${prefix}-problem`;
  const invalid = (field: PositionField): { 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const set = <K extends keyof PositionDraft>(key: K, value: PositionDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  return (
    <form
      className="position-form"
      data-testid={testId}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="field-grid">
        <div className="field field-span">
          <label htmlFor={`${prefix}-name`}>Position name</label>
          <input
            id={`${prefix}-name`}
            className="input"
            autoComplete="off"
            placeholder="Run 2 - 40m FT8"
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            {...invalid('name')}
          />
        </div>
        {creating && (
          <div className="field">
            <label htmlFor={`${prefix}-id`}>Id (optional)</label>
            <input
              id={`${prefix}-id`}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={draft.id}
              onChange={(e) => set('id', e.target.value)}
              {...invalid('id')}
            />
            <small className="muted">For loggers; empty: made from the name</small>
          </div>
        )}
        {RADIO_FIELDS.map(({ key, help }) => (
          <div className="field" key={key}>
            <label htmlFor={`${prefix}-${key}`}>{FIELD_LABELS[key]}</label>
            <input
              id={`${prefix}-${key}`}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={draft[key]}
              onChange={(e) => set(key, e.target.value)}
              {...invalid(key)}
            />
            <small className="muted">{help}</small>
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${prefix}-beam`}>Beam heading</label>
          <input
            id={`${prefix}-beam`}
            className="input"
            inputMode="numeric"
            autoComplete="off"
            value={draft.beam}
            onChange={(e) => set('beam', e.target.value)}
            {...invalid('beam_heading')}
          />
          <small className="muted">0–360°, empty: none</small>
        </div>
        <label className="check field-check">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
          On air (callers can join its queue)
        </label>
      </div>
      {problem && (
        <p className="notice notice-danger" role="alert" id={errorId} data-testid="position-problem">
          {problem.text}
        </p>
      )}
      <div className="form-actions">
        {children}
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function positionSummary(p: PositionView): string {
  const radio = [p.frequency, [p.band, p.mode].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  const state = p.active ? (p.paused ? 'paused' : 'on air') : 'off';
  const waiting = `${p.queue_length} waiting`;
  const working = p.current_callsign ? `working ${p.current_callsign}` : null;
  return [radio || 'no frequency set', state, waiting, working].filter(Boolean).join(' · ');
}

function PositionRow({
  position,
  editing,
  onEdit,
  onDone,
  onDeleteProblem,
}: {
  position: PositionView;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  onDeleteProblem: (text: string | null) => void;
}) {
  const [draft, setDraft] = useState<PositionDraft>(() => draftOf(position));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (editing) {
      setDraft(draftOf(position));
      setProblem(null);
    }
    // only when editing starts: a change by another console must not overwrite what is being typed
  }, [editing]); // position left out on purpose

  const save = async (): Promise<void> => {
    const input = updateInputOf(draft, position);
    if (!input.ok) {
      setProblem({ text: input.error, field: input.field });
      return;
    }
    if (!input.changed) {
      onDone();
      return;
    }
    setPending(true);
    const out = await updatePosition(input.data);
    setPending(false);
    if (out.ok) onDone();
    else setProblem(problemOf(out));
  };

  const askDelete = (): void => {
    onDeleteProblem(null);
    useConsole.setState({
      dialog: {
        kind: 'confirm',
        title: `Delete position "${position.name}"?`,
        body:
          'Its name, radio settings and queue go; the QSO log keeps the QSOs made there. Loggers mapped to ' +
          `"${position.id}" then log to the default position.`,
        confirmLabel: 'Delete position',
        danger: true,
        onConfirm: () =>
          void deletePosition(position.id).then((out) => {
            if (!out.ok) onDeleteProblem(out.text);
          }),
      },
    });
  };

  if (editing) {
    return (
      <li className="position-row editing" data-testid="position-row" data-position={position.id}>
        <PositionForm
          prefix={`pos-${position.id}`}
          draft={draft}
          onChange={setDraft}
          problem={problem}
          creating={false}
          onSubmit={() => void save()}
          onCancel={onDone}
          testId="position-edit-form"
        >
          <button type="submit" className="btn btn-primary" disabled={pending}>
            Save position
          </button>
        </PositionForm>
      </li>
    );
  }
  return (
    <li className="position-row" data-testid="position-row" data-position={position.id}>
      <div className="position-main">
        <span className="position-name" data-testid="position-name">
          {position.name}
        </span>
        {position.is_default && <span className="state-badge">default</span>}
        <span className="muted position-id">id {position.id}</span>
        <span className="muted position-summary">{positionSummary(position)}</span>
        {position.is_default && (
          <small className="muted">
            Cannot be deleted: it is the station the original web app, SSE and scripts see.
          </small>
        )}
      </div>
      <div className="position-actions">
        <button
          type="button"
          className="btn btn-small"
          onClick={onEdit}
          aria-label={`Edit position ${position.name}`}
        >
          Edit
        </button>
        {!position.is_default && (
          <button
            type="button"
            className="btn btn-small btn-danger-outline"
            onClick={askDelete}
            aria-label={`Delete position ${position.name}`}
          >
            Delete…
          </button>
        )}
      </div>
    </li>
  );
}

function CreatePosition({
  open,
  onOpen,
  onClose,
}: {
  open: boolean;
  onOpen: () => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<PositionDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (open) document.getElementById('pos-new-name')?.focus();
  }, [open]);

  if (!open) {
    return (
      <button type="button" className="btn" onClick={onOpen} data-testid="add-position">
        Add a position…
      </button>
    );
  }
  const cancel = (): void => {
    setDraft(EMPTY_DRAFT);
    setProblem(null);
    onClose();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="add-position"]')?.focus());
  };
  const create = async (): Promise<void> => {
    const input = createInputOf(draft);
    if (!input.ok) {
      setProblem({ text: input.error, field: input.field });
      return;
    }
    setPending(true);
    const out = await createPosition(input.data);
    setPending(false);
    if (out.ok) cancel();
    else setProblem(problemOf(out));
  };
  return (
    <fieldset className="position-new">
      <legend>New position</legend>
      <PositionForm
        prefix="pos-new"
        draft={draft}
        onChange={setDraft}
        problem={problem}
        creating
        onSubmit={() => void create()}
        onCancel={cancel}
        testId="position-create-form"
      >
        <button type="submit" className="btn btn-primary" disabled={pending}>
          Create position
        </button>
      </PositionForm>
    </fieldset>
  );
}

function CallerRules({ rules }: { rules: CallerRulesInfo }) {
  const [draft, setDraft] = useState<RulesDraft>(() => rulesDraftOf(rules));
  const [shown, setShown] = useState<CallerRulesInfo>(rules);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  // New rules from the server replace the fields unless the operator is changing them.
  if (
    rules.allow_dupes !== shown.allow_dupes ||
    rules.max_queues_per_caller !== shown.max_queues_per_caller
  ) {
    const was = rulesDraftOf(shown);
    const editing = draft.allowDupes !== was.allowDupes || draft.maxQueues.trim() !== was.maxQueues;
    setShown(rules);
    if (!editing) setDraft(rulesDraftOf(rules));
  }

  const parsed = parseRulesDraft(draft);
  const words = describeRules(parsed.ok ? parsed.rules : rules);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!parsed.ok) {
      setProblem(parsed.error);
      return;
    }
    setProblem(null);
    setPending(true);
    const out = await setCallerRules(parsed.rules);
    setPending(false);
    if (!out.ok) setProblem(out.text);
    else if (out.result) {
      setShown(out.result);
      setDraft(rulesDraftOf(out.result));
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} data-testid="caller-rules">
      <fieldset>
        <legend>Caller rules</legend>
        <div className="rule-line">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.allowDupes}
              aria-describedby="rule-dupes-words"
              onChange={(e) => setDraft({ ...draft, allowDupes: e.target.checked })}
            />
            Allow dupes
          </label>
          <p className="muted" id="rule-dupes-words" data-testid="rule-dupes-words">
            {words.dupes}
          </p>
        </div>
        <div className="rule-line">
          <div className="field field-inline">
            <label htmlFor="rule-max-queues">Queues per caller at most</label>
            <input
              id="rule-max-queues"
              className="input input-port"
              inputMode="numeric"
              autoComplete="off"
              value={draft.maxQueues}
              aria-describedby="rule-queues-words"
              aria-invalid={parsed.ok ? undefined : true}
              onChange={(e) => setDraft({ ...draft, maxQueues: e.target.value })}
            />
          </div>
          <p className="muted" id="rule-queues-words" data-testid="rule-queues-words">
            {words.queues}
          </p>
        </div>
        {problem && (
          <p className="notice notice-danger" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pending}
            data-testid="save-caller-rules"
          >
            Save caller rules
          </button>
        </div>
      </fieldset>
    </form>
  );
}

export function PositionsSettings() {
  // the console's one copy of the camp, live (empty until the first snapshot)
  const positions = useConsole((s) => s.camp.positions);
  const rules = useConsole((s) => s.callerRules);
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);

  const camp = hasCamp(positions);
  return (
    <section
      className="positions-settings"
      aria-labelledby="positions-heading"
      data-testid="positions-settings"
    >
      <fieldset>
        <legend id="positions-heading">Operating positions</legend>
        {positions.length === 0 ? (
          <p className="muted">Loading positions…</p>
        ) : !camp ? (
          <p className="muted" data-testid="positions-intro">
            One position: the station works one queue. To run several stations at once, each on its own band,
            mode and queue, add a second position; callers then join the one whose band and mode they need.
          </p>
        ) : (
          <ul className="position-list" aria-label="Operating positions" data-testid="position-list">
            {positions.map((p) => (
              <PositionRow
                key={p.id}
                position={p}
                editing={editing === p.id}
                onEdit={() => {
                  setEditing(p.id);
                  requestAnimationFrame(() => document.getElementById(`pos-${p.id}-name`)?.focus());
                }}
                onDone={() => {
                  setEditing(null);
                  requestAnimationFrame(() =>
                    document
                      .querySelector<HTMLElement>(
                        `[data-position="${CSS.escape(p.id)}"] .position-actions .btn`,
                      )
                      ?.focus(),
                  );
                }}
                onDeleteProblem={setDeleteProblem}
              />
            ))}
          </ul>
        )}
        {deleteProblem && (
          <p className="notice notice-danger" role="alert" data-testid="position-delete-problem">
            {deleteProblem}
          </p>
        )}
        {positions !== null && (
          <CreatePosition
            open={creating}
            onOpen={() => setCreating(true)}
            onClose={() => setCreating(false)}
          />
        )}
      </fieldset>
      {camp && rules && <CallerRules rules={rules} />}
    </section>
  );
}
