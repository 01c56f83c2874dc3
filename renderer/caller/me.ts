/** Where the remembered callsign stands in the station's state. Pure. */
import type { PublicState } from './state.js';

export type MyStatus =
  | { kind: 'none' }
  | { kind: 'turn' }
  | { kind: 'queued'; position: number; total: number }
  | { kind: 'worked'; at: string }
  | { kind: 'absent' };

/** A place asked of the server for a caller beyond the entries a long queue's updates list. */
export interface FarPosition {
  callsign: string;
  position: number;
}

/**
 * Whether the page must ask the server where the caller stands: queue updates of a long queue list only its
 * first entries (`truncated`), so a caller further back is not in them.
 */
export function needsFarPosition(station: PublicState | null, callsign: string | null): boolean {
  if (!station || !callsign || !station.queue.truncated) return false;
  if (station.current_qso?.callsign === callsign) return false;
  return !station.queue.queue.some((e) => e.callsign === callsign);
}

export function myStatus(
  station: PublicState | null,
  callsign: string | null,
  far: FarPosition | null = null,
): MyStatus {
  if (!callsign) return { kind: 'none' };
  if (!station) return { kind: 'absent' };
  if (station.current_qso?.callsign === callsign) return { kind: 'turn' };
  const entry = station.queue.queue.find((e) => e.callsign === callsign);
  if (entry) return { kind: 'queued', position: entry.position, total: station.queue.total };
  if (far && far.callsign === callsign && needsFarPosition(station, callsign)) {
    return { kind: 'queued', position: far.position, total: Math.max(station.queue.total, far.position) };
  }
  const worked = station.worked.worked_callers.find((w) => w.callsign === callsign);
  if (worked) return { kind: 'worked', at: worked.worked_timestamp };
  return { kind: 'absent' };
}

export type AlertLevel = 'turn' | 'next' | 'none';

export function alertLevel(status: MyStatus): AlertLevel {
  if (status.kind === 'turn') return 'turn';
  if (status.kind === 'queued' && status.position === 1) return 'next';
  return 'none';
}

/** True when the alert level went up (none → next → turn): the moment to beep and vibrate. */
export function isEscalation(previous: AlertLevel, next: AlertLevel): boolean {
  const rank: Record<AlertLevel, number> = { none: 0, next: 1, turn: 2 };
  return rank[next] > rank[previous];
}

export const BASE_TITLE = 'Pileup Buster';

/** document.title for a status, so a caller on another tab sees where they stand. */
export function pageTitle(status: MyStatus): string {
  switch (status.kind) {
    case 'turn':
      return `▶ YOUR TURN: call now! · ${BASE_TITLE}`;
    case 'queued':
      return status.position === 1
        ? `You're next · ${BASE_TITLE}`
        : `#${status.position} of ${status.total} · ${BASE_TITLE}`;
    default:
      return BASE_TITLE;
  }
}

/** The sentence screen readers hear when the caller's place changes. */
export function positionAnnouncement(status: MyStatus, callsign: string | null): string {
  switch (status.kind) {
    case 'turn':
      return `It's your turn, ${callsign ?? ''}: call now!`;
    case 'queued':
      return status.position === 1
        ? `You're next: number 1 of ${status.total} in the queue.`
        : `You are number ${status.position} of ${status.total} in the queue.`;
    case 'worked':
      return `${callsign ?? 'You'} has been worked. Thanks for the QSO!`;
    case 'absent':
      return callsign ? `${callsign} is not in the queue.` : '';
    case 'none':
      return '';
  }
}
