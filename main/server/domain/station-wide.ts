import type {
  Ban,
  CooldownRule,
  NoShowRule,
  StationIdentity,
  WorkedCaller,
} from '../../../shared/protocol/types.js';
import type { IdentityRule } from './identity.js';
import { Moderation } from './moderation.js';
import type { QsoLog } from './qso-log.js';
import type { LoggerIntegrationState, WorkedView } from './state-schemas.js';
import type { CommandContext, StationSettings } from './types.js';
import { UndoJournal } from './undo.js';
import { workedCallers } from './worked.js';

/**
 * What the whole station shares, whatever position works a caller: the QSO log (one log), moderation (bans and
 * the cooldown), the operator settings, the station identity, the no-show rule, the undo journal, the logger
 * integration switch and the worked-callers view. What belongs to one operating position is in PositionState.
 */
export interface StationWideState {
  readonly qsos: QsoLog;
  readonly moderation: Moderation;
  /** Which callsigns are one operator for the cooldown and the duplicate check. */
  readonly identityRule: IdentityRule;
  readonly undo: UndoJournal;
  settings: StationSettings;
  identity: StationIdentity;
  noShow: NoShowRule;
  logger: LoggerIntegrationState;
  workedView: WorkedView;
}

/** The worked-callers view of the log now (newest first). */
export function workedNow(
  wide: Pick<StationWideState, 'qsos' | 'workedView' | 'settings'>,
  now: number,
): WorkedCaller[] {
  return workedCallers(wide.qsos.all, wide.workedView, wide.settings.workedWindowHours, now);
}

/** What the station-wide state starts from (loaded from the data files and the config file). */
export interface StationWideStart {
  qsos: QsoLog;
  bans: Ban[];
  cooldown: CooldownRule;
  settings: StationSettings;
  identity: StationIdentity;
  identityRule: IdentityRule;
  noShow: NoShowRule;
  logger: LoggerIntegrationState;
  worked: WorkedView;
}

/** Builds the station-wide state; moderation writes through `ctx.store` and announces through `ctx.emit`. */
export function createStationWide(start: StationWideStart, ctx: CommandContext): StationWideState {
  const { store, now, emit } = ctx;
  return {
    qsos: start.qsos,
    moderation: new Moderation(
      { bans: start.bans, cooldown: start.cooldown, qsos: start.qsos.all },
      {
        identityRule: start.identityRule,
        putBan: (ban) => store.putBan(ban),
        removeBan: (callsign) => store.removeBan(callsign),
        clearBans: () => store.clearBans(),
        putState: (key, value) => store.putState(key, value),
        now,
        emitBans: (payload) => emit('bans_update', payload),
        emitCooldownRule: (payload) => emit('cooldown_rule_update', payload),
      },
    ),
    identityRule: start.identityRule,
    undo: new UndoJournal({ now }),
    settings: { ...start.settings },
    identity: structuredClone(start.identity),
    noShow: start.noShow,
    logger: start.logger,
    workedView: start.worked,
  };
}
