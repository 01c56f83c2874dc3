import type { LookupInfo, QueueEntry } from '../../../shared/protocol/types.js';
import type { StoredQueueEntry } from '../store/store.js';
import { OpError } from '../util/errors.js';
import { isoAt } from '../util/time.js';
import { sameOperator } from './identity.js';
import { hasLookupData } from './manual-registration.js';
import type { PositionState } from './position.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext, Logger, RegisterInput } from './types.js';

/** What decides whether a callsign may join a position's queue now. */
export interface RegistrationFacts {
  active: boolean;
  paused: boolean;
  banned: boolean;
  /** The callsign itself is queued. */
  queued: boolean;
  /** The callsign being worked now, if any. */
  current: string | null;
  /** A queued callsign of the same operator (W1AW for W1AW/P), if any. */
  queuedAs: string | null;
  /** The callsign being worked now belongs to the same operator. */
  currentIsSameOperator: boolean;
  cooldownRemainingMs: number;
  queueLength: number;
  maxQueueSize: number;
}

/**
 * Why `callsign` may not register, or null when it may; the checks run in this order (the first that fails
 * answers): system off, queue paused, banned, already queued or being worked, one operator one place,
 * cooldown, queue full.
 */
export function registrationRefusal(callsign: string, f: RegistrationFacts): OpError | null {
  if (!f.active) {
    return new OpError('SYSTEM_INACTIVE', 'System is currently inactive. Registration is not available.');
  }
  if (f.paused)
    return new OpError('QUEUE_PAUSED', 'The queue is paused. Registration will open again shortly.');
  if (f.banned) return new OpError('CALLSIGN_BANNED', `Callsign ${callsign} is not allowed to register.`);
  if (f.queued) return new OpError('ALREADY_QUEUED', 'Callsign already in queue');
  if (f.current === callsign) {
    return new OpError('ALREADY_QUEUED', `Callsign ${callsign} is being worked right now`);
  }
  if (f.queuedAs)
    return new OpError('ALREADY_QUEUED', `${callsign} is already in the queue as ${f.queuedAs}`);
  if (f.current && f.currentIsSameOperator) {
    return new OpError('ALREADY_QUEUED', `${callsign} is being worked right now as ${f.current}`);
  }
  if (f.cooldownRemainingMs > 0) {
    const minutes = Math.ceil(f.cooldownRemainingMs / 60_000);
    return new OpError(
      'COOLDOWN',
      `Callsign ${callsign} was worked recently. It can register again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retry_after_s: Math.ceil(f.cooldownRemainingMs / 1000) },
    );
  }
  if (f.queueLength >= f.maxQueueSize) {
    return new OpError('QUEUE_FULL', `Queue is full. Maximum queue size is ${f.maxQueueSize}`);
  }
  return null;
}

/**
 * The lookup details a registration is queued with: what the lookup knows, or the caller's own details for a
 * callsign the lookup knows nothing about. Null when such a callsign came without them (the caller's page then
 * asks for them); CONFLICT when manual details come for a callsign the lookup knows.
 */
export function registrationLookup(
  callsign: string,
  known: LookupInfo,
  manual: RegisterInput['manual'],
): LookupInfo | null {
  if (manual) {
    if (hasLookupData(known)) {
      throw new OpError(
        'CONFLICT',
        `${callsign} is known to the lookup: register it with /api/queue/register (manual details are only for callsigns nothing is known about)`,
      );
    }
    return {
      ...known,
      name: manual.name,
      address: manual.location,
      dxcc_name: manual.country,
      source: 'manual',
    };
  }
  return hasLookupData(known) ? known : null;
}

/** The registration facts for `callsign` (base callsign `base`) on one position now. */
export function registrationFacts(
  position: PositionState,
  wide: StationWideState,
  callsign: string,
  base: string,
): RegistrationFacts {
  const current = position.qso.callsign;
  return {
    active: position.system.active,
    paused: position.system.paused,
    banned: wide.moderation.banFor(callsign, base) !== undefined,
    queued: position.queue.has(callsign),
    current,
    queuedAs: position.queue.queuedAs(callsign),
    currentIsSameOperator: current !== null && sameOperator([current], callsign, wide.identityRule) !== null,
    cooldownRemainingMs: wide.moderation.cooldownRemainingMs(callsign),
    queueLength: position.queue.length,
    maxQueueSize: wide.settings.maxQueueSize,
  };
}

export type Reservation =
  | { kind: 'reserved'; stored: StoredQueueEntry; written: Promise<void>; entry: QueueEntry }
  | { kind: 'requires_manual_data'; callsign: string };

/**
 * Inside a Station command: checks the registration (the position's own refusals, then `campRule`: the rules
 * across positions, which throws its refusal), takes the caller's place in the queue and starts the write (not
 * awaited: registrations arriving together share one append). Throws the refusal.
 */
export function reserveRegistration(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext & { resolveNow(callsign: string): LookupInfo },
  parsed: { callsign: string; base: string },
  input: RegisterInput,
  campRule?: () => void,
): Reservation {
  const { callsign } = parsed;
  const refusal = registrationRefusal(callsign, registrationFacts(position, wide, callsign, parsed.base));
  if (refusal) throw refusal;
  campRule?.();
  const qrz = registrationLookup(callsign, ctx.resolveNow(callsign), input.manual);
  if (!qrz) return { kind: 'requires_manual_data', callsign };
  const now = ctx.now();
  const stored: StoredQueueEntry = {
    callsign,
    timestamp: isoAt(now),
    order: position.queue.takeOrder(),
    qrz,
    ...(input.secretHash ? { leave_secret_hash: input.secretHash } : {}),
  };
  const written = ctx.store.insertQueueEntry(stored);
  const entry = position.queue.view(position.queue.push(stored), now);
  return { kind: 'reserved', stored, written, entry };
}

/**
 * After the reservation, outside the command: waits until the entry is on disk. Should the write fail, the
 * reserved place is released again (as a command) and the caller gets STORE_UNAVAILABLE; otherwise a
 * queue_update is owed once all the registrations written together have been answered.
 */
export async function settleRegistration(
  position: PositionState,
  reserved: Extract<Reservation, { kind: 'reserved' }>,
  deps: { inFlight: Set<Promise<void>>; run: (change: () => Promise<void>) => Promise<void>; log: Logger },
): Promise<void> {
  const { stored, written } = reserved;
  deps.inFlight.add(written);
  try {
    await written;
  } catch (err) {
    await deps.run(async () => {
      if (position.queue.release(stored)) position.publisher.markDirty();
    });
    deps.log('error', err instanceof Error ? err.message : String(err));
    throw new OpError(
      'STORE_UNAVAILABLE',
      'The data store cannot be written right now; nothing was changed.',
    );
  } finally {
    deps.inFlight.delete(written);
  }
  position.publisher.markDirty();
  position.publisher.scheduleFlush();
}
