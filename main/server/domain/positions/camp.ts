import type { PositionView } from '../../../../shared/protocol/positions.js';
import type { PositionsFile, StoredPosition } from '../../store/positions-file.js';
import type { QueueState } from '../queue.js';
import {
  checkJoin,
  DEFAULT_CALLER_RULES,
  placesOf,
  queuesAtLimit,
  type CallerRules,
  type Seat,
} from './caller-rules.js';
import {
  DEFAULT_POSITION_ID,
  DEFAULT_POSITION_NAME,
  checkCreate,
  checkDelete,
  checkNameFree,
  newPositionId,
  requirePosition,
  type PositionDefinition,
} from './position.js';
import { slotOf, type Slot, type WorkedSlots } from './slots.js';

/** What the camp needs to know of one position's live state (the Station's PositionState has it). */
export interface CampPosition {
  readonly id: string;
  system: { active: boolean; paused: boolean };
  readonly queue: QueueState;
  readonly qso: { readonly callsign: string | null };
  readonly radio: {
    getFrequency(): { frequency: string | null; band: string | null; mode: string | null };
    getSplit(): { split: string | null };
    getBeam(): { beam_heading: number | null };
  };
}

/**
 * The camp: every operating position of the station, in creation order (the default one first), with their
 * definitions (positions.db), the caller rules and the band-mode slots every operator has in the log. It holds
 * state and decides; the Station runs it inside its serial commands, builds each position's live state and
 * writes everything else.
 *
 * With the default position alone the station is what it was before positions existed: the cross-position
 * rules (slot needed, at most N queues) apply only while a second position exists.
 */
export class Camp<P extends CampPosition> {
  private readonly entries = new Map<string, { def: PositionDefinition; state: P }>();
  /** The seats of the caller rules, built once per change of the positions (registrations ask every time). */
  private seatList: Seat[] | null = null;
  /** The slot of each frequency state seen (a registration asks for the target's every time). */
  private readonly slots = new Map<string, Slot | null>();
  rules: CallerRules;
  readonly worked: WorkedSlots;

  constructor(
    readonly file: PositionsFile,
    defaultPosition: P,
    /** `worked`: the slots every operator has in the log, kept in step with it (WorkedSlots.following). */
    opts: { rules?: CallerRules; worked: WorkedSlots },
  ) {
    const stored = file.get(DEFAULT_POSITION_ID);
    this.entries.set(DEFAULT_POSITION_ID, {
      def: {
        id: DEFAULT_POSITION_ID,
        name: stored?.name ?? DEFAULT_POSITION_NAME,
        created_at: stored?.created_at ?? '1970-01-01T00:00:00.000Z',
      },
      state: defaultPosition,
    });
    this.rules = { ...(opts.rules ?? DEFAULT_CALLER_RULES) };
    this.worked = opts.worked;
  }

  /** The positions defined besides the default one, as stored. */
  storedOthers(): StoredPosition[] {
    return this.file.all().filter((p) => p._id !== DEFAULT_POSITION_ID);
  }

  get size(): number {
    return this.entries.size;
  }

  ids(): Set<string> {
    return new Set(this.entries.keys());
  }

  /** A position's live state (the default one when no id is given); POSITION_NOT_FOUND for an unknown id. */
  get(id: string = DEFAULT_POSITION_ID): P {
    return requirePosition(this.entries, id).state;
  }

  definition(id: string): PositionDefinition {
    return { ...requirePosition(this.entries, id).def };
  }

  all(): P[] {
    return [...this.entries.values()].map((e) => e.state);
  }

  /** Adds a position's live state (at start-up, or once its creation was written). */
  add(def: PositionDefinition, state: P): void {
    this.entries.set(def.id, { def, state });
    this.seatList = null;
  }

  /** The band-mode slot a position works now, from its frequency (null while band or mode is unknown). */
  slotOf(p: P): Slot | null {
    const f = p.radio.getFrequency();
    const key = `${f.frequency ?? ''}|${f.band ?? ''}|${f.mode ?? ''}`;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      if (this.slots.size >= 256) this.slots.clear();
      slot = slotOf(f);
      this.slots.set(key, slot);
    }
    return slot;
  }

  /** Cross-position refusals of a registration at `targetId` (none while only the default position exists). */
  checkJoin(targetId: string, callsign: string): void {
    if (this.entries.size < 2) return;
    checkJoin({
      seats: this.seats(),
      targetId,
      slot: this.slotOf(this.get(targetId)),
      callsign,
      worked: this.worked,
      rules: this.rules,
    });
  }

  /**
   * Where the operator behind `callsign` waits when the queue limit forbids putting them (back) into the queue
   * at `targetId` ("run-3", "run-2, run-3"), or null when it allows it (one position, or room under the limit).
   */
  waitsElsewhere(targetId: string, callsign: string): string | null {
    if (this.entries.size < 2) return null;
    const elsewhere = queuesAtLimit(placesOf(this.seats(), callsign), targetId, this.rules);
    return elsewhere === null ? null : elsewhere.map((p) => p.position_id).join(', ');
  }

  /** Whether the slot rule refuses nobody right now (one position, or dupes allowed). */
  get slotRuleOff(): boolean {
    return this.entries.size < 2 || this.rules.allow_dupes;
  }

  seats(): Seat[] {
    this.seatList ??= this.all().map((p) => ({ id: p.id, queuedAs: (c: string) => p.queue.queuedAs(c) }));
    return this.seatList;
  }

  view(id: string, maxSize: number): PositionView {
    const { def, state } = requirePosition(this.entries, id);
    const f = state.radio.getFrequency();
    return {
      id: def.id,
      name: def.name,
      is_default: def.id === DEFAULT_POSITION_ID,
      created_at: def.created_at,
      frequency: f.frequency,
      band: f.band,
      mode: f.mode,
      split: state.radio.getSplit().split,
      beam_heading: state.radio.getBeam().beam_heading,
      active: state.system.active,
      paused: state.system.paused,
      queue_length: state.system.active ? state.queue.length : 0,
      max_size: maxSize,
      current_callsign: state.system.active ? state.qso.callsign : null,
    };
  }

  list(maxSize: number): PositionView[] {
    return [...this.entries.keys()].map((id) => this.view(id, maxSize));
  }

  /** Checks a new position and gives it its id (nothing is written yet). */
  planCreate(name: string, askedId: string | undefined, at: string): PositionDefinition {
    const defs = [...this.entries.values()].map((e) => e.def);
    checkCreate(defs, name);
    return { id: newPositionId(this.ids(), name, askedId), name: name.trim(), created_at: at };
  }

  /** Checks a rename (nothing is written yet). */
  checkRename(id: string, name: string): void {
    requirePosition(this.entries, id);
    checkNameFree(
      [...this.entries.values()].map((e) => e.def),
      name,
      id,
    );
  }

  /** Renames a position in memory, once its document was written. */
  rename(id: string, name: string): void {
    const entry = requirePosition(this.entries, id);
    entry.def = { ...entry.def, name: name.trim() };
  }

  /** Checks that a position may be deleted (not the default one, nobody waiting or worked there). */
  checkDelete(id: string): void {
    const { state } = requirePosition(this.entries, id);
    checkDelete(id, state.queue.length, state.qso.callsign);
  }

  remove(id: string): void {
    this.entries.delete(id);
    this.seatList = null;
  }
}
