/** Wires the shortcut table to the actions: one keydown listener on the window. */
import { useEffect } from 'react';
import { SHORTCUTS, shortcutFor, type ShortcutAction } from './shortcuts.js';
import { useConsole, type Panel } from './store.js';
import * as actions from './actions.js';
import { focusById, focusConsole } from './hooks.js';
import { toggleTheme } from './theme.js';
import { askMoveCaller } from './position-actions.js';
import { isWatchingAll } from './working-position.js';

/** The shortcuts that act on one position (QSO, queue, station): while watching all, a card must be picked first. */
const AT_A_POSITION = new Set<ShortcutAction>(
  SHORTCUTS.filter((s) => s.group === 'QSO' || s.group === 'Queue' || s.group === 'Station').map(
    (s) => s.action,
  ),
);

function isTextField(element: Element | null): boolean {
  if (!(element instanceof HTMLElement)) return false;
  if (element.isContentEditable) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(
      element.type,
    );
  }
  return false;
}

function isControl(element: Element | null): boolean {
  return (
    element instanceof HTMLButtonElement ||
    element instanceof HTMLAnchorElement ||
    (element instanceof HTMLInputElement &&
      ['button', 'submit', 'checkbox', 'radio'].includes(element.type)) ||
    element?.tagName === 'SUMMARY'
  );
}

function showPanel(panel: Panel): void {
  useConsole.setState({ panel });
  focusById(`tab-${panel}`);
}

const HANDLERS: Record<ShortcutAction, () => void> = {
  workNext: () => void actions.workNext(),
  workSelected: () => void actions.workSelected(),
  complete: () => void actions.completeQso(),
  cancelQso: () => void actions.cancelQso(),
  callAgain: () => void actions.callAgain(),
  noAnswer: () => void actions.noAnswer(),
  undo: () => void actions.undo(),
  selectFirst: () => actions.selectEdge('first'),
  selectLast: () => actions.selectEdge('last'),
  toggleCompact: () => actions.toggleCompact(),
  focusSplit: () => focusById('split-input', true),
  connectView: () => useConsole.setState({ dialog: { kind: 'connect' } }),
  selectPrevious: () => actions.moveSelected(-1),
  selectNext: () => actions.moveSelected(1),
  removeSelected: () => void actions.removeSelected(),
  banSelected: () => actions.askBan(useConsole.getState().selected),
  moveSelected: () => askMoveCaller(useConsole.getState().selected),
  directCall: () => focusById('direct-callsign', true),
  togglePause: () => void actions.togglePause(),
  toggleSystem: () => actions.askToggleSystem(),
  clearQueue: () => actions.askClearQueue(),
  focusFrequency: () => focusById('frequency-input', true),
  searchLog: () => {
    useConsole.setState({ panel: 'log' });
    focusById('log-search', true);
  },
  panelLog: () => showPanel('log'),
  panelBans: () => showPanel('bans'),
  panelLan: () => showPanel('lan'),
  panelSettings: () => showPanel('settings'),
  panelRadio: () => showPanel('radio'),
  panelLookup: () => showPanel('lookup'),
  toggleTheme: () => toggleTheme(),
  showHelp: () => useConsole.setState({ dialog: { kind: 'help' } }),
  leaveField: () => focusConsole(),
};

/** Installs the global shortcut listener while the console is shown. */
export function useShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        inTextField: isTextField(document.activeElement),
        onControl: isControl(document.activeElement),
        dialogOpen: useConsole.getState().dialog !== null,
      });
      if (!action) return;
      // Holding a key must not send an operation twice; only moving the selection repeats.
      if (event.repeat && action !== 'selectNext' && action !== 'selectPrevious') return;
      event.preventDefault();
      if (AT_A_POSITION.has(action) && isWatchingAll()) {
        actions.pickPositionFirst();
        return;
      }
      HANDLERS[action]();
    };
    // "Shortcuts paused: typing in a field (Esc)" while the focus is in a text field.
    const onFocus = (): void => {
      const typing =
        isTextField(document.activeElement) && !document.activeElement?.closest('[role="dialog"]');
      if (useConsole.getState().typing !== typing) useConsole.setState({ typing });
    };
    const onBlur = (): void => void setTimeout(onFocus, 0);
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocus);
    document.addEventListener('focusout', onBlur);
    onFocus();
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('focusout', onBlur);
    };
  }, [enabled]);
}
