/**
 * The caller page at a camp of several operating positions (docs/positions.md): which band-mode slots the
 * caller already has in the log, what each position's card says, and whether the caller can join it. Pure.
 */
import { normalizeMode } from '../../shared/radio.js';
import {
  DEFAULT_POSITION_ID,
  type CallerRulesInfo,
  type PositionView,
  type SlotInfo,
} from '../../shared/protocol/positions.js';
import type { MyStatus } from './me.js';

/** The band-mode slot a position works, as the server reckons it; null when its band or mode is unknown. */
export function positionSlot(p: Pick<PositionView, 'band' | 'mode'>): SlotInfo | null {
  const band = p.band?.trim().toLowerCase() ?? '';
  const mode = p.mode ? normalizeMode(p.mode) : null;
  return band === '' || mode === null ? null : { band, mode };
}

/** "20m CW". */
export function slotLabel(slot: SlotInfo): string {
  return `${slot.band} ${slot.mode}`;
}

export function hasSlot(slots: readonly SlotInfo[], slot: SlotInfo | null): boolean {
  if (slot === null) return false;
  return slots.some(
    (s) => s.band.toLowerCase() === slot.band && (normalizeMode(s.mode) ?? s.mode) === slot.mode,
  );
}

/** "a", "a and b", "a, b and c". */
export function inWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** "You're in the log on 20m CW and 40m FT8.", or null when the caller has no slot yet. */
export function slotsSentence(slots: readonly SlotInfo[]): string | null {
  if (slots.length === 0) return null;
  return `You're in the log on ${inWords(slots.map(slotLabel))}.`;
}

/** A camp: more than one position is defined (the caller rules apply only then). */
export function isCamp(positions: readonly PositionView[] | null): boolean {
  return positions !== null && positions.length > 1;
}

/**
 * Whether a `position_update` payload announces a position besides the default one (created or changed): heard
 * at a station of one position, it means the station now runs several.
 */
export function createsPosition(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const { position_id: id, position } = data as { position_id?: unknown; position?: unknown };
  return (
    typeof id === 'string' && id !== DEFAULT_POSITION_ID && typeof position === 'object' && position !== null
  );
}

/** Where the caller stands at one position. */
export type PlaceAt = { kind: 'turn' } | { kind: 'queued'; position: number; total: number } | null;

export function placeOf(status: MyStatus): PlaceAt {
  if (status.kind === 'turn') return { kind: 'turn' };
  if (status.kind === 'queued') return { kind: 'queued', position: status.position, total: status.total };
  return null;
}

/** What a position's card offers the caller. */
export type CardJoin =
  | { kind: 'join' }
  /** No callsign given yet: the card cannot tell whether they need it. */
  | { kind: 'need_callsign' }
  | { kind: 'here' }
  | { kind: 'in_log'; slot: SlotInfo }
  | { kind: 'off_air' }
  | { kind: 'paused' }
  | { kind: 'full'; max: number }
  /** The caller waits in as many queues as the rules allow: they must leave one first. */
  | { kind: 'elsewhere'; where: { id: string; name: string }[] };

export interface CampContext {
  callsign: string | null;
  /** The slots the caller has in the log; null while not known. */
  workedSlots: readonly SlotInfo[] | null;
  rules: CallerRulesInfo;
  /** The caller's place at each position where they wait or are being worked. */
  places: Readonly<Record<string, PlaceAt>>;
}

/**
 * Whether the caller can join this position, and why not: the position's own refusals (already there, off,
 * paused, full), then the slot, then the queue limit.
 */
export function cardJoin(p: PositionView, all: readonly PositionView[], ctx: CampContext): CardJoin {
  if (ctx.places[p.id]) return { kind: 'here' };
  if (!p.active) return { kind: 'off_air' };
  if (p.paused) return { kind: 'paused' };
  if (p.max_size > 0 && p.queue_length >= p.max_size) return { kind: 'full', max: p.max_size };
  if (!ctx.callsign) return { kind: 'need_callsign' };
  // The slot before the queue limit (the server checks the limit first): leaving the other queue would not
  // help a caller who already has this slot.
  const slot = positionSlot(p);
  if (slot && !ctx.rules.allow_dupes && ctx.workedSlots && hasSlot(ctx.workedSlots, slot)) {
    return { kind: 'in_log', slot };
  }
  const waiting = all.filter((o) => o.id !== p.id && ctx.places[o.id]?.kind === 'queued');
  if (waiting.length >= ctx.rules.max_queues_per_caller) {
    return { kind: 'elsewhere', where: waiting.map((o) => ({ id: o.id, name: o.name })) };
  }
  return { kind: 'join' };
}

/** Whether a position's slot is in the log for the caller (the card says "in the log"). */
export function inTheLog(p: PositionView, workedSlots: readonly SlotInfo[] | null): boolean {
  return workedSlots !== null && hasSlot(workedSlots, positionSlot(p));
}

/** One sentence for a card that cannot be joined; null when it can (or the caller is already there). */
export function cardJoinText(join: CardJoin): string | null {
  switch (join.kind) {
    case 'join':
    case 'here':
      return null;
    case 'need_callsign':
      return 'Enter your callsign above to join.';
    case 'in_log':
      return `You are already in the log on ${slotLabel(join.slot)}: no need to call again.`;
    case 'off_air':
      return 'Off the air.';
    case 'paused':
      return 'The queue is paused: no new registrations for now.';
    case 'full':
      return `The queue is full (${join.max} stations).`;
    case 'elsewhere':
      return `You are waiting at ${inWords(join.where.map((w) => w.name))}: leave that queue first to join here.`;
  }
}

/**
 * The position the page follows for the caller's own corner (their place, the turn bar, "you're next"): where
 * it is their turn, else where they wait nearest the front, else null.
 */
export function followedPosition(
  positions: readonly PositionView[],
  places: Readonly<Record<string, PlaceAt>>,
): string | null {
  const turn = positions.find((p) => places[p.id]?.kind === 'turn');
  if (turn) return turn.id;
  let best: { id: string; position: number } | null = null;
  for (const p of positions) {
    const place = places[p.id];
    if (place?.kind === 'queued' && (best === null || place.position < best.position)) {
      best = { id: p.id, position: place.position };
    }
  }
  return best?.id ?? null;
}
