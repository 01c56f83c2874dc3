/**
 * Leaving the queue: the per-registration secret that lets a caller (and only that caller) leave by themselves,
 * and the `caller_left` notices that tell callers why they are no longer queued. Pure, apart from the random
 * secret.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  CallerLeft,
  CallerLeftReason,
  LoggedQsoSummary,
  QsoRecord,
} from '../../../shared/protocol/types.js';

/** A fresh secret for one registration: the caller keeps `secret`, the store only its `hash`. */
export function newLeaveSecret(): { secret: string; hash: string } {
  const secret = randomBytes(18).toString('base64url');
  return { secret, hash: hashLeaveSecret(secret) };
}

/** The secrets are 144 random bits, so a plain SHA-256 is enough to keep the stored copy useless. */
export function hashLeaveSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

/** Whether `secret` is the one behind `hash`; constant-time. An entry without a hash can never match. */
export function leaveSecretMatches(hash: string | undefined, secret: string): boolean {
  if (!hash || secret === '') return false;
  const a = Buffer.from(hashLeaveSecret(secret), 'utf8');
  const b = Buffer.from(hash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reasons after which a caller may register again at once (cooldown and bans are checked separately). */
const REJOIN_ALLOWED: Record<CallerLeftReason, boolean> = {
  worked: true,
  cancelled: true,
  removed: true,
  cleared: true,
  off_air: false,
  banned: false,
  left: true,
  no_show: true,
};

export function callerLeft(
  reason: CallerLeftReason,
  callsigns: readonly string[],
  extra: { qso?: QsoRecord; position?: number; rejoin?: boolean; retryAfterS?: number } = {},
): CallerLeft {
  return {
    callsigns: [...callsigns],
    reason,
    rejoin: extra.rejoin ?? REJOIN_ALLOWED[reason],
    qso: extra.qso ? loggedQsoSummary(extra.qso) : null,
    position: extra.position ?? null,
    retry_after_s: extra.retryAfterS ?? null,
  };
}

/** What a caller may see of a logged QSO: its own time, frequency and mode, never the lookup details. */
export function loggedQsoSummary(q: QsoRecord): LoggedQsoSummary {
  return {
    id: q.id,
    callsign: q.callsign,
    time_on: q.time_on,
    time_off: q.time_off,
    frequency: q.frequency,
    band: q.band,
    mode: q.mode,
  };
}
