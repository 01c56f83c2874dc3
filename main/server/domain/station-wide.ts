import type { NoShowRule, StationIdentity, WorkedCaller } from '../../../shared/protocol/types.js';
import type { IdentityRule } from './identity.js';
import type { Moderation } from './moderation.js';
import type { QsoLog } from './qso-log.js';
import type { LoggerIntegrationState, WorkedView } from './state-schemas.js';
import type { StationSettings } from './types.js';
import type { UndoJournal } from './undo.js';
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
