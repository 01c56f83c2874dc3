import type { AdminPositionState, PositionView } from '../../../../shared/protocol/positions.js';
import type { PublicState } from '../../../../shared/protocol/public-state.js';
import type { CurrentQso, QueueEntry, QueueUpdate } from '../../../../shared/protocol/types.js';
import type { Clock } from '../../util/time.js';
import { queueUpdateOf, type PositionState } from '../position.js';
import { adminPositionStateOf, publicStateOf, snapshotEvents, type SnapshotEvents } from '../snapshot.js';
import type { CallerRules } from './caller-rules.js';
import * as campCommands from './commands.js';
import type { CampCommandDeps } from './commands.js';
import type { CreatePositionInput, UpdatePositionInput } from './position.js';
import type { Slot } from './slots.js';

type Run = <T>(command: () => Promise<T>) => Promise<T>;

/**
 * The Station's operating positions, as `station.positions`: the reads of the camp and its commands, each
 * command run through the Station's one serial executor (`run`), like every other command.
 */
export class StationPositions {
  constructor(
    private readonly run: Run,
    private readonly deps: CampCommandDeps,
    private readonly at: (positionId: string) => { position: PositionState },
    private readonly clock: Clock,
  ) {}

  /** Every operating position, the default one first. */
  list(): PositionView[] {
    return this.deps.camp.list(this.deps.wide.settings.maxQueueSize);
  }

  callerRules(): CallerRules {
    return { ...this.deps.camp.rules };
  }

  /** The band-mode slots the operator behind a callsign has in the log. */
  workedSlots(callsign: string): Slot[] {
    return this.deps.camp.worked.of(callsign);
  }

  /** A position's queue as queue_update carries it (`limit` caps the entries listed). */
  queue(positionId: string, limit = Infinity): QueueUpdate {
    return queueUpdateOf(this.at(positionId).position, this.deps.wide, this.clock.now(), limit);
  }

  /** A position's public state (the shape of `GET /api/public/state`) at the seq it reflects. */
  publicState(positionId: string): PublicState {
    const { position } = this.at(positionId);
    return publicStateOf(position, this.deps.wide, this.clock.now(), this.deps.events.seq);
  }

  /** The operator's part of a position's state (unfiltered system state, current QSO, radio, beam). */
  adminState(positionId: string): AdminPositionState {
    return adminPositionStateOf(this.at(positionId).position);
  }

  /** A position's state as the state events a fresh subscriber needs (see Station.snapshotEvents). */
  snapshotEvents(positionId: string, audience: 'public' | 'admin'): SnapshotEvents {
    const { position } = this.at(positionId);
    return snapshotEvents(position, this.deps.wide, this.clock.now(), audience);
  }

  /** The ids of every operating position, the default one first. */
  ids(): string[] {
    return [...this.deps.camp.ids()];
  }

  /** A caller's entry in a position's queue with its live place, or null. */
  findQueued(positionId: string, callsign: string): QueueEntry | null {
    const { queue } = this.at(positionId).position;
    const index = queue.indexOf(callsign);
    return index < 0 ? null : queue.view(index, this.clock.now());
  }

  /** A position's frequency with band and mode, and who set it (POSITION_NOT_FOUND for an unknown id). */
  frequency(positionId: string): ReturnType<PositionState['radio']['getFrequency']> {
    return this.at(positionId).position.radio.getFrequency();
  }

  /** Whether a position is on. */
  isActive(positionId: string): boolean {
    return this.at(positionId).position.system.active;
  }

  /** A position's current QSO (null while it is off, unless `always`). */
  currentQso(positionId: string, always = false): CurrentQso | null {
    const { position } = this.at(positionId);
    return position.system.active || always ? position.qso.get() : null;
  }

  create(input: CreatePositionInput, actor: string): Promise<PositionView> {
    return this.run(() => campCommands.createPosition(this.deps, input, actor));
  }

  update(input: UpdatePositionInput, actor: string): Promise<PositionView> {
    return this.run(() => campCommands.updatePosition(this.deps, input, actor));
  }

  delete(positionId: string): Promise<{ deleted: string }> {
    return this.run(() => campCommands.deletePosition(this.deps, positionId));
  }

  moveCaller(
    input: Parameters<typeof campCommands.moveCaller>[1],
  ): ReturnType<typeof campCommands.moveCaller> {
    return this.run(() => campCommands.moveCaller(this.deps, input));
  }

  setCallerRules(rules: CallerRules): Promise<CallerRules> {
    return this.run(() => campCommands.setCallerRules(this.deps, rules));
  }
}
