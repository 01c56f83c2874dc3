import { useId, useState, type FormEvent } from 'react';
import { MAX_CALLSIGN_LENGTH, parseCallsign } from '../../../shared/callsign.js';
import { grammarHint } from '../refusals.js';

/**
 * At a camp of several positions: the caller gives their callsign first, and the page shows which band-mode
 * slots they already have and which positions they can join (each card has its own join button).
 */
export function CallsignForm({
  initialCallsign,
  onDraft,
  onCallsign,
}: {
  initialCallsign: string;
  /** Each change of the text typed (kept by the page, so a form drawn in its place starts with it). */
  onDraft?: (text: string) => void;
  onCallsign: (callsign: string) => void;
}) {
  const [value, setValue] = useState(initialCallsign);
  const [touched, setTouched] = useState(false);
  const ids = useId();
  const parsed = parseCallsign(value);
  const showHint = value.trim() !== '' && (touched || value.trim().length >= 4);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setTouched(true);
    if (parsed.ok) onCallsign(parsed.callsign);
  };

  return (
    <form className="register-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Which bands do you need?</h2>
      <label htmlFor={`${ids}-call`}>Your callsign</label>
      <div className="input-row">
        <input
          id={`${ids}-call`}
          name="callsign"
          value={value}
          onChange={(e) => {
            const text = e.target.value.toUpperCase();
            setValue(text);
            onDraft?.(text);
          }}
          onBlur={() => setTouched(true)}
          maxLength={MAX_CALLSIGN_LENGTH + 2}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          inputMode="text"
          placeholder="e.g. EI6JGB"
          aria-invalid={showHint && !parsed.ok ? true : undefined}
          aria-describedby={`${ids}-hint`}
          className="callsign-input"
        />
        <button type="submit">Show</button>
      </div>
      <p
        id={`${ids}-hint`}
        className={`hint${showHint && !parsed.ok ? ' hint-bad' : ''}`}
        data-testid="callsign-hint"
      >
        {showHint && !parsed.ok
          ? grammarHint(parsed.reason, parsed.message)
          : 'The stations below show what you are already in the log for, and where you can join.'}
      </p>
    </form>
  );
}
