/**
 * Connecting and authenticating: in the desktop app with the admin token from the preload, in a browser
 * with a login form (the session token, never the password, is kept in sessionStorage for reloads).
 * Then subscribe to events, take a snapshot, and keep the store in step with the server.
 */
import type { PileupDesktopApi } from '../../shared/desktop/desktop-api.js';
import type { AuthData, AuthResult } from '../../shared/protocol/v2.js';
import { errorCode, errorText, type ConsoleClient } from './client.js';
import { applyEvent, applySnapshot, reconcileSelection, snapshotAt } from './live-state.js';
import { OPS } from './operations.js';
import { INITIAL_STORE, toast, useConsole, type ConsoleStore } from './store.js';
import { forgetUndo, loadExtras } from './actions.js';
import { applyCampEvent, applyCampSnapshot } from './camp.js';
import { ALL_POSITIONS, savePositionChoice } from './position-choice.js';
import { workingPosition } from './working-position.js';
import { getClient, setClient } from './current-client.js';
import { rulesFrom } from './position-admin.js';

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

/**
 * What a snapshot changes in the store: every position's state, the caller rules, and the console's own state at
 * its position.
 */
function fromSnapshot(state: ConsoleStore, snapshot: unknown): Partial<ConsoleStore> {
  const camp = applyCampSnapshot(state.camp, snapshot);
  const at = snapshotAt(snapshot, workingPosition({ ...state, camp }));
  const live = at === null ? state.live : applySnapshot(state.live, at);
  const callerRules = rulesFrom(snapshot) ?? state.callerRules;
  return {
    camp,
    callerRules,
    live,
    selected: reconcileSelection(state.live.queue, live.queue, state.selected),
  };
}

function wire(c: ConsoleClient): void {
  c.onConnectionChange((connection) => useConsole.setState({ connection }));
  c.onEvent((frame) => {
    useConsole.setState((state) => {
      if (state.live.seq !== null && frame.seq <= state.live.seq) return {};
      const camp = applyCampEvent(state.camp, frame);
      // The console's own state follows its position's events and the station-wide ones (no position_id).
      const mine = frame.position_id === undefined || frame.position_id === workingPosition(state);
      const live = mine
        ? applyEvent(state.live, frame.event, frame.data, frame.seq)
        : { ...state.live, seq: frame.seq };
      const selected =
        live.queue === state.live.queue
          ? state.selected
          : reconcileSelection(state.live.queue, live.queue, state.selected);
      // Its position was deleted (or it came to be): read the state of the one it works now.
      if (workingPosition({ ...state, camp }) !== workingPosition(state)) queueMicrotask(() => void reread());
      const callerRules =
        frame.event === 'caller_rules_update'
          ? (rulesFrom(frame.data) ?? state.callerRules)
          : state.callerRules;
      return { live, selected, camp, callerRules };
    });
  });
  c.onSnapshot((snapshot) => useConsole.setState((state) => fromSnapshot(state, snapshot)));
  c.onAuthLost(() => {
    storage()?.removeItem(TOKEN_KEY);
    useConsole.setState({ session: 'login', loginError: 'Your session ended. Please log in again.' });
  });
}

/** The snapshot with every position's state, the positions list and the caller rules, at one seq. */
function campSnapshot(c: ConsoleClient): Promise<unknown> {
  return c.request<unknown>(OPS.snapshot, { positions: ALL_POSITIONS });
}

async function afterAuth(c: ConsoleClient, result: AuthResult): Promise<void> {
  // Every position's events: the picker and "All positions" follow them all; the console's own state keeps its
  // position's (wire()).
  await c.subscribe(undefined, { positions: ALL_POSITIONS });
  const snapshot = await campSnapshot(c);
  // The console opens with the station's state in it: a key pressed at once (N) acts on the real queue, not
  // on an empty one that says "the system is off".
  useConsole.setState((state) => ({
    ...fromSnapshot(state, snapshot),
    username: result.username,
    session: 'ready',
    loginError: null,
  }));
  await loadExtras();
}

/** Reads every position's state again and the console's own at the position it works now. */
async function reread(): Promise<void> {
  const c = getClient();
  if (!c || useConsole.getState().session !== 'ready') return;
  try {
    const snapshot = await campSnapshot(c);
    useConsole.setState((state) => fromSnapshot(state, snapshot));
  } catch (error) {
    toast('error', `Could not read the position's state: ${errorText(error)}`);
  }
}

/**
 * Switches the console to another position (or to all): remembered for this console, the selection and the
 * Ctrl+Z ticket dropped, and the console's state read again for that position.
 */
export async function choosePosition(choice: string): Promise<void> {
  savePositionChoice(choice);
  useConsole.setState({ positionChoice: choice, selected: null });
  forgetUndo();
  await reread();
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
  const { desktop, theme, connection, positionChoice } = useConsole.getState();
  useConsole.setState({ ...INITIAL_STORE, desktop, theme, connection, positionChoice, session: 'login' });
}
