/**
 * Which operating position this console works (docs/positions.md), or "All positions" (watch all). The choice
 * is per console: kept in this browser's localStorage and settable by the page's URL (`?position=<id>`, which
 * wins), so two consoles, on one machine or two, can sit on two positions.
 */
import { DEFAULT_POSITION_ID, type PositionView } from '../../shared/protocol/positions.js';

/** The choice that shows every position at once (one card each). */
export const ALL_POSITIONS = 'all';

const KEY = 'pileup-console-position';
const PARAM = 'position';

/** The console's choice at start: the URL's `?position=`, else the one saved in this browser, else the default. */
export function initialPositionChoice(search: string = safeSearch()): string {
  const fromUrl = new URLSearchParams(search).get(PARAM)?.trim();
  if (fromUrl) return fromUrl;
  try {
    const saved = localStorage.getItem(KEY);
    if (saved) return saved;
  } catch {
    // storage unavailable
  }
  return DEFAULT_POSITION_ID;
}

function safeSearch(): string {
  try {
    return window.location.search;
  } catch {
    return '';
  }
}

/** Remembers the choice in this browser, and in the URL when the page was opened with `?position=`. */
export function savePositionChoice(choice: string): void {
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // not fatal
  }
  try {
    const url = new URL(window.location.href);
    if (url.searchParams.has(PARAM)) {
      url.searchParams.set(PARAM, choice);
      window.history.replaceState(window.history.state, '', url);
    }
  } catch {
    // no window (tests)
  }
}

/**
 * The position a choice works: the one chosen when it exists, the default position for "all" (whose events the
 * console's own state keeps meanwhile) or for a position not (or no longer) defined.
 */
export function workingPositionId(choice: string, positions: readonly PositionView[]): string {
  if (choice === ALL_POSITIONS) return DEFAULT_POSITION_ID;
  if (positions.length === 0 || positions.some((p) => p.id === choice)) return choice;
  return DEFAULT_POSITION_ID;
}

/** Whether a choice still names something to show (a position that exists, or all). */
export function isKnownChoice(choice: string, positions: readonly PositionView[]): boolean {
  return choice === ALL_POSITIONS || positions.some((p) => p.id === choice);
}

/** `{position_id}` for an operation at a position other than the default one; nothing for the default one. */
export function positionField(positionId: string): { position_id?: string } {
  return positionId === DEFAULT_POSITION_ID ? {} : { position_id: positionId };
}

/** "20m CW" (band and mode as known), or null when neither is. */
export function slotText(p: { band: string | null; mode: string | null }): string | null {
  const parts = [p.band, p.mode].filter((x): x is string => Boolean(x));
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The picker's words for a position: its name, then band and mode when the name does not already say them. */
export function positionLabel(p: PositionView): string {
  const slot = slotText(p);
  if (!slot || p.name.toLowerCase().includes(slot.toLowerCase())) return p.name;
  return `${p.name} · ${slot}`;
}

/** The name a QSO's position shows in the log (`position_id` null or absent: the default position). */
export function positionNameOf(
  positionId: string | null | undefined,
  positions: readonly PositionView[],
): string {
  const id = positionId ?? DEFAULT_POSITION_ID;
  return positions.find((p) => p.id === id)?.name ?? id;
}
