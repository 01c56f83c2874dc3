/**
 * Send to Logger: when a QSO starts here (not one the logging software started), tell the logger. WSJT-X gets a
 * Highlight Callsign (and the previous highlight cleared) through the WSJT-X listener's socket, to the WSJT-X
 * that was heard; the other formats go as one datagram to the configured host:port from a socket of its own.
 */
import dgram from 'node:dgram';
import type { CurrentQso } from '../../../shared/protocol/types.js';
import { parseFrequencyToHz } from '../../../shared/radio.js';
import { startRadio } from '../domain/qso-record.js';
import type { Station } from '../domain/station.js';
import type { IntegrationsConfig } from './config.js';
import { errorText } from './lifecycle.js';
import {
  highlightDatagram,
  peerShowsHighlights,
  qsoStartDatagram,
  type QsoStart,
  type WsjtxPeer,
} from './send-to-logger.js';

export interface AnnouncerDeps {
  station: Pick<Station, 'getFrequency' | 'getIdentity' | 'getLoggerIntegration'>;
  config: () => IntegrationsConfig['send_to_logger'];
  /** The WSJT-X listener's socket and the WSJT-X last heard, when both are there. */
  wsjtx: () => {
    send(datagram: Uint8Array, port: number, address: string): Promise<void>;
    peer: (WsjtxPeer & { address: string; port: number }) | null;
  } | null;
  fail: (code: string, message: string) => void;
  now: () => number;
}

export class LoggerAnnouncer {
  private sender: dgram.Socket | null = null;
  private highlighted: string | null = null;
  private lastCurrent: string | null;
  readonly sent = { count: 0, at: null as string | null, callsign: null as string | null };

  constructor(
    private readonly deps: AnnouncerDeps,
    current: string | null,
  ) {
    this.lastCurrent = current;
  }

  /** The WSJT-X listener restarted: what was highlighted there is gone. */
  forgetHighlight(): void {
    this.highlighted = null;
  }

  /** The Station's `current_qso` event. */
  onCurrentQso(qso: CurrentQso | null): void {
    const callsign = qso?.callsign ?? null;
    if (callsign === this.lastCurrent) return;
    this.lastCurrent = callsign;
    if (!this.deps.station.getLoggerIntegration().enabled) return;
    if (qso === null) {
      if (this.deps.config().format === 'wsjtx_highlight') void this.clearHighlight();
      return;
    }
    // A QSO that the logging software started is not announced back to it.
    if (qso.metadata.started_via === 'logging_software') return;
    void this.announce(qso);
  }

  private async clearHighlight(): Promise<void> {
    const previous = this.highlighted;
    const wsjtx = this.deps.wsjtx();
    if (previous === null || wsjtx === null || wsjtx.peer === null) return;
    this.highlighted = null;
    try {
      await wsjtx.send(highlightDatagram(wsjtx.peer, previous, true), wsjtx.peer.port, wsjtx.peer.address);
    } catch (err) {
      this.deps.fail('SEND_FAILED', errorText(err));
    }
  }

  private async announce(qso: CurrentQso): Promise<void> {
    const cfg = this.deps.config();
    try {
      if (cfg.format === 'wsjtx_highlight') {
        const wsjtx = this.deps.wsjtx();
        const peer = wsjtx?.peer ?? null;
        if (wsjtx === null || peer === null) {
          this.deps.fail(
            'WSJTX_NOT_HEARD',
            'Highlighting needs the WSJT-X integration on and one packet from WSJT-X to learn its address',
          );
          return;
        }
        if (!peerShowsHighlights(peer)) {
          this.deps.fail(
            'HIGHLIGHT_UNSUPPORTED',
            `${peer.id} has no Highlight Callsign handler (one-way for highlights): nothing was sent`,
          );
          return;
        }
        await this.clearHighlight();
        await wsjtx.send(highlightDatagram(peer, qso.callsign), peer.port, peer.address);
        this.highlighted = qso.callsign;
      } else {
        // The QSO's own radio (an explicit frequency and mode given at its start), else the station's.
        const radio = startRadio(qso) ?? this.deps.station.getFrequency();
        const hz = radio.frequency === null ? null : parseFrequencyToHz(radio.frequency);
        const identity = this.deps.station.getIdentity();
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
      this.sent.at = new Date(this.deps.now()).toISOString();
      this.sent.callsign = qso.callsign;
    } catch (err) {
      this.deps.fail('SEND_FAILED', errorText(err));
    }
  }

  private async sendTo(datagram: Uint8Array, port: number, host: string): Promise<void> {
    if (this.sender === null) {
      const socket = dgram.createSocket('udp4');
      socket.on('error', (err) => this.deps.fail('SEND_FAILED', err.message));
      socket.unref();
      this.sender = socket;
    }
    const socket = this.sender;
    await new Promise<void>((resolve, reject) =>
      socket.send(datagram, port, host, (err) => (err ? reject(err) : resolve())),
    );
  }

  async close(): Promise<void> {
    const sender = this.sender;
    this.sender = null;
    if (sender !== null) await new Promise<void>((resolve) => sender.close(() => resolve()));
  }
}
