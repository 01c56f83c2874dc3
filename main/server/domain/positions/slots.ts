import {
  ADIF_SUBMODE_PARENT,
  bandForHz,
  normalizeMode,
  parseFrequencyToHz,
} from '../../../../shared/radio.js';
import { identityOf, type IdentityRule } from '../identity.js';
import type { QsoLog } from '../qso-log.js';

/**
 * A band-mode slot: what a DXpedition caller needs ("20m CW", "40m FT8"). A caller who already has a slot in
 * the log does not need it again; a second QSO in it is a dupe.
 */
export interface Slot {
  band: string;
  mode: string;
}

export function slotKey(slot: Slot): string {
  return `${slot.band} ${slot.mode}`;
}

/** "20m CW, 40m FT8" for messages. */
export function describeSlots(slots: readonly Slot[]): string {
  return slots.map(slotKey).join(', ');
}

/**
 * The slot of what a record or a position says: the band given (else the frequency's), the mode by its
 * everyday name (an ADIF submode such as FT4 under MFSK counts as FT4; USB and LSB as SSB). Null when the band
 * or the mode is unknown: such a QSO fills no slot and such a position refuses nobody for a slot.
 */
export function slotOf(r: {
  band?: string | null;
  frequency?: string | null;
  mode?: string | null;
  submode?: string | null;
}): Slot | null {
  let band = r.band ?? null;
  if (band === null && r.frequency) {
    const hz = parseFrequencyToHz(r.frequency);
    band = hz === null ? null : bandForHz(hz);
  }
  const sub = r.submode ? r.submode.toUpperCase() : null;
  const named = sub !== null && r.mode && ADIF_SUBMODE_PARENT[sub] === r.mode.toUpperCase() ? sub : r.mode;
  const mode = named ? normalizeMode(named) : null;
  if (band === null || band === '' || mode === null) return null;
  return { band: band.toLowerCase(), mode };
}

/**
 * Which slots each operator (identity, domain/identity.ts) has in the QSO log. It only holds state; the
 * Station notes each QSO logged and rebuilds it when the log changes otherwise (edits, deletions, the whole
 * log read in the background).
 */
export class WorkedSlots {
  private readonly byIdentity = new Map<string, Map<string, Slot>>();

  constructor(private readonly rule: IdentityRule) {}

  /**
   * Slots kept in step with a QSO log: QSOs added are noted at once; after any other change (an edit, a
   * deletion, the whole log read in the background) the slots are rebuilt from the log when next asked.
   */
  static following(log: QsoLog, rule: IdentityRule): WorkedSlots {
    const slots = WorkedSlots.from(log.all, rule);
    log.watch({
      added: (records) => {
        if (!slots.stale) for (const r of records) slots.note(r);
      },
      changed: () => {
        slots.stale = () => log.all;
      },
    });
    return slots;
  }

  /** Where to rebuild from before the next answer (the log changed other than by additions), or null. */
  private stale: (() => Iterable<SlotSource>) | null = null;

  private fresh(): void {
    if (!this.stale) return;
    const source = this.stale;
    this.stale = null;
    this.rebuild(source());
  }

  static from(records: Iterable<SlotSource>, rule: IdentityRule): WorkedSlots {
    const slots = new WorkedSlots(rule);
    slots.rebuild(records);
    return slots;
  }

  rebuild(records: Iterable<SlotSource>): void {
    this.byIdentity.clear();
    for (const r of records) this.note(r);
  }

  note(record: SlotSource): void {
    const slot = slotOf(record);
    if (!slot) return;
    const id = identityOf(record.callsign, this.rule);
    let slots = this.byIdentity.get(id);
    if (!slots) this.byIdentity.set(id, (slots = new Map<string, Slot>()));
    slots.set(slotKey(slot), slot);
  }

  /** The slots the operator behind `callsign` has, sorted by band then mode. */
  of(callsign: string): Slot[] {
    this.fresh();
    const slots = this.byIdentity.get(identityOf(callsign, this.rule));
    if (!slots) return [];
    return [...slots.values()].sort((a, b) => slotKey(a).localeCompare(slotKey(b)));
  }

  has(callsign: string, slot: Slot): boolean {
    this.fresh();
    return this.byIdentity.get(identityOf(callsign, this.rule))?.has(slotKey(slot)) ?? false;
  }
}

export interface SlotSource {
  callsign: string;
  band?: string | null;
  frequency?: string | null;
  mode?: string | null;
  submode?: string | null;
}
