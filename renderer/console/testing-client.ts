/** A scripted fake of the console's client for unit tests (no network). */
import type {
  AuthData,
  AuthResult,
  EventFrame,
  StateSnapshot,
  SubscribeResult,
} from '../../shared/protocol/v2.js';
import type { ConnectionState, ConsoleClient } from './client.js';

export interface FakeClient extends ConsoleClient {
  requests: Array<{ operation: string; data: Record<string, unknown> | undefined }>;
  auths: AuthData[];
  /** What each subscribe asked for. */
  subscriptions: Array<{ events: string[] | undefined; positions: string[] | 'all' | undefined }>;
  /** Answers by operation name; a function may throw to fail the request. */
  answers: Map<string, (data: Record<string, unknown> | undefined) => unknown>;
  /** When set, requests wait until `release()` is called. */
  hold: boolean;
  release(): void;
  emit(frame: Pick<EventFrame, 'event' | 'data' | 'seq' | 'position_id'>): void;
  setState(state: ConnectionState): void;
}

export class RequestFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function fakeClient(options: { validToken?: string; password?: string } = {}): FakeClient {
  const eventHandlers = new Set<(frame: EventFrame) => void>();
  const stateHandlers = new Set<(state: ConnectionState) => void>();
  let waiting: Array<() => void> = [];
  const client: FakeClient = {
    token: null,
    requests: [],
    auths: [],
    subscriptions: [],
    answers: new Map(),
    hold: false,
    release: () => {
      const resume = waiting;
      waiting = [];
      resume.forEach((fn) => fn());
    },
    connect: async () => {
      stateHandlers.forEach((handler) => handler('open'));
    },
    close: () => undefined,
    request: async <T>(operation: string, data?: Record<string, unknown>): Promise<T> => {
      client.requests.push({ operation, data });
      if (client.hold) await new Promise<void>((resolve) => waiting.push(resolve));
      const answer = client.answers.get(operation);
      return (answer ? answer(data) : { message: 'ok' }) as T;
    },
    auth: async (creds: AuthData): Promise<AuthResult> => {
      client.auths.push(creds);
      const ok =
        ('token' in creds && creds.token === (options.validToken ?? 'desktop-token')) ||
        ('password' in creds && creds.password === (options.password ?? 'right-password'));
      if (!ok) throw new RequestFailure('INVALID_CREDENTIALS', 'Invalid credentials');
      return {
        authenticated: true,
        username: 'admin',
        token: 'session-token',
        expires_at: '2026-03-02T00:00:00Z',
        subscribed: true,
        seq: 1,
      };
    },
    logout: async () => undefined,
    subscribe: async (events, opts): Promise<SubscribeResult> => {
      client.subscriptions.push({ events, positions: opts?.positions });
      return { events: [], seq: 1, replayed: 0, snapshot_required: false };
    },
    onEvent: (handler) => {
      eventHandlers.add(handler);
      return () => eventHandlers.delete(handler);
    },
    onConnectionChange: (handler) => {
      stateHandlers.add(handler);
      return () => stateHandlers.delete(handler);
    },
    onSnapshot: (_handler: (snapshot: StateSnapshot) => void) => () => undefined,
    onAuthLost: () => () => undefined,
    emit: (frame) => {
      const full: EventFrame = {
        type: 'event',
        event: frame.event,
        event_type: frame.event,
        seq: frame.seq,
        data: frame.data,
        timestamp: '2026-03-01T12:00:00Z',
        ...(frame.position_id !== undefined ? { position_id: frame.position_id } : {}),
      };
      eventHandlers.forEach((handler) => handler(full));
    },
    setState: (state) => stateHandlers.forEach((handler) => handler(state)),
  };
  return client;
}
