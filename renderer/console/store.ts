/** The console's zustand store: the live station state plus what the UI itself needs. */
import { create } from 'zustand';
import { INITIAL_LIVE_STATE, type LiveState } from './live-state.js';
import type { ConnectionState } from './client.js';
import { emptyCamp, type CampState } from './camp.js';
import { DEFAULT_POSITION_ID, type CallerRulesInfo } from '../../shared/protocol/positions.js';

export type Panel = 'log' | 'bans' | 'lan' | 'settings' | 'radio' | 'lookup';
export type Theme = 'light' | 'dark';
export type Session = 'starting' | 'login' | 'authenticating' | 'ready';

export interface ToastAction {
  label: string;
  /** The key that does the same, shown on the button (e.g. "Ctrl+Z"). */
  key?: string;
  run: () => void;
}

export interface Toast {
  id: number;
  /** success: something was done; info: neutral (cancel, pause, nothing to do); error: it failed. */
  tone: 'success' | 'error' | 'info';
  text: string;
  action?: ToastAction;
  /** Stays until dismissed (a failed action the operator must know about). */
  sticky?: boolean;
}

export type Dialog =
  | {
      kind: 'confirm';
      title: string;
      body: string;
      confirmLabel: string;
      danger: boolean;
      onConfirm: () => void;
    }
  | { kind: 'ban'; callsign: string }
  | { kind: 'help' }
  | { kind: 'connect' }
  | { kind: 'editQso'; id: string }
  | { kind: 'moveCaller'; callsign: string; from: string };

export interface ConsoleStore {
  live: LiveState;
  connection: ConnectionState;
  session: Session;
  username: string | null;
  loginError: string | null;
  /** Running inside the desktop app (admin token from the preload). */
  desktop: boolean;
  selected: string | null;
  /** The queue list with one line a caller. */
  compact: boolean;
  /** The focus is in a text field: the single-key shortcuts are paused. */
  typing: boolean;
  panel: Panel;
  theme: Theme;
  toasts: Toast[];
  /** The operation in flight, to disable its button and prevent double sends. */
  busy: string | null;
  dialog: Dialog | null;
  /** The position this console works, or "all" (watch all): position-choice.ts. */
  positionChoice: string;
  /**
   * Every operating position and the public state of each, live: the console's one copy of the camp (the
   * picker, "All positions", Settings > Operating positions and "Move to position…" all read it).
   */
  camp: CampState;
  /** The camp's caller rules (dupes, queues per caller), from the snapshot and `caller_rules_update`. */
  callerRules: CallerRulesInfo | null;
}

export const INITIAL_STORE: ConsoleStore = {
  live: INITIAL_LIVE_STATE,
  connection: 'closed',
  session: 'starting',
  username: null,
  loginError: null,
  desktop: false,
  selected: null,
  compact: false,
  typing: false,
  panel: 'log',
  theme: 'dark',
  toasts: [],
  busy: null,
  dialog: null,
  positionChoice: DEFAULT_POSITION_ID,
  camp: emptyCamp(),
  callerRules: null,
};

export const useConsole = create<ConsoleStore>()(() => ({ ...INITIAL_STORE }));

let nextToastId = 1;

/**
 * Shows a short message in the toast area (and to screen readers); it goes away after a few seconds, unless it
 * is sticky. Sticky toasts are kept when newer ones push the oldest out.
 */
export function toast(
  tone: Toast['tone'],
  text: string,
  timeoutMs: number = tone === 'error' ? 8000 : 3000,
  extra: { action?: ToastAction; sticky?: boolean } = {},
): number {
  const id = nextToastId++;
  const item: Toast = { id, tone, text, ...extra };
  useConsole.setState((state) => {
    const sticky = state.toasts.filter((t) => t.sticky);
    const passing = state.toasts.filter((t) => !t.sticky).slice(-2);
    return { toasts: [...sticky.slice(-3), ...passing, item].sort((a, b) => a.id - b.id) };
  });
  if (!extra.sticky) setTimeout(() => dismissToast(id), timeoutMs);
  return id;
}

export function dismissToast(id: number): void {
  useConsole.setState((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
}
