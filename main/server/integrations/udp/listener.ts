/**
 * A UDP listener for logger broadcasts: binds an address and port (optionally joining a multicast group, as
 * WSJT-X users often configure), decodes each datagram with the given parser, and hands accepted messages to
 * the handler. Bad datagrams are counted by rejection code and never thrown; a throwing handler is counted too.
 */
import dgram from 'node:dgram';
import type { ParseResult } from '../result.js';

export interface UdpListenerOptions<T> {
  /** Name for messages and state, e.g. `n1mm`. */
  name: string;
  port: number;
  /** Bind address; default 127.0.0.1. 0.0.0.0 hears loggers on other machines and LAN broadcasts. */
  address?: string;
  /** IPv4 multicast group to join (224.0.0.0/4), e.g. 239.255.0.1 for WSJT-X. */
  multicastGroup?: string | null;
  /** Local interface address for the multicast membership. */
  multicastInterface?: string;
  maxDatagramBytes: number;
  parse: (datagram: Uint8Array) => ParseResult<T>;
  onMessage: (message: T, from: dgram.RemoteInfo) => void | Promise<void>;
  now?: () => number;
}

export interface UdpListenerEvent {
  code: string;
  message: string;
  /** ISO 8601 UTC. */
  at: string;
}

export interface UdpListenerState {
  name: string;
  listening: boolean;
  address: string;
  port: number;
  multicastGroup: string | null;
  /** Datagrams received. */
  packets: number;
  /** Datagrams decoded and handed to the handler. */
  accepted: number;
  /** Rejected datagrams by code (including `*_IGNORED_TYPE` for known types we do not use). */
  rejected: Record<string, number>;
  lastPacketAt: string | null;
  lastSender: { address: string; port: number } | null;
  lastRejection: UdpListenerEvent | null;
  lastError: UdpListenerEvent | null;
}

const MULTICAST = /^(22[4-9]|23\d)\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function isMulticastAddress(address: string): boolean {
  return MULTICAST.test(address) && address.split('.').every((part) => Number(part) <= 255);
}

export class UdpListener<T> {
  private socket: dgram.Socket | null = null;
  private readonly opts: UdpListenerOptions<T>;
  private readonly now: () => number;
  private state: UdpListenerState;

  constructor(opts: UdpListenerOptions<T>) {
    if (opts.multicastGroup && !isMulticastAddress(opts.multicastGroup)) {
      throw new RangeError(`${opts.multicastGroup} is not an IPv4 multicast group`);
    }
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.state = {
      name: opts.name,
      listening: false,
      address: opts.address ?? '127.0.0.1',
      port: opts.port,
      multicastGroup: opts.multicastGroup ?? null,
      packets: 0,
      accepted: 0,
      rejected: {},
      lastPacketAt: null,
      lastSender: null,
      lastRejection: null,
      lastError: null,
    };
  }

  status(): UdpListenerState {
    return { ...this.state, rejected: { ...this.state.rejected } };
  }

  /** The bound port (useful when constructed with port 0). */
  get port(): number {
    return this.state.port;
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  private count(code: string, message: string): void {
    this.state.rejected[code] = (this.state.rejected[code] ?? 0) + 1;
    this.state.lastRejection = { code, message, at: this.iso() };
  }

  /** Binds and starts listening. Resolves once bound; rejects (and records lastError) if binding fails. */
  async start(): Promise<void> {
    if (this.socket !== null) return;
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => this.receive(msg, rinfo));
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error): void => reject(err);
        socket.once('error', onError);
        socket.bind({ port: this.opts.port, address: this.state.address }, () => {
          socket.off('error', onError);
          resolve();
        });
      });
      if (this.state.multicastGroup !== null) {
        socket.addMembership(this.state.multicastGroup, this.opts.multicastInterface);
      }
    } catch (err) {
      this.state.lastError = { code: 'UDP_BIND_FAILED', message: errorText(err), at: this.iso() };
      this.socket = null;
      socket.close();
      throw err;
    }
    socket.on('error', (err) => {
      this.state.lastError = { code: 'UDP_SOCKET_ERROR', message: errorText(err), at: this.iso() };
    });
    this.state.port = socket.address().port;
    this.state.listening = true;
    this.state.lastError = null;
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.state.listening = false;
    if (socket === null) return;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  /** Sends a datagram from the listening socket (so replies come from the port peers know). */
  async send(datagram: Uint8Array, port: number, address: string): Promise<void> {
    const socket = this.socket;
    if (socket === null) throw new Error(`${this.opts.name} listener is not running`);
    await new Promise<void>((resolve, reject) => {
      socket.send(datagram, port, address, (err) => (err ? reject(err) : resolve()));
    });
  }

  private receive(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    this.state.packets += 1;
    this.state.lastPacketAt = this.iso();
    this.state.lastSender = { address: rinfo.address, port: rinfo.port };
    if (msg.byteLength > this.opts.maxDatagramBytes) {
      this.count('DATAGRAM_TOO_LARGE', `${msg.byteLength} bytes exceeds ${this.opts.maxDatagramBytes}`);
      return;
    }
    let result: ParseResult<T>;
    try {
      result = this.opts.parse(msg);
    } catch (err) {
      this.count('PARSER_CRASHED', errorText(err));
      return;
    }
    if (!result.ok) {
      this.count(result.code, result.message);
      return;
    }
    this.state.accepted += 1;
    try {
      const pending = this.opts.onMessage(result.value, rinfo);
      if (pending instanceof Promise) {
        pending.catch((err: unknown) => this.count('HANDLER_FAILED', errorText(err)));
      }
    } catch (err) {
      this.count('HANDLER_FAILED', errorText(err));
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
