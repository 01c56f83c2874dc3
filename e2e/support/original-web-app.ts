/**
 * A stand-in for the original's web app (the deployed v2.5.1 bundle), served from an origin of its own, as
 * pileupbuster.com is served apart from its API host. It talks to the API exactly as the shared reference
 * "original web app" (§1.1, §1.2, §2) describes the bundle doing it: the health check `GET /public/status`, then
 * the seven start-up reads in one all-or-nothing batch, one EventSource on `/events/stream` listening to named
 * events and reading the `{type, data, timestamp}` envelope, registration with `POST /queue/register` (and
 * `/queue/register-manual` when `requires_manual_data`), the admin login probe `GET /admin/queue` with HTTP Basic
 * auth, and the admin calls Work Next, Complete QSO, Clear Current Caller and Set Frequency. What it knows it
 * draws as plain text, so that a test can read it: the header pill, the status strip, the queue, the current
 * QSO, the worked count, errors.
 */
import { createServer, type Server } from 'node:http';

export interface OriginalWebApp {
  /** The page's address; open it with `?api=<station>/api`. */
  url: string;
  /** Its origin (to allow it in the station's `allowed_origins`). */
  origin: string;
  close(): Promise<void>;
}

/** Runs in the browser: the whole app. Self-contained (it is sent as its source text). */
function originalWebApp(): void {
  const api = new URLSearchParams(location.search).get('api') ?? '/api';
  const $ = (id: string): HTMLElement => {
    const el = document.getElementById(id);
    if (el === null) throw new Error(`#${id} missing`);
    return el;
  };
  const input = (id: string): HTMLInputElement => $(id) as HTMLInputElement;
  type Json = Record<string, unknown>;
  interface Entry {
    callsign: string;
  }
  const state = {
    active: false,
    paused: false,
    frequency: null as string | null,
    band: null as string | null,
    mode: null as string | null,
    split: null as string | null,
    queue: [] as Entry[],
    current: null as Entry | null,
    worked: 0,
  };
  let credentials: { username: string; password: string } | null = null;

  async function call(method: string, path: string, body?: unknown, admin = false): Promise<unknown> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (admin && credentials !== null) {
      headers.Authorization = `Basic ${btoa(`${credentials.username}:${credentials.password}`)}`;
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(`${api}${path}`, init);
    const text = await res.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    if (!res.ok) {
      const detail = (parsed as Json | null)?.detail;
      throw new Error(typeof detail === 'string' ? detail : res.statusText);
    }
    return parsed;
  }

  function draw(): void {
    let pill = '';
    if (state.active) {
      pill = 'ON AIR';
      if (state.frequency) {
        pill += ` ${state.frequency} MHz`;
        if (state.band) pill += ` | ${state.band}`;
        if (state.mode) pill += ` | ${state.mode}`;
      }
      if (state.split) pill += ` | SPLIT ${state.split}`;
    }
    $('pill').textContent = pill;
    const free = 4 - state.queue.length;
    $('strip').textContent = !state.active
      ? "I'm currently not PileupBusting, but the map above is still active"
      : state.paused
        ? state.queue.length > 0
          ? `Queue paused - ${state.queue.length} stations waiting`
          : 'Queue currently paused'
        : free <= 0
          ? 'All slots full, please wait until a free one is available'
          : `${free} of 4 queue slots available`;
    const list = $('queue');
    list.replaceChildren(
      ...state.queue.slice(0, 4).map((e) => {
        const li = document.createElement('li');
        li.textContent = e.callsign;
        return li;
      }),
    );
    $('current').textContent = state.current?.callsign ?? 'No active callsign';
    $('worked').textContent = `QSO's ${state.worked}`;
  }

  function showError(message: string): void {
    $('error').textContent = message;
  }

  function applyFrequency(d: Json): void {
    state.frequency = typeof d.frequency === 'string' && d.frequency !== '' ? d.frequency : null;
    if ('band' in d) state.band = typeof d.band === 'string' ? d.band : null;
    if ('mode' in d) state.mode = typeof d.mode === 'string' ? d.mode : null;
  }

  async function load(): Promise<void> {
    // all seven reads, all or nothing, as the bundle does it
    const [list, current, frequency, split, worked, pause, status] = (await Promise.all([
      call('GET', '/queue/list'),
      call('GET', '/queue/current').catch((e: unknown) => {
        if (e instanceof Error && e.message === 'Not Found') return null;
        throw e;
      }),
      call('GET', '/public/frequency'),
      call('GET', '/public/split'),
      call('GET', '/public/worked-callers'),
      call('GET', '/public/queue-pause'),
      call('GET', '/public/status'),
    ])) as [Json, Entry | null, Json, Json, Json, Json, Json];
    state.queue = list.queue as Entry[];
    state.current = current;
    applyFrequency(frequency);
    state.split = typeof split.split === 'string' ? split.split : null;
    state.worked = (worked.worked_callers as unknown[]).length;
    state.paused = pause.paused === true;
    state.active = status.active === true;
    draw();
  }

  function listen(): void {
    const source = new EventSource(`${api}/events/stream`);
    const on = (name: string, apply: (d: Json) => void): void => {
      source.addEventListener(name, (e) => {
        const envelope = JSON.parse((e as MessageEvent<string>).data) as { data: Json };
        apply(envelope.data);
        draw();
      });
    };
    on('queue_update', (d) => {
      state.queue = d.queue as Entry[];
    });
    on('current_qso', (d) => {
      state.current = (d as unknown as Entry | null) ?? null;
    });
    on('worked_callers_update', (d) => {
      if (Array.isArray(d.worked_callers)) state.worked = d.worked_callers.length;
      else if (d.worked_caller) state.worked += 1;
      else if (d.removed_caller) state.worked = Math.max(0, state.worked - 1);
    });
    on('frequency_update', applyFrequency);
    on('split_update', (d) => {
      state.split = typeof d.split === 'string' && d.split !== '' ? d.split : null;
    });
    on('system_status', (d) => {
      state.active = d.active === true;
      if (!state.active) {
        state.frequency = null;
        state.split = null;
      }
    });
    on('queue_pause_update', (d) => {
      state.paused = d.paused === true;
    });
    source.addEventListener('open', () => {
      $('sse').textContent = 'SSE open';
    });
  }

  async function start(): Promise<void> {
    $('splash').textContent = 'Connecting to server…';
    for (;;) {
      try {
        await call('GET', '/public/status');
        break;
      } catch {
        $('splash').textContent = 'Pileupbuster is currently offline';
        await new Promise((r) => setTimeout(r, 5000));
      }
    }
    $('splash').textContent = 'Loading…';
    listen();
    try {
      await load();
      $('splash').textContent = 'Ready';
    } catch (e) {
      $('splash').textContent = `Start-up reads failed: ${(e as Error).message}`;
    }
  }

  $('register').addEventListener('submit', (e) => {
    e.preventDefault();
    const callsign = input('callsign').value.trim().toUpperCase();
    showError('');
    void call('POST', '/queue/register', { callsign })
      .then((body) => {
        if ((body as Json | null)?.requires_manual_data === true) $('manual').hidden = false;
        else $('registered').textContent = `Added ${callsign}`;
      })
      .catch((err: unknown) => showError((err as Error).message));
  });
  $('manual').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      callsign: input('callsign').value.trim().toUpperCase(),
      name: input('name').value,
      location: input('location').value,
      country: input('country').value,
    };
    void call('POST', '/queue/register-manual', body)
      .then(() => {
        $('manual').hidden = true;
        $('registered').textContent = `Added ${body.callsign}`;
      })
      .catch((err: unknown) => showError((err as Error).message));
  });
  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    credentials = { username: input('username').value, password: input('password').value };
    void call('GET', '/admin/queue', undefined, true)
      .then(() => {
        localStorage.setItem('admin_credentials', JSON.stringify(credentials));
        $('admin-state').textContent = 'Logged in';
        $('dashboard').hidden = false;
      })
      .catch((err: unknown) => {
        credentials = null;
        $('admin-state').textContent = `Login failed: ${(err as Error).message}`;
      });
  });
  const adminButton = (id: string, run: () => Promise<unknown>): void => {
    $(id).addEventListener('click', () => {
      showError('');
      void run().catch((err: unknown) => showError((err as Error).message));
    });
  };
  adminButton('work-next', () => call('POST', '/admin/queue/next', undefined, true));
  adminButton('complete', () => call('POST', '/admin/qso/complete', undefined, true));
  adminButton('clear-current', () => call('POST', '/admin/qso/cancel', undefined, true));
  adminButton('set-frequency', () =>
    call('POST', '/admin/frequency', { frequency: input('frequency').value }, true),
  );
  void start();
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pileup Buster (original web app)</title></head>
<body>
<p id="splash"></p><p id="sse"></p>
<header id="pill"></header>
<p id="strip"></p>
<section><h2>Current QSO</h2><p id="current"></p><p id="worked"></p></section>
<section><h2>Queue</h2><ol id="queue"></ol></section>
<form id="register"><label>Callsign <input id="callsign" maxlength="10"></label>
<button type="submit">Add to Queue</button></form>
<form id="manual" hidden><label>Name <input id="name"></label><label>Location / city <input id="location"></label>
<label>Country <input id="country"></label><button type="submit">Submit</button></form>
<p id="registered"></p><p id="error" role="alert"></p>
<form id="login"><label>Username <input id="username"></label>
<label>Password <input id="password" type="password"></label><button type="submit">Login</button></form>
<p id="admin-state"></p>
<section id="dashboard" hidden>
<button id="work-next" type="button">Work Next User</button>
<button id="complete" type="button">Complete Current QSO</button>
<button id="clear-current" type="button">Clear Current Caller</button>
<label>Frequency <input id="frequency"></label><button id="set-frequency" type="button">Set</button>
</section>
<script>(${originalWebApp.toString()})();</script>
</body></html>`;

/** Serves the stand-in on 127.0.0.1 on a free port (another origin than any station on another port). */
export async function serveOriginalWebApp(): Promise<OriginalWebApp> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || !(req.url ?? '/').startsWith('/')) {
      res.writeHead(405).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
