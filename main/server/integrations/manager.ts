/**
 * The IntegrationManager runs the logger and radio integrations that are switched on, keeps their live state for
 * the console, and saves console changes. Each socket has the one lifecycle of lifecycle.ts; what the loggers'
 * messages mean is logger-messages.ts; Send to Logger is logger-announcer.ts; radio readings reach the Station
 * through radio-follow.ts and QSOs through qso-sync.ts.
 *
 *   N1MM+ RadioInfo, WSJT-X Status, rigctld poll  -> Station.setFrequency (frequency, band, mode)
 *   N1MM+ contactinfo, WSJT-X QSO Logged / Logged ADIF -> complete the current QSO, or record it as worked direct
 *   N1MM+ contactreplace / contactdelete         -> update / delete the QSO in the log
 *   current QSO starts (Send to Logger on)        -> WSJT-X Highlight Callsign, or a datagram to host:port
 *
 * Nothing here may stop the server: failures to bind or connect are recorded in the state and retried on the
 * next configure; bad packets are counted by the listeners.
 */
import type { RemoteInfo } from 'node:dgram';
import { DEFAULT_POSITION_ID } from '../../../shared/protocol/positions.js';
import type { Station } from '../domain/station.js';
import type { Log } from '../util/log.js';
import {
  mergeIntegrationsConfig,
  type IntegrationsConfig,
  type IntegrationsPatch,
  type SendToLoggerFormat,
} from './config.js';
import { errorCode, errorText, Integration, type IntegrationEvent } from './lifecycle.js';
import { LoggerAnnouncer } from './logger-announcer.js';
import { fromN1mm, fromWsjtx, type LoggerCommand } from './logger-messages.js';
import { N1MM_MAX_BYTES, parseN1mm, type N1mmMessage } from './n1mm/parse.js';
import { QsoSync, type QsoOrigin, type SyncOutcome } from './qso-sync.js';
import { RadioFollower, radioAt, type IntegrationName, type RadioReading } from './radio-follow.js';
import { RigctldClient, type RigctldStatus } from './rigctld/client.js';
import { OUR_ID, type WsjtxPeer } from './send-to-logger.js';
import { UdpListener, type UdpListenerState } from './udp/listener.js';
import { decodeWsjtx, WSJTX_MAX_BYTES, type WsjtxMessage } from './wsjtx/codec.js';

export type { IntegrationEvent } from './lifecycle.js';

export interface SyncCounters {
  completed: number;
  recorded: number;
  updated: number;
  deleted: number;
  duplicate: number;
  not_found: number;
  failed: number;
}

export interface WsjtxPeerState extends WsjtxPeer {
  address: string;
  port: number;
  version: string | null;
  /** ISO 8601 UTC of the last datagram from it. */
  last_seen: string;
  closed: boolean;
}

export interface IntegrationsStatus {
  config: IntegrationsConfig;
  n1mm: {
    enabled: boolean;
    listener: UdpListenerState | null;
    qsos: SyncCounters;
    last_error: IntegrationEvent | null;
  };
  wsjtx: {
    enabled: boolean;
    listener: UdpListenerState | null;
    peer: WsjtxPeerState | null;
    qsos: SyncCounters;
    last_error: IntegrationEvent | null;
  };
  rigctld: {
    enabled: boolean;
    client: RigctldStatus | null;
    last_error: IntegrationEvent | null;
    /** The connections of the operating positions (integrations.rigctld.positions), by position id. */
    positions: Record<string, { client: RigctldStatus | null; last_error: IntegrationEvent | null }>;
  };
  send_to_logger: {
    /** The original's Send to Logger flag (admin.set_logger_integration). */
    enabled: boolean;
    format: SendToLoggerFormat;
    target: string;
    sent: number;
    last_sent_at: string | null;
    last_callsign: string | null;
    last_error: IntegrationEvent | null;
  };
}

export interface IntegrationManagerOptions {
  station: Station;
  /** The effective configuration (file, environment and command line). */
  config: IntegrationsConfig;
  /** The file's own section, to which console changes are applied and saved. */
  fileConfig: IntegrationsConfig;
  saveConfig: (fileConfig: IntegrationsConfig) => Promise<void>;
  log: Log;
  now?: () => number;
}

