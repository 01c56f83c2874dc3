import { useState } from 'react';

/**
 * "Leave the queue", in two taps so a stray one does not lose the place. Only the device that registered holds
 * the secret; another device that follows the same callsign is told so.
 */
export function LeaveControl({
  callsign,
  hasSecret,
  pending,
  error,
  onLeave,
  label = 'Leave the queue',
}: {
  callsign: string;
  hasSecret: boolean;
  pending: boolean;
  error: string | null;
  onLeave: () => void;
  /** The button's text ("Leave the queue at Run 1 - 20m CW" at a camp of several positions). */
  label?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!hasSecret) {
    return (
      <p className="muted small" data-testid="leave-elsewhere">
        {callsign} joined from another device: only that device can leave the queue for it.
      </p>
    );
  }
  return (
    <div className="leave-control">
      {!asking ? (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          {label}
        </button>
      ) : (
        <div role="group" aria-label={`${label}?`} className="leave-confirm">
          <span>Give up your place?</span>
          <button type="button" className="danger" disabled={pending} onClick={onLeave}>
            {pending ? 'Leaving…' : 'Yes, leave'}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            Stay
          </button>
        </div>
      )}
      {error && (
        <p className="hint hint-bad" role="alert" data-testid="leave-error">
          {error}
        </p>
      )}
    </div>
  );
}
