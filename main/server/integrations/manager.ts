/**
 * The IntegrationManager runs the logger and radio integrations that are switched on, turns what they hear into
 * Station commands, keeps their live state for the console, and sends "Send to Logger" messages on QSO start.
 *
 *   N1MM+ RadioInfo, WSJT-X Status, rigctld poll  -> Station.setFrequency (frequency, band, mode)
 *   N1MM+ contactinfo, WSJT-X QSO Logged / Logged ADIF -> complete the current QSO, or record it as worked direct
 *   N1MM+ contactreplace / contactdelete         -> update / delete the QSO in the log
 *   current QSO starts (Send to Logger on)        -> WSJT-X Highlight Callsign, or a datagram to host:port
 *
 * Nothing here may stop the server: failures to bind or connect are recorded in the state and retried on the
 * next configure; bad packets are counted by the listeners.
 */
import dgram from 'node:dgram';
import type { RemoteInfo } from 'node:dgram';
import type { CurrentQso } from '../../../shared/protocol/types.js';
import { parseFrequencyToHz } from '../../../shared/radio.js';
import { startRadio } from '../domain/qso-record.js';
import type { Station } from '../domain/station.js';
import { n1mmDetails, wsjtxAdifDetails, wsjtxDetails } from './logger-details.js';
import type { Log } from '../util/log.js';
import { adifQso, parseAdif } from './adif/parse.js';
import {
  mergeIntegrationsConfig,
  type IntegrationsConfig,
  type IntegrationsPatch,
  type SendToLoggerFormat,
} from './config.js';
import { N1MM_MAX_BYTES, parseN1mm, type N1mmMessage } from './n1mm/parse.js';
import { QsoSync, type SyncOutcome } from './qso-sync.js';
import { RadioFollower, type IntegrationName } from './radio-follow.js';
import { RigctldClient, type RigctldStatus } from './rigctld/client.js';
import {
  highlightDatagram,
  peerShowsHighlights,
  OUR_ID,
  qsoStartDatagram,
  type QsoStart,
  type WsjtxPeer,
} from './send-to-logger.js';
import { UdpListener, type UdpListenerState } from './udp/listener.js';
import { decodeWsjtx, WSJTX_MAX_BYTES, type WsjtxMessage } from './wsjtx/codec.js';

