/**
 * Turns radio readings (N1MM+ RadioInfo, WSJT-X Status, rigctld polls) into Station frequency commands.
 * Latest wins: while one command runs, newer readings replace each other, so a VFO being spun produces a few
 * commands, not hundreds. A reading equal to what the Station already shows is dropped; so after the operator
 * typed another frequency, the next reading of a radio that stayed put takes it back: the radio is the truth.
 */
import { RIG_DATA_MODES, bandForHz, formatMHz, normalizeMode } from '../../../shared/radio.js';
import type { Station } from '../domain/station.js';

export type IntegrationName = 'n1mm' | 'wsjtx' | 'rigctld';

export interface RadioReading {
  source: IntegrationName;
  /** The operating position whose radio this is (a logger or rig mapped to it); absent: the default one. */
  positionId?: string;
  freqHz: number;
  /** Null when the source does not know the mode (or only knows a rig data mode such as PKTUSB). */
  mode: string | null;
}

export function radioMode(mode: string | null | undefined): string | null {
  if (mode === null || mode === undefined) return null;
  const upper = mode.trim().toUpperCase();
  if (upper === '' || RIG_DATA_MODES.has(upper)) return null;
  return normalizeMode(upper);
}

/** The radio of one position as a follower moves it: the Station's default one, or `radioAt`'s. */
export type RadioTarget = Pick<Station, 'getFrequency'> & {
  setFrequency(
    input: { frequency: string; band?: string | null; mode?: string | null },
    actor: string,
  ): Promise<unknown>;
};

/** The radio of one operating position of the Station, for a follower. */
export function radioAt(
  station: Pick<Station, 'setFrequency' | 'positions'>,
  positionId: string,
): RadioTarget {
  return {
    getFrequency: () => station.positions.frequency(positionId),
    setFrequency: (input, actor) => station.setFrequency(input, actor, positionId),
  };
}

/** Follows one position's radio (one follower per position, so readings of two rigs never replace each other). */
export class RadioFollower {
  private pending: RadioReading | null = null;
  private running = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly station: RadioTarget,
    private readonly onError: (source: IntegrationName, err: unknown) => void,
  ) {}

  push(reading: RadioReading): void {
    if (!Number.isSafeInteger(reading.freqHz) || reading.freqHz <= 0) return;
    this.pending = { ...reading, mode: radioMode(reading.mode) };
    if (!this.running) this.idle = this.flush();
  }

  /** Resolves when every reading pushed so far has been applied (for tests and shutdown). */
  settled(): Promise<void> {
    return this.idle;
  }

  private async flush(): Promise<void> {
    this.running = true;
    try {
      while (this.pending !== null) {
        const reading = this.pending;
        this.pending = null;
        const frequency = formatMHz(reading.freqHz);
        try {
          // (a position deleted meanwhile answers POSITION_NOT_FOUND: recorded as the source's last error)
          const shown = this.station.getFrequency();
          if (shown.frequency === frequency && (reading.mode === null || shown.mode === reading.mode)) {
            continue;
          }
          await this.station.setFrequency(
            {
              frequency,
              band: bandForHz(reading.freqHz),
              ...(reading.mode !== null ? { mode: reading.mode } : {}),
            },
            `integration:${reading.source}`,
          );
        } catch (err) {
          this.onError(reading.source, err);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
