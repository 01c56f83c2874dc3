import { useConsole } from '../store.js';
import { useNow } from '../hooks.js';
import { formatDuration, secondsSince } from '../format.js';
import { choosePosition } from '../session.js';
import { positionCards, type PositionCard } from '../camp-view.js';

/** How many of a position's waiting callers its card names. */
const NEXT_SHOWN = 3;

function StatePill({ card }: { card: PositionCard }) {
  if (!card.active)
    return (
      <span className="pill pill-off" data-testid="card-state">
        OFF
      </span>
    );
  return (
    <span className={`pill ${card.paused ? 'pill-paused' : 'pill-on'}`} data-testid="card-state">
      {card.paused ? 'PAUSED' : 'ON AIR'}
    </span>
  );
}

function Card({ card, now }: { card: PositionCard; now: number }) {
  const headingId = `card-${card.id}-name`;
  const radio = [card.frequency, card.slot, card.split ? `split ${card.split}` : null].filter(Boolean);
  const rest = card.queueLength - card.next.length;
  return (
    <li
      className="position-card"
      data-testid="position-card"
      data-position={card.id}
      aria-labelledby={headingId}
      onClick={() => void choosePosition(card.id)}
    >
      <div className="card-head">
        <h3 id={headingId} className="card-name" title={card.name}>
          {card.name}
        </h3>
        <StatePill card={card} />
      </div>
      <div className="card-radio muted" data-testid="card-radio">
        {radio.length > 0 ? radio.join(' · ') : 'No frequency set'}
      </div>
      <div className="card-qso" data-testid="card-qso">
        {card.current ? (
          <>
            <span className="card-call" title={card.current.callsign} data-testid="card-callsign">
              {card.current.callsign}
            </span>
            <span className="card-timer" aria-label="QSO time">
              {formatDuration(secondsSince(card.current.timestamp, now))}
            </span>
          </>
        ) : (
          <span className="muted">No QSO</span>
        )}
      </div>
      <div className="card-queue">
        <span>
          Queue{' '}
          <b data-testid="card-queue-length">
            {card.queueLength}
            {card.maxSize > 0 ? ` / ${card.maxSize}` : ''}
          </b>
        </span>
        <span className="card-next" data-testid="card-next">
          {card.next.length > 0 ? (
            <>
              Next: {card.next.join(', ')}
              {rest > 0 && <span className="muted"> (+{rest})</span>}
            </>
          ) : (
            <span className="muted">Nobody waiting</span>
          )}
        </span>
      </div>
      <button
        type="button"
        className="btn btn-small btn-primary card-open"
        onClick={(event) => {
          event.stopPropagation();
          void choosePosition(card.id);
        }}
      >
        Work this position<span className="visually-hidden">: {card.name}</span>
      </button>
    </li>
  );
}

/** "All positions": one live card each (name, radio, on/off, current QSO and its time, the queue); a card picks it. */
export function WatchAllPanel() {
  const camp = useConsole((s) => s.camp);
  const now = useNow(1000);
  const cards = positionCards(camp, NEXT_SHOWN);
  return (
    <section className="panel watch-panel" aria-labelledby="watch-heading" data-testid="watch-all">
      <div className="panel-head">
        <h2 id="watch-heading">
          All positions <span className="count">{cards.length}</span>
        </h2>
        <span className="muted small">Pick a position to work it</span>
      </div>
      <ul className="position-cards" aria-label="Operating positions">
        {cards.map((card) => (
          <Card key={card.id} card={card} now={now} />
        ))}
      </ul>
    </section>
  );
}