export interface IntegrationEvent {
  code: string;
  message: string;
  /** ISO 8601 UTC. */
  at: string;
}

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
  rigctld: { enabled: boolean; client: RigctldStatus | null; last_error: IntegrationEvent | null };
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown, fallback: string): string {
  if (err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string')
    return err.code;
  return fallback;
}

export class IntegrationManager {
  private config: IntegrationsConfig;
  private fileConfig: IntegrationsConfig;
  private readonly station: Station;
  private readonly log: Log;
  private readonly now: () => number;
  private readonly radio: RadioFollower;
  private readonly sync: QsoSync;
  private readonly unsubscribe: () => void;
  private readonly saveConfig: (fileConfig: IntegrationsConfig) => Promise<void>;

  private n1mm: UdpListener<N1mmMessage> | null = null;
  private wsjtx: UdpListener<WsjtxMessage> | null = null;
  private rigctld: RigctldClient | null = null;
  private sender: dgram.Socket | null = null;
  private peer: WsjtxPeerState | null = null;
  private highlighted: string | null = null;
  private lastCurrent: string | null = null;
  private applying: Promise<void> = Promise.resolve();
  private closed = false;

  private readonly counters = { n1mm: zeroCounters(), wsjtx: zeroCounters() };
  private readonly errors: Record<IntegrationName | 'send_to_logger', IntegrationEvent | null> = {
    n1mm: null,
    wsjtx: null,
    rigctld: null,
    send_to_logger: null,
  };
  private readonly sent = { count: 0, at: null as string | null, callsign: null as string | null };

  constructor(opts: IntegrationManagerOptions) {
    this.station = opts.station;
    this.config = opts.config;
    this.fileConfig = opts.fileConfig;
    this.log = opts.log;
    this.now = opts.now ?? Date.now;
    this.saveConfig = opts.saveConfig;
    this.radio = new RadioFollower(this.station, (source, err) =>
      this.recordError(source, errorCode(err, 'STATION_REJECTED'), errorText(err)),
    );
    this.sync = new QsoSync(this.station);
    this.lastCurrent = this.station.getCurrentQso()?.callsign ?? null;
    this.unsubscribe = this.station.events.subscribe((event) => {
      if (event.name === 'current_qso') this.onCurrentQso(event.data);
    });
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private recordError(name: IntegrationName | 'send_to_logger', code: string, message: string): void {
    this.errors[name] = { code, message, at: this.iso() };
    this.log('warn', `integration ${name}: ${code}: ${message}`);
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
      if (changed('n1mm')) await this.restartN1mm(next);
      if (changed('wsjtx')) await this.restartWsjtx(next);
      if (changed('rigctld')) await this.restartRigctld(next);
      if (changed('send_to_logger')) this.errors.send_to_logger = null;
    };
    this.applying = this.applying.then(run, run);
    return this.applying;
  }

  private async restartN1mm(config: IntegrationsConfig): Promise<void> {
    await this.n1mm?.stop();
    this.n1mm = null;
    this.errors.n1mm = null;
    if (!config.n1mm.enabled) return;
    const listener = new UdpListener<N1mmMessage>({
      name: 'n1mm',
      port: config.n1mm.port,
      address: config.n1mm.address,
      maxDatagramBytes: N1MM_MAX_BYTES,
      parse: parseN1mm,
      onMessage: (message) => this.onN1mm(message),
      now: this.now,
    });
    this.n1mm = listener;
    try {
      await listener.start();
      this.log('info', `N1MM+ listener on udp ${config.n1mm.address}:${listener.port}`);
    } catch (err) {
      this.recordError(
        'n1mm',
        'UDP_BIND_FAILED',
        `udp ${config.n1mm.address}:${config.n1mm.port}: ${errorText(err)}`,
      );
    }
  }

  private async restartWsjtx(config: IntegrationsConfig): Promise<void> {
    await this.wsjtx?.stop();
    this.wsjtx = null;
    this.peer = null;
    this.highlighted = null;
    this.errors.wsjtx = null;
    if (!config.wsjtx.enabled) return;
    const listener = new UdpListener<WsjtxMessage>({
      name: 'wsjtx',
      port: config.wsjtx.port,
      address: config.wsjtx.address,
      multicastGroup: config.wsjtx.multicast_group,
      maxDatagramBytes: WSJTX_MAX_BYTES,
      parse: decodeWsjtx,
      onMessage: (message, from) => this.onWsjtx(message, from),
      now: this.now,
    });
    this.wsjtx = listener;
    try {
      await listener.start();
      this.log('info', `WSJT-X listener on udp ${config.wsjtx.address}:${listener.port}`);
    } catch (err) {
      this.recordError(
        'wsjtx',
        'UDP_BIND_FAILED',
        `udp ${config.wsjtx.address}:${config.wsjtx.port}: ${errorText(err)}`,
      );
    }
  }

  private async restartRigctld(config: IntegrationsConfig): Promise<void> {
    await this.rigctld?.stop();
    this.rigctld = null;
    this.errors.rigctld = null;
    if (!config.rigctld.enabled) return;
    const client = new RigctldClient({
      host: config.rigctld.host,
      port: config.rigctld.port,
      pollIntervalMs: config.rigctld.poll_interval_ms,
      now: this.now,
      onChange: (state) => {
        if (state.freqHz !== null)
          this.radio.push({ source: 'rigctld', freqHz: state.freqHz, mode: state.mode });
      },
    });
    this.rigctld = client;
    client.start();
    this.log('info', `rigctld client for ${config.rigctld.host}:${config.rigctld.port}`);
  }

  private onN1mm(message: N1mmMessage): Promise<void> | void {
    if (message.type === 'radio_info') {
      const wanted = this.config.n1mm.radio_nr;
      if (wanted !== null && message.radioNr !== null && message.radioNr !== wanted) return;
      if (wanted === null && message.activeRadioNr !== null && message.radioNr !== null) {
        if (message.radioNr !== message.activeRadioNr) return;
      }
      const hz = message.txFreqHz ?? message.freqHz;
      if (hz !== null) this.radio.push({ source: 'n1mm', freqHz: hz, mode: message.mode });
      return;
    }
    if (message.app === OUR_ID) return; // our own lookupinfo echoed back never gets here, but be sure
    const origin = 'n1mm' as const;
    if (message.type === 'contact_delete') {
      return this.track(
        origin,
        this.sync.deleted({
          origin,
          externalId: message.id,
          callsign: message.call,
          timestamp: message.timestamp,
        }),
      );
    }
    const qso = {
      origin,
      app: message.app,
      callsign: message.call,
      timeOn: message.timestamp,
      timeOff: message.timestamp,
      freqHz: message.freqHz,
      mode: message.mode,
      externalId: message.id,
      details: n1mmDetails(message),
    };
    if (message.type === 'contact_replace') {
      return this.track(
        origin,
        this.sync.replaced({ ...qso, oldCallsign: message.oldCall, oldTimestamp: message.oldTimestamp }),
      );
    }
    return this.track(origin, this.sync.logged(qso));
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
    const origin = 'wsjtx' as const;
    switch (message.type) {
      case 'status':
        if (message.dialFrequencyHz > 0) {
          this.radio.push({ source: 'wsjtx', freqHz: message.dialFrequencyHz, mode: message.mode });
        }
        return;
      case 'qso_logged':
        if (message.dxCall === null || message.dxCall.trim() === '') return;
        return this.track(
          origin,
          this.sync.logged({
            origin,
            app: message.id,
            callsign: message.dxCall.trim().toUpperCase(),
            timeOn: message.timeOn,
            timeOff: message.timeOff,
            freqHz: message.txFrequencyHz > 0 ? message.txFrequencyHz : null,
            mode: message.mode,
            externalId: null,
            details: wsjtxDetails(message),
          }),
        );
      case 'logged_adif': {
        // WSJT-X writes its Logged ADIF in Latin-1, lengths counted in characters.
        const doc = parseAdif(message.adifBytes, { encoding: 'latin1' });
        if (!doc.ok) {
          this.recordError('wsjtx', doc.code, doc.message);
          return;
        }
        const record = doc.value.records[0];
        const qso = record === undefined ? null : adifQso(record);
        if (qso === null) {
          this.recordError('wsjtx', 'ADIF_NO_QSO', 'Logged ADIF without a usable CALL');
          return;
        }
        return this.track(
          origin,
          this.sync.logged({
            origin,
            app: message.id,
            callsign: qso.call,
            timeOn: qso.timeOn,
            timeOff: qso.timeOff,
            freqHz: qso.freqHz,
            mode: qso.mode,
            externalId: null,
            details: wsjtxAdifDetails(qso),
          }),
        );
      }
      default:
        return;
    }
  }

  private async track(origin: 'n1mm' | 'wsjtx', work: Promise<SyncOutcome>): Promise<void> {
    try {
      const outcome = await work;
      this.counters[origin][outcome.action] += 1;
      if (outcome.qso !== null) this.log('info', `${origin}: QSO ${outcome.qso.callsign} ${outcome.action}`);
    } catch (err) {
      this.counters[origin].failed += 1;
      this.recordError(origin, errorCode(err, 'QSO_SYNC_FAILED'), errorText(err));
    }
  }

  private onCurrentQso(qso: CurrentQso | null): void {
    const callsign = qso?.callsign ?? null;
    if (callsign === this.lastCurrent) return;
    this.lastCurrent = callsign;
    if (!this.station.getLoggerIntegration().enabled) return;
    if (qso === null) {
      if (this.config.send_to_logger.format === 'wsjtx_highlight') void this.clearHighlight();
      return;
    }
    // A QSO that the logging software started is not announced back to it.
    if (qso.metadata.started_via === 'logging_software') return;
    void this.announce(qso);
  }

  private async clearHighlight(): Promise<void> {
    const previous = this.highlighted;
    if (previous === null || this.peer === null || this.wsjtx === null) return;
    this.highlighted = null;
    try {
      await this.wsjtx.send(highlightDatagram(this.peer, previous, true), this.peer.port, this.peer.address);
    } catch (err) {
      this.recordError('send_to_logger', 'SEND_FAILED', errorText(err));
    }
  }

  private async announce(qso: CurrentQso): Promise<void> {
    const cfg = this.config.send_to_logger;
    try {
      if (cfg.format === 'wsjtx_highlight') {
        if (this.wsjtx === null || this.peer === null) {
          this.recordError(
            'send_to_logger',
            'WSJTX_NOT_HEARD',
            'Highlighting needs the WSJT-X integration on and one packet from WSJT-X to learn its address',
          );
          return;
        }
        if (!peerShowsHighlights(this.peer)) {
          this.recordError(
            'send_to_logger',
            'HIGHLIGHT_UNSUPPORTED',
            `${this.peer.id} has no Highlight Callsign handler (one-way for highlights): nothing was sent`,
          );
          return;
        }
        await this.clearHighlight();
        await this.wsjtx.send(highlightDatagram(this.peer, qso.callsign), this.peer.port, this.peer.address);
        this.highlighted = qso.callsign;
      } else {
        // The QSO's own radio (an explicit frequency and mode given at its start), else the station's.
        const radio = startRadio(qso) ?? this.station.getFrequency();
        const hz = radio.frequency === null ? null : parseFrequencyToHz(radio.frequency);
        const identity = this.station.getIdentity();
        const start: QsoStart = {
          callsign: qso.callsign,
          timestamp: qso.timestamp,
          freqHz: hz,
          mode: radio.mode,
          stationCallsign: identity.station_callsign,
          operator: identity.operator,
          name: qso.qrz.name,
          countryPrefix: qso.qrz.dxcc?.prefix ?? null,
          continent: qso.qrz.dxcc?.continent ?? null,
        };
        await this.sendTo(qsoStartDatagram(cfg.format, start), cfg.port, cfg.host);
      }
      this.sent.count += 1;
      this.sent.at = this.iso();
      this.sent.callsign = qso.callsign;
    } catch (err) {
      this.recordError('send_to_logger', 'SEND_FAILED', errorText(err));
    }
  }

  private async sendTo(datagram: Uint8Array, port: number, host: string): Promise<void> {
    if (this.sender === null) {
      const socket = dgram.createSocket('udp4');
      socket.on('error', (err) => this.recordError('send_to_logger', 'SEND_FAILED', err.message));
      socket.unref();
      this.sender = socket;
    }
    const socket = this.sender;
    await new Promise<void>((resolve, reject) =>
      socket.send(datagram, port, host, (err) => (err ? reject(err) : resolve())),
    );
  }

  status(): IntegrationsStatus {
    const cfg = this.config.send_to_logger;
    return {
      config: this.getConfig(),
      n1mm: {
        enabled: this.config.n1mm.enabled,
        listener: this.n1mm?.status() ?? null,
        qsos: { ...this.counters.n1mm },
        last_error: this.errors.n1mm,
      },
      wsjtx: {
        enabled: this.config.wsjtx.enabled,
        listener: this.wsjtx?.status() ?? null,
        peer: this.peer === null ? null : { ...this.peer },
        qsos: { ...this.counters.wsjtx },
        last_error: this.errors.wsjtx,
      },
      rigctld: {
        enabled: this.config.rigctld.enabled,
        client: this.rigctld?.status() ?? null,
        last_error: this.errors.rigctld,
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
        sent: this.sent.count,
        last_sent_at: this.sent.at,
        last_callsign: this.sent.callsign,
        last_error: this.errors.send_to_logger,
      },
    };
  }

  /** Resolves when radio readings and QSO updates received so far have reached the Station (tests). */
  async settled(): Promise<void> {
    await this.radio.settled();
    await this.sync.drain();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.applying;
    this.closed = true;
    this.unsubscribe();
    await Promise.all([this.n1mm?.stop(), this.wsjtx?.stop(), this.rigctld?.stop()]);
    const sender = this.sender;
    this.sender = null;
    if (sender !== null) await new Promise<void>((resolve) => sender.close(() => resolve()));
  }
}
