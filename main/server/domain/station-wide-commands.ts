import type {
  Ban,
  NoShowRule,
  QsoRecord,
  QueueEntry,
  StationIdentity,
} from '../../../shared/protocol/types.js';
import type { StoredQso } from '../store/store.js';
import { OpError } from '../util/errors.js';
import { isoAt } from '../util/time.js';
import { callerLeft } from './leave.js';
import { toRecord } from './load.js';
import { removeFromQueue, type PositionState } from './position.js';
import { settingsPayload } from './snapshot.js';
import { STATE_KEYS, type LoggerIntegrationState, type WorkedView } from './state-schemas.js';
import { mergeIdentity, type StationIdentityPatch } from './station-identity.js';
import { workedNow, type StationWideState } from './station-wide.js';
import type { CommandContext, StationSettings } from './types.js';

/**
 * The commands on what the whole station shares (identity, settings, the no-show rule, the logger switch, the
 * worked view, imports into the log, bans), run inside a Station command: each writes first (the store or the
 * config file), then changes memory, then announces.
 */

function emitWorkedList(wide: StationWideState, ctx: CommandContext): void {
  const worked = workedNow(wide, ctx.now());
  ctx.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
}

/** Saves a change of the station identity (callsign, operator, message, default reports). */
export async function setIdentity(
  wide: StationWideState,
  ctx: CommandContext,
  patch: StationIdentityPatch,
  save?: (identity: StationIdentity) => Promise<void>,
): Promise<StationIdentity> {
  const next = mergeIdentity(wide.identity, patch);
  if (save) await save(next);
  wide.identity = next;
  ctx.emit('settings_update', settingsPayload(wide.settings, wide.identity));
  return structuredClone(wide.identity);
}

/**
 * Saves the operator settings; a new queue size is owed to each position's queue_update (`queueLimitChanged`),
 * a new worked window re-announces the worked callers.
 */
export async function updateSettings(
  wide: StationWideState,
  ctx: CommandContext,
  patch: Partial<StationSettings>,
  hooks: { save?: (settings: StationSettings) => Promise<void>; queueLimitChanged(): void },
): Promise<StationSettings> {
  const next = { ...wide.settings, ...patch };
  if (hooks.save) await hooks.save(next);
  const windowChanged = next.workedWindowHours !== wide.settings.workedWindowHours;
  const sizeChanged = next.maxQueueSize !== wide.settings.maxQueueSize;
  wide.settings = next;
  ctx.emit('settings_update', settingsPayload(wide.settings, wide.identity));
  if (sizeChanged) hooks.queueLimitChanged();
  if (windowChanged) emitWorkedList(wide, ctx);
  return { ...wide.settings };
}

export async function setNoShowRule(
  wide: StationWideState,
  ctx: CommandContext,
  rule: NoShowRule,
): Promise<NoShowRule> {
  await ctx.store.putState(STATE_KEYS.noShow, rule);
  wide.noShow = { ...rule };
  ctx.emit('no_show_rule_update', { ...wide.noShow });
  return { ...wide.noShow };
}

export async function setLoggerIntegration(
  wide: StationWideState,
  ctx: CommandContext,
  enabled: boolean,
  actor: string,
): Promise<LoggerIntegrationState> {
  const next = { enabled, last_updated: isoAt(ctx.now()), updated_by: actor };
  await ctx.store.putState(STATE_KEYS.logger, next);
  wide.logger = next;
  return { ...next };
}

/**
 * Adds QSOs from another log (an ADIF import) in one write. `isDuplicate` runs inside the command, so a QSO
 * logged meanwhile is seen. Imported QSOs are history: they do not take anyone out of the queue.
 */
export async function importQsos(
  wide: StationWideState,
  ctx: CommandContext,
  batch: readonly StoredQso[],
  isDuplicate: (q: StoredQso) => boolean,
): Promise<QsoRecord[]> {
  const fresh = batch.filter((q) => !isDuplicate(q));
  if (fresh.length === 0) return [];
  const records = (await ctx.store.insertQsos(fresh)).map(toRecord);
  wide.qsos.addMany(records);
  for (const r of records) wide.moderation.noteWorked(r);
  emitWorkedList(wide, ctx);
  return records;
}

/** Hides every QSO so far from the worked-callers view. The QSO log keeps them. */
export async function clearWorked(wide: StationWideState, ctx: CommandContext): Promise<number> {
  const count = workedNow(wide, ctx.now()).length;
  const next: WorkedView = { cleared_at: isoAt(ctx.now()), ttl_reset_at: null };
  await ctx.store.putState(STATE_KEYS.worked, next);
  wide.workedView = next;
  ctx.emit('worked_callers_update', { worked_callers: [], total: 0 });
  return count;
}

/** Keeps every worked caller now shown visible for one more full window, counted from now. */
export async function refreshWorkedWindow(
  wide: StationWideState,
  ctx: CommandContext,
): Promise<{ modified_count: number; new_expires_at: string }> {
  const now = ctx.now();
  const next: WorkedView = { ...wide.workedView, ttl_reset_at: isoAt(now) };
  await ctx.store.putState(STATE_KEYS.worked, next);
  wide.workedView = next;
  const worked = workedNow(wide, now);
  ctx.emit('worked_callers_update', { worked_callers: worked, total: worked.length });
  return {
    modified_count: worked.length,
    new_expires_at: isoAt(now + wide.settings.workedWindowHours * 3_600_000),
  };
}

/** Bans a callsign; a caller with it queued on the position is removed. With `requireQueued`, refuses one not queued. */
export async function ban(
  position: PositionState,
  wide: StationWideState,
  ctx: CommandContext,
  callsign: string,
  reason: string | null,
  actor: string,
  opts: { requireQueued?: boolean } = {},
): Promise<{ ban: Ban; removed: QueueEntry | null }> {
  const index = position.queue.indexOf(callsign);
  if (index < 0 && opts.requireQueued) throw new OpError('NOT_FOUND', 'Callsign not found in queue');
  const made = await wide.moderation.ban(callsign, reason, actor);
  let removed: QueueEntry | null = null;
  if (index >= 0) {
    removed = position.queue.view(index, ctx.now());
    await removeFromQueue(position, ctx, index);
  }
  wide.moderation.announceBans();
  if (removed) ctx.emit('caller_left', callerLeft('banned', [removed.callsign]));
  return { ban: made, removed };
}

export async function unban(wide: StationWideState, callsign: string): Promise<Ban> {
  const removed = await wide.moderation.unban(callsign);
  if (!removed) throw new OpError('NOT_FOUND', `Callsign ${callsign} is not banned`);
  return removed;
}
