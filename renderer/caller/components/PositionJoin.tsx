import { useState } from 'react';
import { register, registerManual, type ManualDetails } from '../api.js';
import type { Refusal } from '../refusals.js';
import type { RegisterOutcome } from '../wire.js';
import { ManualDetailsForm } from './ManualDetailsForm.js';

export interface PositionJoinProps {
  callsign: string;
  positionId: string;
  positionName: string;
  /** Called once the server has queued the callsign at this position (or says it already waits there). */
  onQueued: (positionId: string, callsign: string, place: number | null, secret: string | null) => void;
  /** Called when the server refuses (the card says why; the page refreshes what it knows). */
  onRefused: (positionId: string, refusal: Refusal) => void;
}

/** One position's "Join" button: registration at that position, and the manual details when asked. */
export function PositionJoin(props: PositionJoinProps) {
  const { callsign, positionId } = props;
  const [pending, setPending] = useState(false);
  const [manual, setManual] = useState(false);

  const handle = (outcome: RegisterOutcome): void => {
    if (outcome.kind === 'registered') {
      setManual(false);
      props.onQueued(positionId, outcome.entry.callsign, outcome.entry.position, outcome.secret);
    } else if (outcome.kind === 'manual') {
      setManual(true);
    } else {
      setManual(false);
      if (outcome.refusal.code === 'ALREADY_QUEUED') props.onQueued(positionId, callsign, null, null);
      props.onRefused(positionId, outcome.refusal);
    }
  };

  const run = async (call: () => Promise<RegisterOutcome>): Promise<void> => {
    if (pending) return;
    setPending(true);
    try {
      handle(await call());
    } finally {
      setPending(false);
    }
  };

  if (manual) {
    return (
      <ManualDetailsForm
        callsign={callsign}
        pending={pending}
        onSubmit={(details: ManualDetails) => run(() => registerManual(callsign, details, positionId))}
        onCancel={() => setManual(false)}
      />
    );
  }
  return (
    <button
      type="button"
      className="join-button"
      disabled={pending}
      onClick={() => void run(() => register(callsign, positionId))}
      data-testid="position-join"
    >
      {pending ? 'Joining…' : `Join ${props.positionName}`}
    </button>
  );
}