const zeroCounters = (): SyncCounters => ({
  completed: 0,
  recorded: 0,
  updated: 0,
  deleted: 0,
  duplicate: 0,
  not_found: 0,
  failed: 0,
});

type N1mmConfig = IntegrationsConfig['n1mm'];
type WsjtxConfig = IntegrationsConfig['wsjtx'];
type RigctldConfig = IntegrationsConfig['rigctld'];

export class IntegrationManager {
  private config: IntegrationsConfig;
  private fileConfig: IntegrationsConfig;
  private readonly station: Station;
  private readonly log: Log;
  private readonly now: () => number;
  private readonly radio: RadioFollower;
  /** The radio followers of the positions other than the default one, made as readings for them arrive. */
  private readonly radios = new Map<string, RadioFollower>();
  private readonly sync: QsoSync;
  private readonly announcer: LoggerAnnouncer;
  private readonly unsubscribe: () => void;
  private readonly saveConfig: (fileConfig: IntegrationsConfig) => Promise<void>;

  private readonly n1mm: Integration<N1mmConfig, UdpListener<N1mmMessage>, UdpListenerState>;
  private readonly wsjtx: Integration<WsjtxConfig, UdpListener<WsjtxMessage>, UdpListenerState>;
  private readonly rigctld: Integration<RigctldConfig, RigctldClient, RigctldStatus>;
  /** One rigctld connection per operating position configured (integrations.rigctld.positions). */
  private rigs = new Map<string, Integration<RigctldConfig, RigctldClient, RigctldStatus>>();
  private peer: WsjtxPeerState | null = null;
  private applying: Promise<void> = Promise.resolve();
  private closed = false;

  private readonly counters = { n1mm: zeroCounters(), wsjtx: zeroCounters() };
  private sendError: IntegrationEvent | null = null;

  constructor(opts: IntegrationManagerOptions) {
    this.station = opts.station;
    this.config = opts.config;
    this.fileConfig = opts.fileConfig;
    const log = opts.log;
    this.log = log;
    this.now = opts.now ?? Date.now;
    this.saveConfig = opts.saveConfig;
    this.n1mm = new Integration(
      {
        name: 'n1mm',
        create: (c) =>
          new UdpListener<N1mmMessage>({
            name: 'n1mm',
            port: c.port,
            address: c.address,
            maxDatagramBytes: N1MM_MAX_BYTES,
            parse: parseN1mm,
            onMessage: (message) =>
              this.carryOut('n1mm', fromN1mm(message, this.config.n1mm.radio_nr, this.config.n1mm.positions)),
            now: this.now,
          }),
        start: (listener) => listener.start(),
        started: (listener, c) => `N1MM+ listener on udp ${c.address}:${listener.port}`,
        failure: (c, err) => ({
          code: 'UDP_BIND_FAILED',
          message: `udp ${c.address}:${c.port}: ${errorText(err)}`,
        }),
      },
      log,
      this.now,
    );
    this.wsjtx = new Integration(
      {
        name: 'wsjtx',
        create: (c) =>
          new UdpListener<WsjtxMessage>({
            name: 'wsjtx',
            port: c.port,
            address: c.address,
            multicastGroup: c.multicast_group,
            maxDatagramBytes: WSJTX_MAX_BYTES,
            parse: decodeWsjtx,
            onMessage: (message, from) => this.onWsjtx(message, from),
            now: this.now,
          }),
        start: (listener) => listener.start(),
        started: (listener, c) => `WSJT-X listener on udp ${c.address}:${listener.port}`,
        failure: (c, err) => ({
          code: 'UDP_BIND_FAILED',
          message: `udp ${c.address}:${c.port}: ${errorText(err)}`,
        }),
      },
      log,
      this.now,
    );
    this.rigctld = this.rigctldIntegration(undefined);
    this.radio = new RadioFollower(this.station, (source, err) =>
      this.integration(source).fail(errorCode(err, 'STATION_REJECTED'), errorText(err)),
    );
    this.sync = new QsoSync(this.station);
    this.announcer = new LoggerAnnouncer(
      {
        station: this.station,
        config: () => this.config.send_to_logger,
        wsjtx: () => {
          const listener = this.wsjtx.running;
          return listener === null
            ? null
            : { send: (d, port, address) => listener.send(d, port, address), peer: this.peer };
        },
        fail: (code, message) => {
          this.sendError = { code, message, at: this.iso() };
          log('warn', `integration send_to_logger: ${code}: ${message}`);
        },
        now: this.now,
      },
      this.station.getCurrentQso()?.callsign ?? null,
    );
    this.unsubscribe = this.station.events.subscribe((event) => {
      if (event.name === 'current_qso') this.announcer.onCurrentQso(event.data);
    });
  }

