import { Banner } from '../../ui/Banner.js';
import { relativeTime } from '../format.js';
import type { MyStatus } from '../me.js';
import { RegisterForm } from './RegisterForm.js';

export interface YouPanelProps {
  callsign: string | null;
  status: MyStatus;
  waitText: string | null;
  maxQueueSize: number | null;
  alertsOn: boolean;
  now: Date;
  onQueued: (callsign: string, position: number | null) => void;
  onForget: () => void;
  onAlertsChange: (on: boolean) => void;
}

/** The caller's own corner: the registration form, or their place in the queue and the alerts. */
export function YouPanel(props: YouPanelProps) {
  const { callsign, status, waitText, now } = props;
  const following = status.kind === 'turn' || status.kind === 'queued';
  return (
    <section className={`card you-panel you-${status.kind}`} data-testid="you-panel" aria-label="Your place">
      {status.kind === 'turn' && (
        <Banner tone="danger" testId="turn-alert">
          <strong className="alert-big">It's your turn: call now!</strong>
          <span className="callsign">{callsign}</span>
        </Banner>
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
          </p>
          {waitText && (
            <p className="muted" data-testid="wait">
              Estimated wait: {waitText}
            </p>
          )}
        </>
      )}
      {status.kind === 'worked' && (
        <Banner tone="success" testId="worked-note">
          {callsign} was worked {relativeTime(status.at, now)}. Thanks for the QSO, 73!
        </Banner>
      )}
      {status.kind === 'absent' && callsign && (
        <p className="muted" data-testid="absent-note">
          {callsign} is not in the queue.
        </p>
      )}
      {!following && (
        <RegisterForm
          key={callsign ?? ''}
          initialCallsign={callsign ?? ''}
          maxQueueSize={props.maxQueueSize}
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
