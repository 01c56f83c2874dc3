/**
 * The relay subsystem: holds the relay target and the publisher for it, switches it on, off or to another
 * target (the console's settings), and tells the caller page where the relay's stream is.
 */
import type { Station } from '../domain/station.js';
import { nchanPublisher } from './nchan-client.js';
import { RelayPublisher, type RelayStatus } from './publisher.js';
import type { RelayConfig } from './config.js';

export interface RelayServiceDeps {
  station: Station;
  initial: RelayConfig | null;
  save: (config: RelayConfig | null) => Promise<void>;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface RelayView {
  configured: boolean;
  /** The target without its secret (`secret_set` says whether one is sent). */
  settings: {
    publish_url: string;
    events_url: string;
    secret_header: string | null;
    secret_set: boolean;
  } | null;
  status: RelayStatus | null;
}

export class RelayService {
  private config: RelayConfig | null = null;
  private publisher: RelayPublisher | null = null;

  constructor(private readonly deps: RelayServiceDeps) {
    this.start(deps.initial);
  }

  /** Where the caller page subscribes (public config), or null without a relay. */
  eventsUrl(): string | null {
    return this.config?.events_url ?? null;
  }

  view(): RelayView {
    const c = this.config;
    return {
      configured: c !== null,
      settings: c
        ? {
            publish_url: c.publish_url,
            events_url: c.events_url,
            secret_header: c.secret_header ?? null,
            secret_set: c.secret !== undefined,
          }
        : null,
      status: this.publisher?.status() ?? null,
    };
  }

  /** The publisher in force (tests wait on it). */
  current(): RelayPublisher | null {
    return this.publisher;
  }

  async configure(next: RelayConfig | null): Promise<RelayView> {
    await this.deps.save(next);
    this.stop();
    this.start(next);
    return this.view();
  }

  close(): void {
    this.stop();
  }

  private start(config: RelayConfig | null): void {
    this.config = config;
    if (!config) return;
    const client = nchanPublisher({
      publishUrl: config.publish_url,
      secretHeader: config.secret_header,
      secret: config.secret,
    });
    const station = this.deps.station;
    this.publisher = new RelayPublisher({
      publish: client.publish,
      close: () => client.close(),
      subscribe: (listener) => station.events.subscribe(listener),
      snapshot: () => ({
        seq: station.events.seq,
        timestamp: new Date(station.now()).toISOString(),
        events: station.snapshotEvents('public'),
      }),
      publishUrl: config.publish_url,
      eventsUrl: config.events_url,
      log: this.deps.log,
    });
    this.deps.log('info', `relay: publishing public events to ${config.publish_url}`);
  }

  private stop(): void {
    this.publisher?.close();
    this.publisher = null;
    this.config = null;
  }
}
