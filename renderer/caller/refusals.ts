/** What the page says for each registration refusal, by the server's stable error code. Pure. */
import type { SlotInfo } from '../../shared/protocol/positions.js';
import { inWords } from './camp.js';

export interface Refusal {
  code: string;
  /** The server's human message, when it sent one. */
  detail: string | null;
  retryAfterS: number | null;
  status: number;
  /** SLOT_ALREADY_WORKED: the slot refused and every slot the caller has in the log. */
  slot?: SlotInfo | null;
  workedSlots?: SlotInfo[];
  /** ALREADY_QUEUED_ELSEWHERE: the ids of the positions where the caller waits. */
  positions?: string[];
}

/** "45 s", "12 min 30 s", "2 h 5 min". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return sec > 0 ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

export interface RefusalContext {
  callsign: string;
  maxQueueSize: number | null;
  /** Seconds left now (a countdown); falls back to the refusal's retry_after_s. */
  secondsLeft?: number | null;
  /** A position's name by its id (operating positions), for refusals that name where the caller waits. */
  positionName?: (id: string) => string;
}

export function refusalMessage(refusal: Refusal, ctx: RefusalContext): string {
  const left = ctx.secondsLeft ?? refusal.retryAfterS;
  switch (refusal.code) {
    case 'CALLSIGN_REQUIRED':
      return 'Please enter your callsign.';
    case 'INVALID_CALLSIGN':
      return `${ctx.callsign} is not a valid callsign. Use letters, digits and '/', e.g. W1AW, EI6JGB/P, VK9/EI6JGB.`;
    case 'ALREADY_QUEUED':
      return `${ctx.callsign} is already in the queue. This page now follows its place.`;
    case 'QUEUE_FULL': {
      const max = ctx.maxQueueSize ?? /(\d+)\s*$/.exec(refusal.detail ?? '')?.[1] ?? null;
      return `The queue is full${max !== null ? ` (${max} stations)` : ''}. Try again when a place frees up.`;
    }
    case 'SYSTEM_INACTIVE':
      return 'The station is off the air: registration is closed for now.';
    case 'QUEUE_PAUSED':
      return 'The operator has paused the queue. Try again in a little while.';
    case 'CALLSIGN_BANNED':
      return `${ctx.callsign} may not join this queue. Please contact the operator.`;
    case 'COOLDOWN':
      return left !== null && left > 0
        ? `${ctx.callsign} was worked recently. You can join again in ${formatDuration(left)}.`
        : `${ctx.callsign} was worked recently. You can try again now.`;
    case 'RATE_LIMITED':
      return left !== null && left > 0
        ? `Too many attempts. Please wait ${formatDuration(left)} and try again.`
        : 'Too many attempts. Please try again.';
    case 'VALIDATION_ERROR':
      return 'Some details are missing or too long. Please check the form.';
    case 'SLOT_ALREADY_WORKED': {
      const slot = refusal.slot ? `${refusal.slot.band} ${refusal.slot.mode}` : null;
      return slot
        ? `${ctx.callsign}: you are already in the log on ${slot}. No need to call again: join another band or mode.`
        : `${ctx.callsign}: you are already in the log on this band and mode. No need to call again.`;
    }
    case 'ALREADY_QUEUED_ELSEWHERE': {
      const name = ctx.positionName ?? ((id: string) => id);
      const where = (refusal.positions ?? []).map(name);
      return where.length > 0
        ? `${ctx.callsign} is already waiting at ${inWords(where)}. Leave that queue first to join another.`
        : `${ctx.callsign} is already waiting in another queue. Leave that queue first to join another.`;
    }
    case 'NETWORK':
      return "Can't reach the station's server. Check your Wi-Fi and try again.";
    default:
      return refusal.detail ?? `Registration failed (HTTP ${refusal.status}). Please try again.`;
  }
}

/** A short hint for a callsign being typed, from the shared grammar's rejection reason. */
export function grammarHint(reason: string, detail: string): string {
  switch (reason) {
    case 'EMPTY':
      return 'Enter your callsign.';
    case 'WHITESPACE':
      return 'No spaces inside a callsign.';
    case 'CHARACTERS': {
      const bad = /'(.)'/.exec(detail)?.[1];
      return bad
        ? `"${bad}" is not allowed: use letters, digits and "/".`
        : 'Use letters, digits and "/" only.';
    }
    case 'TOO_LONG':
      return 'That is too long for a callsign.';
    case 'NO_DIGIT':
      return 'A callsign needs a digit.';
    case 'NO_LETTER':
      return 'A callsign needs letters.';
    default:
      return 'Not a valid callsign yet (e.g. W1AW, EI6JGB/P, VK9/EI6JGB).';
  }
}
