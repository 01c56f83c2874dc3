/** The console's zustand store: the live station state plus what the UI itself needs. */
import { create } from 'zustand';
import { INITIAL_LIVE_STATE, type LiveState } from './live-state.js';
import type { ConnectionState } from './client.js';

export type Panel = 'log' | 'bans' | 'lan' | 'settings' | 'radio' | 'lookup';
export type Theme = 'light' | 'dark';
export type Session = 'starting' | 'login' | 'authenticating' | 'ready';

export interface Toast {
  id: number;
  tone: 'success' | 'error' | 'info';
  text: string;
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
  | { kind: 'help' };

export interface ConsoleStore {
  live: LiveState;
  connection: ConnectionState;
  session: Session;
  username: string | null;
  loginError: string | null;
  /** Running inside the desktop app (admin token from the preload). */
  desktop: boolean;
  selected: string | null;
  panel: Panel;
  theme: Theme;
  toasts: Toast[];
  /** The operation in flight, to disable its button and prevent double sends. */
  busy: string | null;
  dialog: Dialog | null;
}

export const INITIAL_STORE: ConsoleStore = {
  live: INITIAL_LIVE_STATE,
  connection: 'closed',
  session: 'starting',
  username: null,
  loginError: null,
  desktop: false,
  selected: null,
  panel: 'log',
  theme: 'dark',
  toasts: [],
  busy: null,
  dialog: null,
};

export const useConsole = create<ConsoleStore>()(() => ({ ...INITIAL_STORE }));

let nextToastId = 1;

/** Shows a short message in the toast area (and to screen readers); it goes away after a few seconds. */
export function toast(tone: Toast['tone'], text: string, timeoutMs = tone === 'error' ? 8000 : 3000): void {
  const id = nextToastId++;
  useConsole.setState((state) => ({ toasts: [...state.toasts.slice(-2), { id, tone, text }] }));
  setTimeout(() => dismissToast(id), timeoutMs);
}

export function dismissToast(id: number): void {
  useConsole.setState((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
}
