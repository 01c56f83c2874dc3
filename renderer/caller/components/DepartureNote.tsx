import { Banner, type BannerTone } from '../../ui/Banner.js';
import { departureMessage, type Departure } from '../departure.js';

const TONE: Record<Departure['reason'], BannerTone> = {
  worked: 'success',
  cancelled: 'info',
  removed: 'info',
  cleared: 'info',
  off_air: 'warning',
  banned: 'danger',
  left: 'info',
  no_show: 'warning',
};

/** Why the caller is no longer waiting (or was moved back), with one tap to rejoin where the server allows it. */
export function DepartureNote({
  departure,
  canRejoin,
  rejoining,
  rejoinText,
  onRejoin,
}: {
  departure: Departure;
  canRejoin: boolean;
  rejoining: boolean;
  rejoinText: string | null;
  onRejoin: () => void;
}) {
  return (
    <Banner tone={TONE[departure.reason]} testId="departure">
      <p className="departure-text" data-reason={departure.reason}>
        {departureMessage(departure)}
      </p>
      {departure.reason === 'worked' && (
        <p className="small">Thanks for the QSO, 73! No need to call again.</p>
      )}
      {canRejoin && (
        <button type="button" className="rejoin" onClick={onRejoin} disabled={rejoining}>
          {rejoining ? 'Joining…' : `Rejoin the queue as ${departure.callsign}`}
        </button>
      )}
      {rejoinText && (
        <p className="small" role="status" data-testid="rejoin-result">
          {rejoinText}
        </p>
      )}
    </Banner>
  );
}
