import { describe, expect, it } from 'vitest';
import { stationWith } from './fixtures.test-util.js';
import { backoffMs, startLive, type EventSourceLike, type PositionEventMessage } from './live.js';
import { initialStore, reduce, type Action, type PublicState, type StoreState } from './state.js';

class FakeSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((ev: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data = '', lastEventId = ''): void {
    for (const l of this.listeners.get(type) ?? []) l({ data, lastEventId } as MessageEvent<string>);
  }
}

function harness(states: (() => Promise<PublicState>)[], streamUrl?: () => Promise<string>) {
  const sources: FakeSource[] = [];
  const timers: (() => void)[] = [];
  let store: StoreState = initialStore();
  let fetches = 0;
  const stop = startLive({
    openSource: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    fetchState: () => (states[fetches++] ?? states[states.length - 1]!)(),
    dispatch: (a: Action) => {
      store = reduce(store, a);
    },
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
    random: () => 0,
    ...(streamUrl ? { streamUrl } : {}),
  });
  return {
    sources,
    timers,
    stop,
    get store() {
      return store;
    },
    get fetches() {
      return fetches;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const envelope = (data: unknown) => JSON.stringify({ type: 'x', data, timestamp: '2026-01-01T00:00:00Z' });

describe('startLive', () => {
  it('loads a snapshot when the stream opens, then applies events', async () => {
    const h = harness([async () => ({ ...stationWith(['W1AW']), seq: 3 })]);
    expect(h.sources[0]?.url).toBe('/api/events/stream');
    h.sources[0]!.readyState = 1;
    h.sources[0]!.emit('open');
    await flush();
    expect(h.store.connection).toBe('live');
    expect(h.store.station?.queue.total).toBe(1);
    h.sources[0]!.emit('queue_pause_update', envelope({ paused: true }), '4');
    expect(h.store.station?.system.paused).toBe(true);
    h.stop();
  });

  it('subscribes to the relay stream when the station names one, taking seqs from the messages', async () => {
    const h = harness([async () => ({ ...stationWith(['W1AW']), seq: 3 })], async () => '/relay/events');
    expect(h.sources).toHaveLength(0);
    await flush();
    expect(h.sources[0]?.url).toBe('/relay/events');
    h.sources[0]!.emit('open');
    h.sources[0]!.emit(
      'queue_pause_update',
      JSON.stringify({ type: 'queue_pause_update', data: { paused: true }, timestamp: 'x', seq: 2 }),
      '1796175350:0',
    );
    await flush();
    // seq 2 raced the snapshot of seq 3: it is older, so not applied
    expect(h.store.station?.system.paused).toBe(false);
    h.sources[0]!.emit(
      'queue_pause_update',
      JSON.stringify({ type: 'queue_pause_update', data: { paused: true }, timestamp: 'x', seq: 4 }),
      '1796175350:1',
    );
    expect(h.store.station?.system.paused).toBe(true);
    h.stop();
  });

  it('falls back to the station stream when the configuration cannot be read', async () => {
    const h = harness([async () => stationWith([])], () => Promise.reject(new Error('offline')));
    await flush();
    expect(h.sources[0]?.url).toBe('/api/events/stream');
    h.stop();
  });

  it('shows the interruption, keeps the data, and refetches when the browser reconnects', async () => {
    const h = harness([async () => stationWith(['W1AW']), async () => stationWith(['W1AW', 'K1ABC'])]);
    h.sources[0]!.emit('open');
    await flush();
    h.sources[0]!.readyState = 0; // the browser is retrying by itself
    h.sources[0]!.emit('error');
    expect(h.store.connection).toBe('interrupted');
    expect(h.store.station?.queue.total).toBe(1);
    expect(h.timers).toHaveLength(0);
    h.sources[0]!.emit('open');
    await flush();
    expect(h.fetches).toBe(2);
    expect(h.store.connection).toBe('live');
    expect(h.store.station?.queue.total).toBe(2);
    h.stop();
  });

  it('reopens a closed stream itself after a backoff', async () => {
    const h = harness([async () => stationWith([])]);
    h.sources[0]!.readyState = 2;
    h.sources[0]!.emit('error');
    expect(h.sources).toHaveLength(1);
    expect(h.timers).toHaveLength(1);
    h.timers[0]!();
    expect(h.sources).toHaveLength(2);
    expect(h.sources[0]!.closed).toBe(true);
    h.sources[1]!.emit('open');
    await flush();
    expect(h.store.connection).toBe('live');
    h.stop();
  });

  it('retries when the snapshot fails', async () => {
    const h = harness([() => Promise.reject(new Error('503')), async () => stationWith([])]);
    h.sources[0]!.emit('open');
    await flush();
    expect(h.store.connection).toBe('interrupted');
    expect(h.timers).toHaveLength(1);
    h.timers[0]!();
    h.sources[1]!.emit('open');
    await flush();
    expect(h.store.connection).toBe('live');
    h.stop();
  });

  it('shows the beam heading from the events sent when the operator shows it, without refetching', async () => {
    const hidden = { ...stationWith([]), seq: 3 };
    const h = harness([async () => hidden]);
    h.sources[0]!.emit('open');
    await flush();
    expect(h.store.station?.beam_heading).toEqual({ beam_heading: null, beam_heading_visible: false });
    h.sources[0]!.emit('beam_heading_visibility_update', envelope({ beam_heading_visible: true }), '4');
    h.sources[0]!.emit('beam_heading_update', envelope({ beam_heading: 45 }), '5');
    await flush();
    expect(h.fetches).toBe(1);
    expect(h.store.station?.beam_heading).toEqual({ beam_heading: 45, beam_heading_visible: true });
    h.stop();
  });

  it('ignores malformed and unknown messages', async () => {
    const h = harness([async () => stationWith([])]);
    h.sources[0]!.emit('open');
    await flush();
    const before = h.store.station;
    h.sources[0]!.emit('queue_update', 'not json', '5');
    h.sources[0]!.emit('queue_update', envelope({ nope: 1 }), '6');
    expect(h.store.station).toBe(before);
    h.stop();
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s and caps at 15 s', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000,
    ]);
    expect(backoffMs(0, () => 1)).toBe(1300);
  });
});

describe('startLive notices', () => {
  it('hands caller_left messages to onCallerLeft (not to the state) and reports each snapshot', async () => {
    const notices: string[] = [];
    let snapshots = 0;
    let source: FakeSource | null = null;
    let store: StoreState = initialStore();
    const stop = startLive({
      openSource: (url) => (source = new FakeSource(url)),
      fetchState: async () => ({ ...stationWith(['W1AW']), seq: 1 }),
      dispatch: (a: Action) => {
        store = reduce(store, a);
      },
      onCallerLeft: (raw) => notices.push(raw),
      onSnapshot: () => (snapshots += 1),
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    const s = source as unknown as FakeSource;
    s.emit('open');
    await flush();
    expect(snapshots).toBe(1);
    const before = store.station;
    s.emit('caller_left', envelope({ callsigns: ['W1AW'], reason: 'removed' }), '5');
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!)).toMatchObject({ data: { reason: 'removed' } });
    expect(store.station).toBe(before);
    stop();
  });
});

describe('startLive at a camp of several operating positions', () => {
  it("hands every event to onPositionEvent; only the default position's and the station's reach the store", async () => {
    const events: PositionEventMessage[] = [];
    const notices: string[] = [];
    let source: FakeSource | null = null;
    let store: StoreState = initialStore();
    const stop = startLive({
      openSource: (url) => (source = new FakeSource(url)),
      fetchState: async () => ({ ...stationWith(['W1AW']), seq: 1 }),
      dispatch: (a: Action) => {
        store = reduce(store, a);
      },
      streamUrl: async () => '/api/events/stream?positions=all',
      onCallerLeft: (raw) => notices.push(raw),
      onPositionEvent: (e) => events.push(e),
      setTimer: () => undefined,
      clearTimer: () => undefined,
    });
    await flush();
    const s = source as unknown as FakeSource;
    expect(s.url).toBe('/api/events/stream?positions=all');
    s.emit('open');
    await flush();
    const at = (positionId: string | undefined, data: unknown) =>
      JSON.stringify({ type: 'x', data, timestamp: 't', ...(positionId ? { position_id: positionId } : {}) });
    s.emit('queue_pause_update', at('run-2', { paused: true }), '5');
    expect(store.station?.system.paused).toBe(false);
    expect(events).toMatchObject([
      { positionId: 'run-2', name: 'queue_pause_update', seq: 5, data: { paused: true } },
    ]);
    s.emit('queue_pause_update', at('default', { paused: true }), '6');
    expect(store.station?.system.paused).toBe(true);
    expect(events[1]).toMatchObject({ positionId: 'default', name: 'queue_pause_update' });
    s.emit('caller_left', at('run-2', { callsigns: ['W1AW'], reason: 'removed' }), '7');
    s.emit('caller_left', at('default', { callsigns: ['W1AW'], reason: 'left' }), '8');
    expect(events.map((e) => [e.positionId, e.name])).toEqual([
      ['run-2', 'queue_pause_update'],
      ['default', 'queue_pause_update'],
      ['run-2', 'caller_left'],
      ['default', 'caller_left'],
    ]);
    // Only the default position's notice is the page's own (onCallerLeft), as on the plain stream.
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!)).toMatchObject({ data: { reason: 'left' } });
    // The station's worked list has no position: both sides get it.
    s.emit('worked_callers_update', at(undefined, { worked_callers: [], total: 7 }), '9');
    expect(store.station?.worked.total).toBe(7);
    expect(events[4]).toMatchObject({ positionId: null, name: 'worked_callers_update' });
    s.emit('position_update', at('default', { position_id: 'default', position: null }), '10');
    expect(events[5]).toMatchObject({ name: 'position_update', seq: 10 });
    stop();
  });
});
