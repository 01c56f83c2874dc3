/**
 * The protocol v2 operations the console calls, by what they do. Every name is checked against the server's
 * operations table through the SDK's generated types (`OperationName`, packages/client/src/generated/), so a
 * rename or removal there fails the type check here; inputs and results are typed the same way.
 */
import type { OperationInput, OperationName, OperationResult, StateSnapshot } from '@pileup-buster/client';

/** Protocol v2's own operations the console calls (they are not in the operations table). */
type ProtocolOperation = 'state.snapshot';

export const OPS = {
  snapshot: 'state.snapshot',
  setSystemStatus: 'admin.set_system_status',
  setQueuePause: 'admin.set_queue_pause',
  workNext: 'admin.next_qso',
  workSpecific: 'admin.work_callsign',
  completeQso: 'admin.complete_qso',
  cancelQso: 'admin.cancel_qso',
  callAgain: 'admin.call_again',
  noAnswer: 'admin.no_answer',
  getNoShowRule: 'admin.get_no_show_rule',
  setNoShowRule: 'admin.set_no_show_rule',
  startQso: 'admin.start_qso',
  removeCallsign: 'admin.remove_callsign',
  clearQueue: 'admin.clear_queue',
  banCallsign: 'admin.ban_callsign',
  unbanCallsign: 'admin.unban_callsign',
  listBans: 'admin.list_bans',
  setFrequency: 'admin.set_frequency',
  clearFrequency: 'admin.delete_frequency',
  setSplit: 'admin.set_split',
  clearSplit: 'admin.delete_split',
  setBeamHeading: 'admin.set_beam_heading',
  clearBeamHeading: 'admin.delete_beam_heading',
  setBeamVisibility: 'admin.set_beam_heading_visibility',
  qsoLog: 'admin.get_qsos',
  exportAdif: 'admin.export_adif',
  exportAdx: 'admin.export_adx',
  adifImportProgress: 'admin.get_adif_import',
  getSettings: 'admin.get_settings',
  updateSettings: 'admin.set_settings',
  getCooldown: 'admin.get_cooldown_rule',
  setCooldown: 'admin.set_cooldown_rule',
  changePassword: 'admin.change_password',
  connectInfo: 'admin.get_connect_info',
  metrics: 'admin.get_metrics',
  getRelay: 'admin.get_relay',
  getLookup: 'admin.get_lookup_status',
  setLookup: 'admin.set_lookup_config',
  getIntegrations: 'admin.get_integrations',
  setIntegrations: 'admin.set_integrations',
  setLoggerIntegration: 'admin.set_logger_integration',
  lookupCallsign: 'admin.lookup_callsign',
  clearWorked: 'admin.clear_worked_callers',
  undo: 'admin.undo',
  updateQso: 'admin.update_qso',
  deleteQso: 'admin.delete_qso',
  createPosition: 'admin.create_position',
  updatePosition: 'admin.update_position',
  deletePosition: 'admin.delete_position',
  moveCaller: 'admin.move_caller',
  setCallerRules: 'admin.set_caller_rules',
} as const satisfies Record<string, OperationName | ProtocolOperation>;

export type ConsoleOperation = (typeof OPS)[keyof typeof OPS];

/** What an operation takes, from the server's table. */
export type ConsoleInput<K extends ConsoleOperation> = K extends OperationName
  ? OperationInput<K>
  : undefined;

/** What an operation answers, from the server's table (`state.snapshot`: protocol v2's snapshot). */
export type ConsoleResult<K extends ConsoleOperation> = K extends OperationName
  ? OperationResult<K>
  : StateSnapshot;
