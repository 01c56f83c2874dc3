import { useId, useState, type FormEvent } from 'react';
import { MAX_CALLSIGN_LENGTH, parseCallsign } from '../../../shared/callsign.js';
import { Banner } from '../../ui/Banner.js';
import { register, registerManual, type ManualDetails } from '../api.js';
import { useNow } from '../hooks.js';
import { grammarHint, refusalMessage, type Refusal } from '../refusals.js';
import type { RegisterOutcome } from '../wire.js';
import type { JoinBlock } from '../join.js';
import { ManualDetailsForm } from './ManualDetailsForm.js';

interface ShownRefusal {
  refusal: Refusal;
  callsign: string;
  at: number;
}

export interface RegisterFormProps {
  initialCallsign: string;
  /** Each change of the text typed (kept by the page, so a form drawn in its place starts with it). */
  onDraft?: (text: string) => void;
  maxQueueSize: number | null;
  /** Why joining cannot work right now (off air, paused, full), shown before submit; null when it can. */
  block?: JoinBlock | null;
  /** Called with the callsign once the server has queued it (or says it is already queued). */
  onQueued: (callsign: string, position: number | null, secret: string | null) => void;
}

/** Callsign entry checked with the shared grammar as the caller types, then the server's answer. */
export function RegisterForm({
  initialCallsign,
  onDraft,
  maxQueueSize,
  block: anyBlock = null,
  onQueued,
}: RegisterFormProps) {
  const [value, setValue] = useState(initialCallsign);
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [shown, setShown] = useState<ShownRefusal | null>(null);
  const [manualFor, setManualFor] = useState<string | null>(null);
  const ids = useId();
  const counting = shown !== null && shown.refusal.retryAfterS !== null;
  const now = useNow(1000, counting);

  const parsed = parseCallsign(value);
  // A cooldown holds one callsign: another one typed here may still join.
  const block =
    anyBlock?.code === 'cooldown' && !(parsed.ok && parsed.callsign === anyBlock.callsign) ? null : anyBlock;
  const showHint = value.trim() !== '' && (touched || value.trim().length >= 4);
  const hint = parsed.ok ? null : grammarHint(parsed.reason, parsed.message);

  const handle = (outcome: RegisterOutcome, callsign: string): void => {
    if (outcome.kind === 'registered') {
      setShown(null);
      setManualFor(null);
      onQueued(outcome.entry.callsign, outcome.entry.position, outcome.secret);
    } else if (outcome.kind === 'manual') {
      setShown(null);
      setManualFor(outcome.callsign);
    } else {
      setShown({ refusal: outcome.refusal, callsign, at: Date.now() });
      if (outcome.refusal.code === 'ALREADY_QUEUED') onQueued(callsign, null, null);
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (pending || block || coolingDown) return;
    if (!parsed.ok) {
      const code = parsed.code;
      setShown({
        refusal: { code, detail: parsed.message, retryAfterS: null, status: 400 },
        callsign: value.trim().toUpperCase(),
        at: Date.now(),
      });
      return;
    }
    setPending(true);
    try {
      handle(await register(parsed.callsign), parsed.callsign);
    } finally {
      setPending(false);
    }
  };

  const submitManual = async (details: ManualDetails): Promise<void> => {
    if (!manualFor) return;
    setPending(true);
    try {
      handle(await registerManual(manualFor, details), manualFor);
    } finally {
      setPending(false);
    }
  };

  const secondsLeft =
    shown && shown.refusal.retryAfterS !== null
      ? Math.max(0, shown.refusal.retryAfterS - (now.getTime() - shown.at) / 1000)
      : null;
  // A cooldown refusal counts down; the button waits until it runs out for the callsign it was given for.
  const coolingDown =
    shown !== null &&
    shown.refusal.code === 'COOLDOWN' &&
    secondsLeft !== null &&
    secondsLeft > 0 &&
    parsed.ok &&
    parsed.callsign === shown.callsign;
  const refusalText = shown
    ? refusalMessage(shown.refusal, { callsign: shown.callsign, maxQueueSize, secondsLeft })
    : null;
  const refusalBanner = refusalText && (
    <Banner tone={shown?.refusal.code === 'ALREADY_QUEUED' ? 'info' : 'danger'} role="alert" testId="refusal">
      {refusalText}
    </Banner>
  );

  if (manualFor) {
    return (
      <>
        <ManualDetailsForm
          callsign={manualFor}
          pending={pending}
          onSubmit={submitManual}
          onCancel={() => {
            setManualFor(null);
            setShown(null);
          }}
        />
        {refusalBanner}
      </>
    );
  }

  return (
    <form className="register-form" onSubmit={submit} noValidate aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Join the queue</h2>
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
            setShown(null);
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
        <button
          type="submit"
          disabled={pending || block !== null || coolingDown}
          aria-describedby={block ? `${ids}-block` : undefined}
        >
          {pending ? 'Joining…' : 'Join queue'}
        </button>
      </div>
      <p
        id={`${ids}-hint`}
        className={`hint${showHint && !parsed.ok ? ' hint-bad' : ''}`}
        data-testid="callsign-hint"
      >
        {showHint
          ? parsed.ok
            ? `✓ ${parsed.callsign} looks right.`
            : hint
          : 'Letters, digits and "/", e.g. W1AW, EI6JGB/P, VK9/EI6JGB.'}
      </p>
      {block && (
        <p id={`${ids}-block`} className="join-block" data-testid="join-block" data-code={block.code}>
          {block.message}
        </p>
      )}
      {refusalBanner}
    </form>
  );
}
