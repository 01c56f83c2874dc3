/**
 * Every action the console offers, by the label its button (or menu item) shows and docs/console.md names in
 * bold, with the protocol v2 operations it sends. The docs test (docs.test.ts) checks that the page names each
 * one, that each label is in the console's markup, and that every operation the console calls (OPS) belongs to an
 * action here or to what the console reads by itself: a new operation cannot come without its action, and an
 * action not without its line in the docs.
 */
import { OPS, type ConsoleOperation } from './operations.js';

export interface ConsoleAction {
  /** As on the button, without its key hint or a trailing "…". */
  label: string;
  /** Where it is (for the docs' table). */
  area:
    | 'Current QSO'
    | 'Station'
    | 'Queue'
    | 'Worked log'
    | 'Bans'
    | 'LAN access'
    | 'Settings'
    | 'Radio'
    | 'Lookup'
    | 'Top bar'
    | 'All positions';
  operations: readonly ConsoleOperation[];
}

export const CONSOLE_ACTIONS: readonly ConsoleAction[] = [
  { label: 'Work next', area: 'Current QSO', operations: [OPS.workNext] },
  { label: 'Complete', area: 'Current QSO', operations: [OPS.completeQso] },
  { label: 'Cancel', area: 'Current QSO', operations: [OPS.cancelQso] },
  { label: 'Call again', area: 'Current QSO', operations: [OPS.callAgain] },
  { label: 'No answer', area: 'Current QSO', operations: [OPS.noAnswer] },
  { label: 'Start QSO', area: 'Current QSO', operations: [OPS.startQso] },
  { label: 'Undo', area: 'Current QSO', operations: [OPS.undo] },
  { label: 'Retry', area: 'Current QSO', operations: [] },
  { label: 'Switch on', area: 'Station', operations: [OPS.setSystemStatus] },
  { label: 'Switch off', area: 'Station', operations: [OPS.setSystemStatus] },
  {
    label: 'Set',
    area: 'Station',
    operations: [
      OPS.setFrequency,
      OPS.clearFrequency,
      OPS.setSplit,
      OPS.clearSplit,
      OPS.setBeamHeading,
      OPS.clearBeamHeading,
    ],
  },
  { label: 'Show to callers', area: 'Station', operations: [OPS.setBeamVisibility] },
  { label: 'Work', area: 'Queue', operations: [OPS.workSpecific] },
  { label: 'Remove', area: 'Queue', operations: [OPS.removeCallsign] },
  { label: 'Ban', area: 'Queue', operations: [OPS.banCallsign] },
  { label: 'Move to position', area: 'Queue', operations: [OPS.moveCaller] },
  { label: 'Pause', area: 'Queue', operations: [OPS.setQueuePause] },
  { label: 'Resume', area: 'Queue', operations: [OPS.setQueuePause] },
  { label: 'Clear', area: 'Queue', operations: [OPS.clearQueue] },
  { label: 'Compact', area: 'Queue', operations: [] },
  { label: 'Export ADIF', area: 'Worked log', operations: [OPS.exportAdif] },
  { label: 'Log file', area: 'Worked log', operations: [] },
  { label: 'Refresh', area: 'Worked log', operations: [OPS.qsoLog] },
  { label: 'Export ADX', area: 'Worked log', operations: [OPS.exportAdx] },
  // the file goes over HTTP (POST /api/admin/qsos/import); the progress is polled over the WebSocket
  { label: 'Import ADIF', area: 'Worked log', operations: [OPS.adifImportProgress] },
  { label: 'Clear worked list', area: 'Worked log', operations: [OPS.clearWorked] },
  { label: 'Edit', area: 'Worked log', operations: [OPS.updateQso] },
  { label: 'Delete QSO', area: 'Worked log', operations: [OPS.deleteQso] },
  { label: 'Unban', area: 'Bans', operations: [OPS.unbanCallsign] },
  { label: 'Full screen', area: 'LAN access', operations: [] },
  {
    label: 'Save settings',
    area: 'Settings',
    operations: [
      OPS.updateSettings,
      OPS.setCooldown,
      OPS.setLookup,
      OPS.setIntegrations,
      OPS.setLoggerIntegration,
    ],
  },
  { label: 'Save no-show rule', area: 'Settings', operations: [OPS.setNoShowRule] },
  { label: 'Add a position', area: 'Settings', operations: [] },
  { label: 'Create position', area: 'Settings', operations: [OPS.createPosition] },
  { label: 'Save position', area: 'Settings', operations: [OPS.updatePosition] },
  { label: 'Delete position', area: 'Settings', operations: [OPS.deletePosition] },
  { label: 'Save caller rules', area: 'Settings', operations: [OPS.setCallerRules] },
  { label: 'Change password', area: 'Settings', operations: [OPS.changePassword] },
  { label: 'Switch on', area: 'Radio', operations: [OPS.setIntegrations, OPS.setLoggerIntegration] },
  { label: 'Look up', area: 'Lookup', operations: [OPS.lookupCallsign] },
  // the country file goes over HTTP (POST /api/admin/lookup/cty)
  { label: 'Import', area: 'Lookup', operations: [] },
  { label: 'Log out', area: 'Top bar', operations: [] },
  // switching reads the state again (state.snapshot with every position's part, the list and the caller rules)
  { label: 'Position', area: 'Top bar', operations: [] },
  { label: 'All positions', area: 'Top bar', operations: [] },
  { label: 'Work this position', area: 'All positions', operations: [] },
];

/** What the console reads by itself to show the state (no button): the snapshot, lists, settings, figures. */
export const BACKGROUND_READS: readonly ConsoleOperation[] = [
  OPS.snapshot,
  OPS.listBans,
  OPS.getSettings,
  OPS.getCooldown,
  OPS.getNoShowRule,
  OPS.getLookup,
  OPS.getIntegrations,
  OPS.connectInfo,
  OPS.metrics,
  OPS.getRelay,
];
