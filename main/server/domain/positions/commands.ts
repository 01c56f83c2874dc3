import type { PositionView } from '../../../../shared/protocol/positions.js';
import { OpError } from '../../util/errors.js';
import { isoAt } from '../../util/time.js';
import type { EventHub } from '../event-hub.js';
import { identityOf } from '../identity.js';
import { callerLeft } from '../leave.js';
import { removeFromQueue, type PositionState } from '../position.js';
import { setActive, setPaused } from '../position-commands.js';
import type { StationWideState } from '../station-wide.js';
import type { CommandContext, Logger } from '../types.js';
import type { CallerRules } from './caller-rules.js';
import { saveDefaultPosition } from './caller-rules-store.js';
import type { Camp } from './camp.js';
import { applyMove, planMove } from './move.js';
import {
  DEFAULT_POSITION_ID,
  EMPTY_RADIO,
  radioFrom,
  type CreatePositionInput,
  type UpdatePositionInput,
} from './position.js';
import { initialStateOf, startOfStoredPosition, type StoredPositionStart } from './position-state.js';

/**
 * The commands on the camp of positions, run inside a Station command (so they are serial with every other
 * command): create, change and delete positions, move a caller between them, set the caller rules. Each
 * writes first (positions.db, queue.db), then changes memory, then announces (`position_update`).
 */
export interface CampCommandDeps {
  camp: Camp<PositionState>;
  wide: StationWideState;
  contexts: Map<string, CommandContext>;
  events: EventHub;
  /** The store as the default position writes it (moves rewrite queue documents with it). */
  ctx: CommandContext;
  buildPosition: (id: string, start: StoredPositionStart) => PositionState;
  log: Logger;
}

function announce(d: CampCommandDeps, id: string, view: PositionView | null): void {
  d.events.emit('position_update', { position_id: id, position: view }, id);
}

function viewOf(d: CampCommandDeps, id: string): PositionView {
  return d.camp.view(id, d.wide.settings.maxQueueSize);
}

export async function createPosition(
  d: CampCommandDeps,
  input: CreatePositionInput,
  actor: string,
): Promise<PositionView> {
  const at = isoAt(d.ctx.now());
  const def = d.camp.planCreate(input.name, input.id, at);
  const state = initialStateOf(radioFrom(input, EMPTY_RADIO), actor, at);
  const doc = { _id: def.id, name: def.name, created_at: at, state };
  await d.camp.file.put(doc);
  d.camp.add(def, d.buildPosition(def.id, startOfStoredPosition(doc, d.log)));
  const view = viewOf(d, def.id);
  announce(d, def.id, view);
  return view;
}

export async function updatePosition(
  d: CampCommandDeps,
  input: UpdatePositionInput,
  actor: string,
): Promise<PositionView> {
  const id = input.position_id;
  const position = d.camp.get(id);
  const ctx = d.contexts.get(id)!;
  if (input.name !== undefined) {
    d.camp.checkRename(id, input.name);
    const at = isoAt(ctx.now());
    if (id === DEFAULT_POSITION_ID) await saveDefaultPosition(d.camp.file, { name: input.name.trim() }, at);
    else {
      const doc = d.camp.file.get(id)!;
      await d.camp.file.put({ ...doc, name: input.name.trim() });
    }
    d.camp.rename(id, input.name);
  }
  const { radio } = position;
  const f = radio.getFrequency();
  const next = radioFrom(input, { ...EMPTY_RADIO, frequency: f.frequency, band: f.band, mode: f.mode });
  if (input.frequency === null) await radio.clearFrequency(actor);
  else if (
    next.frequency !== null &&
    (input.frequency !== undefined || input.band !== undefined || input.mode !== undefined)
  ) {
    await radio.setFrequency({ frequency: next.frequency, band: next.band, mode: next.mode }, actor);
  }
  if (input.split === null) await radio.clearSplit(actor);
  else if (input.split !== undefined) await radio.setSplit(input.split, actor);
  if (input.beam_heading !== undefined) {
    await radio.setBeamHeading(input.beam_heading ?? null);
    await radio.setBeamHeadingVisible(input.beam_heading !== null);
  }
  if (input.active !== undefined) await setActive(position, d.wide, ctx, input.active, actor);
  if (input.paused !== undefined) await setPaused(position, ctx, input.paused, actor);
  const view = viewOf(d, id);
  announce(d, id, view);
  return view;
}

