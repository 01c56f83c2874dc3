/**
 * The console's keyboard shortcuts: one table, used by the key handler, the help dialog, the button hints
 * and docs/console.md. Pure: `shortcutFor` maps a key event to an action.
 */

export type ShortcutAction =
  | 'workNext'
  | 'workSelected'
  | 'complete'
  | 'cancelQso'
  | 'callAgain'
  | 'noAnswer'
  | 'undo'
  | 'selectFirst'
  | 'selectLast'
  | 'toggleCompact'
  | 'focusSplit'
  | 'connectView'
  | 'selectPrevious'
  | 'selectNext'
  | 'removeSelected'
  | 'banSelected'
  | 'moveSelected'
  | 'directCall'
  | 'togglePause'
  | 'toggleSystem'
  | 'clearQueue'
  | 'focusFrequency'
  | 'searchLog'
  | 'panelLog'
  | 'panelBans'
  | 'panelLan'
  | 'panelSettings'
  | 'panelRadio'
  | 'panelLookup'
  | 'toggleTheme'
  | 'showHelp'
  | 'leaveField';

export interface Shortcut {
  action: ShortcutAction;
  /** Key names as KeyboardEvent.key reports them (letters lower case). */
  keys: readonly string[];
  shift?: boolean;
  /** Ctrl (or Cmd on a Mac) held. */
  ctrl?: boolean;
  /** What the help and the buttons show, e.g. "N" or "Shift+A". */
  label: string;
  description: string;
  group: 'QSO' | 'Queue' | 'Station' | 'Panels' | 'General';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'workNext', keys: ['n'], label: 'N', description: 'Work the next caller', group: 'QSO' },
  { action: 'complete', keys: ['c'], label: 'C', description: 'Complete the QSO (log it)', group: 'QSO' },
  { action: 'cancelQso', keys: ['x'], label: 'X', description: 'Cancel the QSO (not logged)', group: 'QSO' },
  {
    action: 'callAgain',
    keys: ['r'],
    label: 'R',
    description: 'No answer yet: call again (the no-show rule applies after the last call)',
    group: 'QSO',
  },
  {
    action: 'noAnswer',
    keys: ['r'],
    shift: true,
    label: 'Shift+R',
    description: 'No answer: apply the no-show rule now (drop or move back)',
    group: 'QSO',
  },
  {
    action: 'undo',
    keys: ['z'],
    ctrl: true,
    label: 'Ctrl+Z',
    description: 'Undo the last Cancel, Remove, Complete, Work next or Clear (up to 60 s)',
    group: 'QSO',
  },
  {
    action: 'directCall',
    keys: ['d'],
    label: 'D',
    description: 'Type a callsign and start a QSO directly',
    group: 'QSO',
  },
  {
    action: 'selectPrevious',
    keys: ['ArrowUp', 'k'],
    label: '↑ / K',
    description: 'Select the caller above',
    group: 'Queue',
  },
  {
    action: 'selectNext',
    keys: ['ArrowDown', 'j'],
    label: '↓ / J',
    description: 'Select the caller below',
    group: 'Queue',
  },
  {
    action: 'selectFirst',
    keys: ['Home'],
    label: 'Home',
    description: 'Select the first caller (the head of the queue)',
    group: 'Queue',
  },
  {
    action: 'selectLast',
    keys: ['End'],
    label: 'End',
    description: 'Select the last caller',
    group: 'Queue',
  },
  {
    action: 'workSelected',
    keys: ['w', 'Enter'],
    label: 'W / Enter',
    description: 'Work the selected caller',
    group: 'Queue',
  },
  {
    action: 'removeSelected',
    keys: ['Delete', 'Backspace'],
    label: 'Del',
    description: 'Remove the selected caller',
    group: 'Queue',
  },
  { action: 'banSelected', keys: ['b'], label: 'B', description: 'Ban the selected caller…', group: 'Queue' },
  {
    action: 'moveSelected',
    keys: ['m'],
    label: 'M',
    description: 'Move the selected caller to another position… (when there are several)',
    group: 'Queue',
  },
  {
    action: 'clearQueue',
    keys: ['x'],
    shift: true,
    label: 'Shift+X',
    description: 'Clear the queue… (asks first)',
    group: 'Queue',
  },
  {
    action: 'toggleCompact',
    keys: ['v'],
    label: 'V',
    description: 'Compact queue list (one line a caller) or detailed',
    group: 'Queue',
  },
  {
    action: 'togglePause',
    keys: ['p'],
    label: 'P',
    description: 'Pause or resume the queue',
    group: 'Station',
  },
  {
    action: 'toggleSystem',
    keys: ['a'],
    shift: true,
    label: 'Shift+A',
    description: 'Switch the system on or off… (asks first)',
    group: 'Station',
  },
  {
    action: 'focusFrequency',
    keys: ['f'],
    label: 'F',
    description: 'Edit frequency, band and mode',
    group: 'Station',
  },
  {
    action: 'focusSplit',
    keys: ['s'],
    label: 'S',
    description: 'Edit the split (e.g. "up 5"); empty it and Enter to clear',
    group: 'Station',
  },
  { action: 'panelLog', keys: ['1'], label: '1', description: 'Worked log', group: 'Panels' },
  { action: 'panelBans', keys: ['2'], label: '2', description: 'Ban list', group: 'Panels' },
  {
    action: 'panelLan',
    keys: ['3'],
    label: '3',
    description: 'LAN access and connect info',
    group: 'Panels',
  },
  { action: 'panelSettings', keys: ['4'], label: '4', description: 'Settings', group: 'Panels' },
  {
    action: 'panelRadio',
    keys: ['5'],
    label: '5',
    description: 'Radio: logger and radio integrations',
    group: 'Panels',
  },
  {
    action: 'panelLookup',
    keys: ['6'],
    label: '6',
    description: 'Lookup: service state, country file, look up a callsign',
    group: 'Panels',
  },
  { action: 'searchLog', keys: ['/'], label: '/', description: 'Search the worked log', group: 'Panels' },
  {
    action: 'connectView',
    keys: ['q'],
    label: 'Q',
    description: 'Full-screen connect view for callers: QR code, address, station callsign',
    group: 'Panels',
  },
  { action: 'toggleTheme', keys: ['t'], label: 'T', description: 'Light or dark theme', group: 'General' },
  { action: 'showHelp', keys: ['?'], label: '?', description: 'Show these shortcuts', group: 'General' },
  {
    action: 'leaveField',
    keys: ['Escape'],
    label: 'Esc',
    description: 'Leave a text field, close a dialog',
    group: 'General',
  },
];

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** True when focus is in a text field (input, textarea, select, contenteditable). */
  inTextField: boolean;
  /** True when focus is on a button or link, where Enter already has a meaning. */
  onControl: boolean;
  /** True while a modal dialog is open: the dialog handles its own keys. */
  dialogOpen: boolean;
}

/** Keys where Shift is part of the character itself, so the Shift state must not be compared. */
const SHIFTED_SYMBOLS = new Set(['?', '/']);

/** The action for a key press, or null when the key is not a shortcut in this context. */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
  if (input.dialogOpen) return null;
  if (input.altKey) return null;
  if (input.inTextField) return input.key === 'Escape' ? 'leaveField' : null;
  const ctrl = input.ctrlKey || input.metaKey;
  if (input.key === 'Enter' && input.onControl) return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.keys.includes(key)) continue;
    if (Boolean(shortcut.ctrl) !== ctrl) continue;
    if (!SHIFTED_SYMBOLS.has(key) && Boolean(shortcut.shift) !== input.shiftKey) continue;
    return shortcut.action;
  }
  return null;
}

/** The label of an action's shortcut, for button hints ("N", "Shift+X"). */
export function shortcutLabel(action: ShortcutAction): string {
  return SHORTCUTS.find((shortcut) => shortcut.action === action)?.label ?? '';
}
