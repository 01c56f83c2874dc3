/**
 * A caller's registration as one flow: the checks and the place in the queue are decided inside one serial
 * command (the position's own refusals first: off, paused, banned, already there, cooldown, full; then the
 * camp's rules across positions); the entry is then written (registrations arriving together share one append)
 * and the answer given only once it is on disk.
 */
import { parseCallsign } from '../../../shared/callsign.js';
import type { LookupInfo } from '../../../shared/protocol/types.js';
import { OpError } from '../util/errors.js';
import type { PositionState } from './position.js';
import type { Camp } from './positions/camp.js';
import { reserveRegistration, settleRegistration } from './registration.js';
import type { StationWideState } from './station-wide.js';
import type { CommandContext, Logger, RegisterInput, RegisterResult } from './types.js';

export interface RegisterDeps {
  /** The position the caller joins and its command context (resolved inside the command). */
  at(positionId?: string): { position: PositionState; ctx: CommandContext };
  wide: StationWideState;
  camp: Camp<PositionState>;
  resolveNow: (callsign: string) => LookupInfo;
  run: <T>(command: () => Promise<T>) => Promise<T>;
  inFlight: Set<Promise<void>>;
  log: Logger;
  enrichLater: (callsign: string) => void;
}

export async function registerCaller(input: RegisterInput, d: RegisterDeps): Promise<RegisterResult> {
  const parsed = parseCallsign(input.callsign);
  if (!parsed.ok) throw new OpError(parsed.code, parsed.message);
  const reserved = await d.run(async () => {
    const { position, ctx } = d.at(input.positionId);
    const reservation = reserveRegistration(
      position,
      d.wide,
      { ...ctx, resolveNow: d.resolveNow },
      parsed,
      input,
      () => d.camp.checkJoin(position.id, parsed.callsign),
    );
    return { position, reservation };
  });
  const { position, reservation } = reserved;
  if (reservation.kind !== 'reserved') return reservation;
  await settleRegistration(position, reservation, { inFlight: d.inFlight, run: d.run, log: d.log });
  if (!input.manual) d.enrichLater(reservation.stored.callsign);
  return { kind: 'registered', entry: reservation.entry };
}
