/**
 * Protocol v2's `state.snapshot`: the public state (the default position's, as `public.get_state` answers it),
 * the operator's part on operator connections, and with `{positions}` the state of those positions, every
 * position as positions.list shows it and the caller rules, all at one seq (the reads are synchronous, so no
 * event comes between them).
 */
import type { PositionSnapshot, StateSnapshot } from '../../../../../shared/protocol/v2.js';
import { snapshotInputSchema } from '../../../../../shared/protocol/v2.js';
import type { OpContext } from '../../../operations/define.js';
import { runOperation } from '../../../operations/table.js';
import { OpError } from '../../../util/errors.js';

export async function stateSnapshot(
  ctx: OpContext,
  admin: boolean,
  data: Record<string, unknown>,
): Promise<StateSnapshot> {
  const parsed = snapshotInputSchema.safeParse(data);
  if (!parsed.success) {
    throw new OpError(
      'VALIDATION_ERROR',
      `Invalid state.snapshot input: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  const selection = parsed.data.positions;
  const s = ctx.station;
  const ids = selection === 'all' ? s.positions.ids() : (selection ?? []);
  // Every id is checked before anything is read: an unknown one is POSITION_NOT_FOUND.
  for (const id of ids) s.positions.isActive(id);
  const state = await runOperation('public.get_state', ctx, {});
  const snapshot: StateSnapshot = { ...state, admin: admin ? adminPart(ctx) : null };
  if (selection === undefined || selection === null) return snapshot;
  const positions: Record<string, PositionSnapshot> = {};
  for (const id of ids) {
    const entry: PositionSnapshot = { public: s.positions.publicState(id) };
    if (admin) entry.admin = s.positions.adminState(id);
    positions[id] = entry;
  }
  return {
    ...snapshot,
    positions,
    position_list: s.positions.list(),
    caller_rules: s.positions.callerRules(),
  };
}

/** The operator's part: the default position's unfiltered state and the station-wide rules and settings. */
function adminPart(ctx: OpContext): Record<string, unknown> {
  const s = ctx.station;
  return {
    system: s.getSystem(),
    current_qso: s.getCurrentQso(),
    bans: s.getBans(),
    cooldown_rule: s.getCooldownRule(),
    settings: s.settingsPayload(),
    beam: {
      beam_heading: s.getBeam().beam_heading,
      beam_heading_visible: s.getBeam().beam_heading_visible,
    },
    logger_integration: s.getLoggerIntegration(),
  };
}