export async function deletePosition(d: CampCommandDeps, id: string): Promise<{ deleted: string }> {
  d.camp.checkDelete(id);
  await d.camp.file.remove(id);
  d.camp.remove(id);
  d.contexts.delete(id);
  // its actions can no longer be undone (a position created later with the same id is another one)
  d.wide.undo.clearPosition(id);
  announce(d, id, null);
  return { deleted: id };
}

/**
 * Moves a waiting caller to another position's queue (see move.ts for what is kept and what is refused). The
 * source is the one given, or the one position where the caller waits.
 */
export async function moveCaller(
  d: CampCommandDeps,
  input: {
    callsign: string;
    to_position_id: string;
    from_position_id?: string | undefined;
    place?: number | undefined;
  },
): Promise<{ callsign: string; from_position_id: string; to_position_id: string; position: number }> {
  const fromId = input.from_position_id ?? soleQueueOf(d.camp, input.callsign);
  const source = d.camp.get(fromId);
  const target = d.camp.get(input.to_position_id);
  const rule = d.wide.identityRule;
  const plan = planMove({
    source: source.queue,
    target: target.queue,
    targetId: target.id,
    callsign: input.callsign,
    targetMaxSize: d.wide.settings.maxQueueSize,
    targetCurrent: target.qso.callsign,
    sameOperator: (a, b) => identityOf(a, rule) === identityOf(b, rule),
    targetSlot: d.camp.slotRuleOff ? null : d.camp.slotOf(target),
    worked: d.camp.worked,
    rules: d.camp.rules,
    ...(input.place !== undefined ? { place: input.place } : {}),
  });
  // One rewrite of the caller's document: a crash leaves them in exactly one queue.
  await d.ctx.store.updateQueueEntry(plan.entry);
  applyMove(plan, source.queue, target.queue);
  source.publisher.markDirty();
  target.publisher.markDirty();
  return {
    callsign: input.callsign,
    from_position_id: source.id,
    to_position_id: target.id,
    position: plan.toIndex + 1,
  };
}

function soleQueueOf(camp: Camp<PositionState>, callsign: string): string {
  const where = camp.all().filter((p) => p.queue.has(callsign));
  if (where.length === 1) return where[0]!.id;
  if (where.length === 0) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
  throw new OpError(
    'CONFLICT',
    `${callsign} waits at ${where.map((p) => p.id).join(' and ')}: say which queue to move them from`,
  );
}

/** A banned caller also leaves the queues of the positions other than the default one (the ban command takes them out of the default one). */
export async function removeBannedElsewhere(
  camp: Camp<PositionState>,
  contexts: Map<string, CommandContext>,
  callsign: string,
): Promise<void> {
  for (const p of camp.all()) {
    if (p.id === DEFAULT_POSITION_ID) continue;
    const index = p.queue.indexOf(callsign);
    if (index < 0) continue;
    const ctx = contexts.get(p.id)!;
    await removeFromQueue(p, ctx, index);
    ctx.emit('caller_left', callerLeft('banned', [callsign]));
  }
}

export async function setCallerRules(d: CampCommandDeps, rules: CallerRules): Promise<CallerRules> {
  await saveDefaultPosition(d.camp.file, { rules }, isoAt(d.ctx.now()));
  d.camp.rules = { ...rules };
  d.events.emit('caller_rules_update', { ...rules });
  return { ...rules };
}