  /** A rigctld connection whose readings move the radio of `positionId` (the default position's when absent). */
  private rigctldIntegration(
    positionId: string | undefined,
  ): Integration<RigctldConfig, RigctldClient, RigctldStatus> {
    const at = positionId === undefined ? '' : ` (position ${positionId})`;
    return new Integration(
      {
        name: 'rigctld',
        create: (c) =>
          new RigctldClient({
            host: c.host,
            port: c.port,
            pollIntervalMs: c.poll_interval_ms,
            now: this.now,
            onChange: (state) => {
              if (state.freqHz === null) return;
              this.follow({
                source: 'rigctld',
                freqHz: state.freqHz,
                mode: state.mode,
                ...(positionId !== undefined ? { positionId } : {}),
              });
            },
          }),
        start: (client) => client.start(),
        started: (_client, c) => `rigctld client for ${c.host}:${c.port}${at}`,
        failure: (c, err) => ({
          code: 'RIGCTLD_FAILED',
          message: `${c.host}:${c.port}${at}: ${errorText(err)}`,
        }),
      },
      this.log,
      this.now,
    );
  }

  /** A radio reading to the follower of its position (one per position, made when first needed). */
  private follow(reading: RadioReading): void {
    const id = reading.positionId;
    if (id === undefined || id === DEFAULT_POSITION_ID) {
      this.radio.push(reading);
      return;
    }
    let follower = this.radios.get(id);
    if (!follower) {
      follower = new RadioFollower(radioAt(this.station, id), (source, err) =>
        ((source === 'rigctld' ? this.rigs.get(id) : undefined) ?? this.integration(source)).fail(
          errorCode(err, 'STATION_REJECTED'),
          errorText(err),
        ),
      );
      this.radios.set(id, follower);
    }
    follower.push(reading);
  }

  /** Restarts the positions' rigctld connections for a new configuration (each entry its own connection). */
  private async restartRigs(config: RigctldConfig): Promise<void> {
    await Promise.all([...this.rigs.values()].map((rig) => rig.stop()));
    this.rigs = new Map();
    for (const [id, entry] of Object.entries(config.positions ?? {})) {
      const rig = this.rigctldIntegration(id);
      this.rigs.set(id, rig);
      await rig.restart({
        enabled: entry.enabled,
        host: entry.host,
        port: entry.port,
        poll_interval_ms: entry.poll_interval_ms ?? config.poll_interval_ms,
      });
    }
  }

