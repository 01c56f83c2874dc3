import type { ReactNode } from 'react';
import type { PositionView } from '../../../shared/protocol/positions.js';
import { Banner } from '../../ui/Banner.js';
import { StatusPill } from '../../ui/StatusPill.js';
import { cardJoinText, type CardJoin, type PlaceAt } from '../camp.js';
import { describeFrequency } from '../format.js';
import type { Refusal } from '../refusals.js';
import { PositionJoin } from './PositionJoin.js';

export interface PositionCardProps {
  position: PositionView;
  join: CardJoin;
  /** The position's band-mode slot is in the log for the caller. */
  inLog: boolean;
  place: PlaceAt;
  /** The estimated wait: for the caller's place when they wait here, else for one more in the queue. */
  waitText: string | null;
  callsign: string | null;
  onQueued: (positionId: string, callsign: string, place: number | null, secret: string | null) => void;
  onRefused: (positionId: string, refusal: Refusal) => void;
  /** The last refusal of a join here, in words (kept when the card changes because of it). */
  refusal: { refusal: Refusal; text: string } | null;
  /** A way to leave the queues named (by id), where this device can. */
  leave: (positionIds: string[]) => ReactNode;
}

/** One operating position as a caller sees it: band, mode, frequency, who is worked, the queue, and joining. */
export function PositionCard(props: PositionCardProps) {
  const { position: p, join, place } = props;
  const titleId = `position-${p.id}-title`;
  const freq = describeFrequency({ frequency: p.frequency, band: p.band, mode: p.mode, last_updated: null });
  const split = p.split?.trim() || null;
  const text = cardJoinText(join);
  return (
    <article
      className={`position-card${place ? ' is-mine' : ''}${props.inLog ? ' is-in-log' : ''}${p.active ? '' : ' is-off'}`}
      aria-labelledby={titleId}
      data-testid={`position-${p.id}`}
    >
      <div className="position-head">
        <h3 id={titleId}>{p.name}</h3>
        <StatusPill
          tone={!p.active ? 'off' : p.paused ? 'paused' : 'on'}
          label={!p.active ? 'OFF AIR' : p.paused ? 'PAUSED' : 'ON AIR'}
          testId="position-status"
        />
      </div>
      <p className="radio-line position-radio" data-testid="position-radio">
        {freq.frequency && <span className="freq">{freq.frequency}</span>}
        {freq.band && <span className="tag">{freq.band}</span>}
        {freq.mode && <span className="tag">{freq.mode}</span>}
        {split && <span className="tag tag-split">Split {split}</span>}
        {props.inLog && (
          <span className="tag tag-in-log" data-testid="in-log">
            ✓ In the log
          </span>
        )}
      </p>
      {p.active && (
        <dl className="position-facts">
          <div>
            <dt>Working</dt>
            <dd className="callsign" data-testid="position-working">
              {p.current_callsign ?? '–'}
            </dd>
          </div>
          <div>
            <dt>Queue</dt>
            <dd data-testid="position-queue">
              {p.queue_length === 0 ? 'empty' : `${p.queue_length} waiting`}
            </dd>
          </div>
          {props.waitText && (
            <div>
              <dt>Wait</dt>
              <dd data-testid="position-wait">{props.waitText}</dd>
            </div>
          )}
        </dl>
      )}
      {place?.kind === 'turn' && (
        <p className="position-place is-turn" data-testid="position-place">
          It's your turn here: call now!
        </p>
      )}
      {place?.kind === 'queued' && (
        <p className="position-place" data-testid="position-place">
          {place.position === 1 ? "You're next here" : 'You are'} <strong>#{place.position}</strong> of{' '}
          {place.total}
        </p>
      )}
      {text && (
        <p className="muted position-note" data-testid="position-note" data-code={join.kind}>
          {text}
        </p>
      )}
      {props.refusal && (
        <Banner
          tone={props.refusal.refusal.code === 'ALREADY_QUEUED' ? 'info' : 'danger'}
          role="alert"
          testId="position-refusal"
        >
          {props.refusal.text}
          {props.refusal.refusal.code === 'ALREADY_QUEUED_ELSEWHERE' &&
            join.kind !== 'elsewhere' &&
            props.leave(props.refusal.refusal.positions ?? [])}
        </Banner>
      )}
      {join.kind === 'elsewhere' && props.leave(join.where.map((w) => w.id))}
      {join.kind === 'join' && props.callsign && (
        <PositionJoin
          callsign={props.callsign}
          positionId={p.id}
          positionName={p.name}
          onQueued={props.onQueued}
          onRefused={props.onRefused}
        />
      )}
    </article>
  );
}
