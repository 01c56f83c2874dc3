/**
 * The protocol v2 operations the console calls, in one place. Names come from the server's operations table
 * (main/server/operations/); a rename there is a one-line change here.
 */
export const OPS = {
  snapshot: 'state.snapshot',
  setSystemStatus: 'admin.set_system_status',
  setQueuePause: 'admin.set_queue_pause',
  workNext: 'admin.next_qso',
  workSpecific: 'admin.work_callsign',
  completeQso: 'admin.complete_qso',
  cancelQso: 'admin.cancel_qso',
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
  getSettings: 'admin.get_settings',
  updateSettings: 'admin.set_settings',
  getCooldown: 'admin.get_cooldown_rule',
  setCooldown: 'admin.set_cooldown_rule',
  changePassword: 'admin.change_password',
  connectInfo: 'admin.get_connect_info',
  metrics: 'admin.get_metrics',
  getLookup: 'admin.get_lookup_status',
  setLookup: 'admin.set_lookup_config',
  getIntegrations: 'admin.get_integrations',
  setIntegrations: 'admin.set_integrations',
  setLoggerIntegration: 'admin.set_logger_integration',
} as const;

export type ConsoleOperation = (typeof OPS)[keyof typeof OPS];
