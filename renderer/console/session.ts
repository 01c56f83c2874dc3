/**
 * Connecting and authenticating: in the desktop app with the admin token from the preload, in a browser
 * with a login form (the session token, never the password, is kept in sessionStorage for reloads).
 * Then subscribe to events, take a snapshot, and keep the store in step with the server.
 */
import type { PileupDesktopApi } from '../../shared/desktop/desktop-api.js';
import type { AuthData, AuthResult } from '../../shared/protocol/v2.js';
import { errorCode, errorText, type ConsoleClient } from './client.js';
import { applyEvent, applySnapshot, reconcileSelection } from './live-state.js';
import { OPS } from './operations.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { loadExtras } from './actions.js';
import { getClient, setClient } from './current-client.js';
import { isDefaultPositionEvent } from '../../shared/protocol/events.js';
import { loadPositionList, resetPositionList, watchPositionList } from './position-admin-store.js';

const TOKEN_KEY = 'pileup-console-session';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export interface StartOptions {
  createClient(baseUrl: string): ConsoleClient;
  desktop: PileupDesktopApi | null;
  pageOrigin: string;
}

function wire(c: ConsoleClient): void {
  c.onConnectionChange((connection) => useConsole.setState({ connection }));
  watchPositionList(c);
  c.onEvent((frame) => {
    // The console's own view is the default position's (the list of positions follows them all).
    if (!isDefaultPositionEvent(frame)) return;
    useConsole.setState((state) => {
      if (state.live.seq !== null && frame.seq <= state.live.seq) return {};
      const live = applyEvent(state.live, frame.event, frame.data, frame.seq);
      const selected =
        live.queue === state.live.queue
          ? state.selected
          : reconcileSelection(state.live.queue, live.queue, state.selected);
      return { live, selected };
    });
  });
  c.onSnapshot((snapshot) => {
    useConsole.setState((state) => {
      const live = applySnapshot(state.live, snapshot);
      return { live, selected: reconcileSelection(state.live.queue, live.queue, state.selected) };
    });
  });
  c.onAuthLost(() => {
    storage()?.removeItem(TOKEN_KEY);
    useConsole.setState({ session: 'login', loginError: 'Your session ended. Please log in again.' });
  });
}

async function afterAuth(c: ConsoleClient, result: AuthResult): Promise<void> {
  // every position's events: the list of positions follows them (Settings > Operating positions, Move to position)
  await c.subscribe(undefined, { positions: 'all' });
  const snapshot = await c.request<unknown>(OPS.snapshot);
  // The console opens with the station's state in it: a key pressed at once (N) acts on the real queue, not
  // on an empty one that says "the system is off".
  useConsole.setState((state) => {
    const live = applySnapshot(state.live, snapshot);
    return {
      username: result.username,
      session: 'ready',
      loginError: null,
      live,
      selected: reconcileSelection(state.live.queue, live.queue, state.selected),
    };
  });
  await Promise.all([loadExtras(), loadPositionList()]);
}

async function authenticate(c: ConsoleClient, creds: AuthData): Promise<void> {
  const result = await c.auth(creds);
  if (!useConsole.getState().desktop) storage()?.setItem(TOKEN_KEY, result.token);
  await afterAuth(c, result);
}

/** Connects and authenticates; shows the login form when there is no token to use. */
export async function startConsole(options: StartOptions): Promise<void> {
  const baseUrl = options.desktop?.serverUrl ?? options.pageOrigin;
  useConsole.setState({ desktop: options.desktop !== null, session: 'starting' });
  getClient()?.close();
  const c = options.createClient(baseUrl);
  setClient(c, baseUrl);
  wire(c);
  await c.connect();
  if (options.desktop) {
    try {
      await authenticate(c, { token: options.desktop.adminToken });
    } catch (error) {
      useConsole.setState({
        session: 'login',
        loginError: `The desktop token was refused: ${errorText(error)}`,
      });
    }
    return;
  }
  const saved = storage()?.getItem(TOKEN_KEY);
  if (saved) {
    try {
      await authenticate(c, { token: saved });
      return;
    } catch {
      storage()?.removeItem(TOKEN_KEY);
    }
  }
  useConsole.setState({ session: 'login' });
}

/** The login form's submit. */
export async function login(username: string, password: string): Promise<void> {
  const c = getClient();
  if (!c) return;
  useConsole.setState({ session: 'authenticating', loginError: null });
  try {
    await authenticate(c, { username, password });
  } catch (error) {
    const code = errorCode(error);
    const message =
      code === 'INVALID_CREDENTIALS' ? 'Wrong username or password.' : `Login failed: ${errorText(error)}`;
    useConsole.setState({ session: 'login', loginError: message });
  }
}

/** Ends the session on the server and returns to the login form (browser only). */
export async function logout(): Promise<void> {
  storage()?.removeItem(TOKEN_KEY);
  try {
    await getClient()?.logout();
  } catch {
    // the session is forgotten locally either way
  }
  resetPositionList();
  const { desktop, theme, connection } = useConsole.getState();
  useConsole.setState({ ...INITIAL_STORE, desktop, theme, connection, session: 'login' });
}
