import type { ReactNode } from 'react';
import type { PositionView } from '../../../shared/protocol/positions.js';
import { cardJoin, inTheLog, slotsSentence, type CampContext } from '../camp.js';
import type { Refusal } from '../refusals.js';
import { PositionCard } from './PositionCard.js';

export interface PositionCardsProps {
  positions: readonly PositionView[];
  ctx: CampContext;
  /** The estimated wait at a position (for the caller's place there, or for one more in its queue). */
  waitOf: (positionId: string) => string | null;
  refusals: Readonly<Record<string, { refusal: Refusal; text: string }>>;
  onQueued: (positionId: string, callsign: string, place: number | null, secret: string | null) => void;
  onRefused: (positionId: string, refusal: Refusal) => void;
  leave: (positionIds: string[]) => ReactNode;
}

/**
 * Every operating position of the camp as a card, and what the caller already has in the log: "You're in the
 * log on 20m CW and 40m FT8". Positions on the air come first, in the order the operator created them.
 */
export function PositionCards(props: PositionCardsProps) {
  const { positions, ctx } = props;
  const sentence = ctx.workedSlots ? slotsSentence(ctx.workedSlots) : null;
  const ordered = [...positions.filter((p) => p.active), ...positions.filter((p) => !p.active)];
  return (
    <section className="card positions" aria-labelledby="positions-title" data-testid="positions">
      <h2 id="positions-title">Stations on the air</h2>
      {sentence ? (
        <p className="in-log-sentence" data-testid="worked-slots">
          {sentence}
        </p>
      ) : (
        ctx.callsign &&
        ctx.workedSlots && (
          <p className="muted" data-testid="worked-slots">
            {ctx.callsign} is not in the log yet: every band and mode is still open to you.
          </p>
        )
      )}
      <ul className="position-list">
        {ordered.map((p) => (
          <li key={p.id}>
            <PositionCard
              position={p}
              join={cardJoin(p, positions, ctx)}
              inLog={inTheLog(p, ctx.workedSlots)}
              place={ctx.places[p.id] ?? null}
              waitText={p.active ? props.waitOf(p.id) : null}
              callsign={ctx.callsign}
              refusal={props.refusals[p.id] ?? null}
              onQueued={props.onQueued}
              onRefused={props.onRefused}
              leave={props.leave}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