  /** The integration a failure belongs to (its last error). */
  private integration(name: IntegrationName): { fail(code: string, message: string): void } {
    return { n1mm: this.n1mm, wsjtx: this.wsjtx, rigctld: this.rigctld }[name];
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Starts what the configuration switches on. Never throws; failures are in status(). */
  start(): Promise<void> {
    return this.apply(this.config, null);
  }

  getConfig(): IntegrationsConfig {
    return structuredClone(this.config);
  }

  /** Applies a console change: validates, saves it to the config file, restarts the integrations it touches. */
  async configure(patch: IntegrationsPatch): Promise<IntegrationsStatus> {
    const next = mergeIntegrationsConfig(this.config, patch);
    this.fileConfig = mergeIntegrationsConfig(this.fileConfig, patch);
    await this.saveConfig(this.fileConfig);
    const previous = this.config;
    this.config = next;
    await this.apply(next, previous);
    return this.status();
  }

  /** Serialised so two configure calls never start the same listener twice. */
  private apply(next: IntegrationsConfig, previous: IntegrationsConfig | null): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.closed) return;
      const changed = (key: keyof IntegrationsConfig): boolean =>
        previous === null || JSON.stringify(previous[key]) !== JSON.stringify(next[key]);
      if (changed('n1mm')) await this.n1mm.restart(next.n1mm);
      if (changed('wsjtx')) {
        await this.wsjtx.restart(next.wsjtx, () => {
          this.peer = null;
          this.announcer.forgetHighlight();
        });
      }
      if (changed('rigctld')) {
        await this.rigctld.restart(next.rigctld);
        await this.restartRigs(next.rigctld);
      }
      if (changed('send_to_logger')) this.sendError = null;
    };
    this.applying = this.applying.then(run, run);
    return this.applying;
  }

  private onWsjtx(message: WsjtxMessage, from: RemoteInfo): Promise<void> | void {
    if (message.id === OUR_ID) return; // our own Status, sent to a port we also listen on
    this.peer = {
      id: message.id,
      schema: message.schema,
      address: from.address,
      port: from.port,
      version: message.type === 'heartbeat' ? message.version : (this.peer?.version ?? null),
      last_seen: this.iso(),
      closed: message.type === 'close',
    };
    return this.carryOut(
      'wsjtx',
      fromWsjtx(message, (clientId) => this.config.wsjtx.positions?.[clientId]),
    );
  }

  /** Carries out what a logger's message means (logger-messages.ts). */
  private carryOut(origin: QsoOrigin, command: LoggerCommand | null): Promise<void> | void {
    if (command === null) return;
    switch (command.kind) {
      case 'radio':
        this.follow(command.reading);
        return;
      case 'error':
        this.integration(origin).fail(command.code, command.message);
        return;
      case 'logged':
        return this.track(origin, this.sync.logged(command.qso));
      case 'replaced':
        return this.track(origin, this.sync.replaced(command.qso));
      case 'deleted':
        return this.track(origin, this.sync.deleted(command.qso));
    }
  }

  private async track(origin: QsoOrigin, work: Promise<SyncOutcome>): Promise<void> {
    try {
      const outcome = await work;
      this.counters[origin][outcome.action] += 1;
      if (outcome.qso !== null) this.log('info', `${origin}: QSO ${outcome.qso.callsign} ${outcome.action}`);
    } catch (err) {
      this.counters[origin].failed += 1;
      this.integration(origin).fail(errorCode(err, 'QSO_SYNC_FAILED'), errorText(err));
    }
  }

  status(): IntegrationsStatus {
    const cfg = this.config.send_to_logger;
    return {
      config: this.getConfig(),
      n1mm: {
        enabled: this.config.n1mm.enabled,
        listener: this.n1mm.status(),
        qsos: { ...this.counters.n1mm },
        last_error: this.n1mm.lastError,
      },
      wsjtx: {
        enabled: this.config.wsjtx.enabled,
        listener: this.wsjtx.status(),
        peer: this.peer === null ? null : { ...this.peer },
        qsos: { ...this.counters.wsjtx },
        last_error: this.wsjtx.lastError,
      },
      rigctld: {
        enabled: this.config.rigctld.enabled,
        client: this.rigctld.status(),
        last_error: this.rigctld.lastError,
        positions: Object.fromEntries(
          [...this.rigs].map(([id, rig]) => [id, { client: rig.status(), last_error: rig.lastError }]),
        ),
      },
      send_to_logger: {
        enabled: this.station.getLoggerIntegration().enabled,
        format: cfg.format,
        target:
          cfg.format === 'wsjtx_highlight'
            ? this.peer === null
              ? 'WSJT-X (not heard yet)'
              : `${this.peer.address}:${this.peer.port}`
            : `${cfg.host}:${cfg.port}`,
        sent: this.announcer.sent.count,
        last_sent_at: this.announcer.sent.at,
        last_callsign: this.announcer.sent.callsign,
        last_error: this.sendError,
      },
    };
  }

  /** Resolves when radio readings and QSO updates received so far have reached the Station (tests). */
  async settled(): Promise<void> {
    await this.radio.settled();
    await Promise.all([...this.radios.values()].map((r) => r.settled()));
    await this.sync.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.applying;
    this.closed = true;
    this.unsubscribe();
    await Promise.all([
      this.n1mm.stop(),
      this.wsjtx.stop(),
      this.rigctld.stop(),
      ...[...this.rigs.values()].map((rig) => rig.stop()),
    ]);
    await this.announcer.close();
  }
}
