import type { ReactNode } from 'react';
import { Banner } from '../../ui/Banner.js';
import { callingText } from '../announce.js';
import type { Departure } from '../departure.js';
import { inTheLog } from '../departure.js';
import type { JoinBlock } from '../join.js';
import type { MyStatus } from '../me.js';
import { DepartureNote } from './DepartureNote.js';
import { LeaveControl } from './LeaveControl.js';
import { RegisterForm } from './RegisterForm.js';

export interface YouPanelProps {
  callsign: string | null;
  status: MyStatus;
  waitText: string | null;
  maxQueueSize: number | null;
  alertsOn: boolean;
  now: Date;
  /** How many times the station has called this caller (while it is their turn). */
  calls: number;
  departure: Departure | null;
  /** The worked entry's band and mode, for "You're in the log" when no notice was received. */
  worked: { band: string | null; mode: string | null } | null;
  block: JoinBlock | null;
  queueOpened: boolean;
  hasSecret: boolean;
  leave: { pending: boolean; error: string | null };
  rejoin: { pending: boolean; text: string | null };
  notify: { available: boolean; on: boolean };
  onQueued: (callsign: string, position: number | null, secret: string | null) => void;
  onForget: () => void;
  onAlertsChange: (on: boolean) => void;
  onNotifyChange: (on: boolean) => void;
  onLeave: () => void;
  onRejoin: () => void;
  /**
   * What the caller has typed and not sent yet: the form starts with it when it is drawn anew (the page learnt
   * the station runs several positions, and shows the camp's form instead), so nothing typed is lost.
   */
  draft?: string;
  onDraft?: (text: string) => void;
  /** At a camp of several operating positions: the form shown instead of the join form (callsign first). */
  form?: ReactNode;
  /** At a camp: the position where the caller waits or is worked. */
  positionName?: string | null;
}

/** The caller's own corner: the registration form, or their place in the queue and the alerts. */
export function YouPanel(props: YouPanelProps) {
  const { callsign, status, waitText, departure } = props;
  const following = status.kind === 'turn' || status.kind === 'queued';
  const calling = status.kind === 'turn' ? callingText(props.calls) : null;
  const canRejoin =
    departure !== null &&
    departure.rejoin &&
    !following &&
    props.block === null &&
    departure.reason !== 'worked';
  return (
    <section className={`card you-panel you-${status.kind}`} data-testid="you-panel" aria-label="Your place">
      {status.kind === 'turn' && (
        <Banner tone="danger" testId="turn-alert">
          <strong className="alert-big">It's your turn: call now!</strong>
          <span className="callsign">{callsign}</span>
          {props.positionName && (
            <span className="position-at" data-testid="my-position-at">
              at {props.positionName}
            </span>
          )}
          {calling && (
            <span className="calling" data-testid="calling">
              {calling}
            </span>
          )}
        </Banner>
      )}
      {departure && status.kind !== 'turn' && (
        <DepartureNote
          departure={departure}
          canRejoin={canRejoin}
          rejoining={props.rejoin.pending}
          rejoinText={props.rejoin.text}
          onRejoin={props.onRejoin}
        />
      )}
      {status.kind === 'queued' && (
        <>
          {status.position === 1 && (
            <Banner tone="warning" testId="next-alert">
              <strong className="alert-big">You're next!</strong> Get ready to call.
            </Banner>
          )}
          <p className="place" data-testid="my-position">
            <span className="callsign">{callsign}</span>
            <span className="place-text">
              You are <strong>#{status.position}</strong> of {status.total}
            </span>
            {props.positionName && (
              <span className="position-at" data-testid="my-position-at">
                at {props.positionName}
              </span>
            )}
          </p>
          {waitText && (
            <p className="muted" data-testid="wait">
              Estimated wait: {waitText}
            </p>
          )}
          {callsign && (
            <LeaveControl
              callsign={callsign}
              hasSecret={props.hasSecret}
              pending={props.leave.pending}
              error={props.leave.error}
              onLeave={props.onLeave}
            />
          )}
        </>
      )}
      {status.kind === 'worked' && !departure && (
        <Banner tone="success" testId="worked-note">
          <p className="departure-text">
            {inTheLog(
              props.worked && {
                id: '',
                callsign: callsign ?? '',
                time_on: status.at,
                time_off: status.at,
                frequency: null,
                band: props.worked.band,
                mode: props.worked.mode,
              },
            )}
          </p>
          <p className="small">Thanks for the QSO, 73! No need to call again.</p>
        </Banner>
      )}
      {status.kind === 'absent' && callsign && !departure && (
        <p className="muted" data-testid="absent-note">
          {callsign} is not in the queue.
        </p>
      )}
      {props.queueOpened && !following && (
        <Banner tone="success" role="status" testId="queue-open">
          The queue is open: you can join now.
        </Banner>
      )}
      {!following && props.form}
      {!following && props.form === undefined && (
        <RegisterForm
          key={callsign ?? ''}
          initialCallsign={callsign ?? props.draft ?? ''}
          {...(props.onDraft ? { onDraft: props.onDraft } : {})}
          maxQueueSize={props.maxQueueSize}
          block={props.block}
          onQueued={props.onQueued}
        />
      )}
      {callsign && (
        <div className="you-settings">
          <label className="toggle">
            <input
              type="checkbox"
              checked={props.alertsOn}
              onChange={(e) => props.onAlertsChange(e.target.checked)}
            />
            Sound and vibration when I'm next
          </label>
          {props.notify.available && (
            <label className="toggle">
              <input
                type="checkbox"
                checked={props.notify.on}
                onChange={(e) => props.onNotifyChange(e.target.checked)}
              />
              Notification when I'm next
            </label>
          )}
          {following && (
            <button type="button" className="link-button" onClick={props.onForget}>
              Not {callsign}? Use another callsign
            </button>
          )}
        </div>
      )}
    </section>
  );
}
