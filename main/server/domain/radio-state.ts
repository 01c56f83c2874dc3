import type { EventPayloads, StationEventName } from '../../../shared/protocol/events.js';
import type { FrequencyState, SplitState } from '../../../shared/protocol/types.js';
import { bandForHz, normalizeMode, parseFrequencyToHz } from '../../../shared/radio.js';
import { isoAt } from '../util/time.js';
import { STATE_KEYS, type BeamState, type StoredFrequency, type StoredSplit } from './state-schemas.js';
import type { PutState } from './types.js';

export interface RadioStateDeps {
  putState: PutState;
  now(): number;
  emit<N extends StationEventName>(name: N, data: EventPayloads[N]): void;
}

/**
 * What the radio is doing: frequency (with band and mode), split and beam heading. Each change is written
 * first, then held, then announced; setting what is already set changes nothing. The Station runs these inside
 * its commands.
 */
export class RadioState {
  private frequency: StoredFrequency;
  private split: StoredSplit;
  private beam: BeamState;

  constructor(
    loaded: { frequency: StoredFrequency; split: StoredSplit; beam: BeamState },
    private readonly deps: RadioStateDeps,
  ) {
    this.frequency = loaded.frequency;
    this.split = loaded.split;
    this.beam = loaded.beam;
  }

  getFrequency(): StoredFrequency {
    return { ...this.frequency };
  }

  getSplit(): StoredSplit {
    return { ...this.split };
  }

  getBeam(): BeamState {
    return { ...this.beam };
  }

  publicFrequency(): FrequencyState {
    const { frequency, band, mode, last_updated } = this.frequency;
    return { frequency, band, mode, last_updated };
  }

  publicSplit(): SplitState {
    const { split, last_updated } = this.split;
    return { split, last_updated };
  }

  /** The beam heading as callers may see it (null while hidden). */
  shownBeamHeading(): number | null {
    return this.beam.beam_heading_visible ? this.beam.beam_heading : null;
  }

  // --------------------------------------------------------------- frequency

  async setFrequency(
    input: { frequency: string; band?: string | null; mode?: string | null },
    actor: string,
  ): Promise<StoredFrequency> {
    const hz = parseFrequencyToHz(input.frequency);
    const band = input.band ?? (hz !== null ? bandForHz(hz) : null) ?? null;
    const mode =
      input.mode === undefined
        ? this.frequency.mode
        : input.mode === null
          ? null
          : (normalizeMode(input.mode) ?? input.mode);
    const next: StoredFrequency = {
      frequency: input.frequency,
      band,
      mode,
      last_updated: isoAt(this.deps.now()),
      updated_by: actor,
    };
    if (
      next.frequency === this.frequency.frequency &&
      next.band === this.frequency.band &&
      next.mode === this.frequency.mode
    ) {
      return { ...this.frequency };
    }
    await this.saveFrequency(next);
    return { ...next };
  }

  async clearFrequency(actor: string): Promise<StoredFrequency & { cleared: boolean }> {
    const had = this.frequency.frequency !== null;
    const next: StoredFrequency = {
      frequency: null,
      band: null,
      mode: null,
      last_updated: isoAt(this.deps.now()),
      updated_by: actor,
    };
    if (had) await this.saveFrequency(next);
    return { ...next, cleared: had };
  }

  // ------------------------------------------------------------------- split

  async setSplit(split: string, actor: string): Promise<StoredSplit> {
    const next: StoredSplit = { split, last_updated: isoAt(this.deps.now()), updated_by: actor };
    if (split === this.split.split) return { ...this.split };
    await this.saveSplit(next);
    return { ...next };
  }

  async clearSplit(actor: string): Promise<StoredSplit & { cleared: boolean }> {
    const had = this.split.split !== null;
    const next: StoredSplit = { split: null, last_updated: isoAt(this.deps.now()), updated_by: actor };
    if (had) await this.saveSplit(next);
    return { ...next, cleared: had };
  }

  /** Deactivation: clears split and frequency (split first), each announced, with one time stamp. */
  async clearAll(actor: string, at: string): Promise<void> {
    if (this.split.split !== null) await this.saveSplit({ split: null, last_updated: at, updated_by: actor });
    if (this.frequency.frequency !== null) {
      await this.saveFrequency({
        frequency: null,
        band: null,
        mode: null,
        last_updated: at,
        updated_by: actor,
      });
    }
  }

  // -------------------------------------------------------------------- beam

  async setBeamHeading(heading: number | null): Promise<BeamState> {
    if (heading === this.beam.beam_heading) return { ...this.beam };
    const next: BeamState = { ...this.beam, beam_heading: heading, last_updated: isoAt(this.deps.now()) };
    await this.saveBeam(next);
    return { ...next };
  }

  async setBeamHeadingVisible(visible: boolean): Promise<BeamState> {
    if (visible === this.beam.beam_heading_visible) return { ...this.beam };
    const next: BeamState = {
      ...this.beam,
      beam_heading_visible: visible,
      last_updated: isoAt(this.deps.now()),
    };
    await this.saveBeam(next);
    return { ...next };
  }

  /**
   * Callers see the beam heading only while it is shown: the public events carry what a caller may see and are
   * sent only when that changes; operators get the real heading and flag in `beam_update`.
   */
  private async saveBeam(next: BeamState): Promise<void> {
    const before = this.beam;
    await this.deps.putState(STATE_KEYS.beam, next);
    this.beam = next;
    const shown = (b: BeamState): number | null => (b.beam_heading_visible ? b.beam_heading : null);
    if (next.beam_heading_visible !== before.beam_heading_visible) {
      this.deps.emit('beam_heading_visibility_update', { beam_heading_visible: next.beam_heading_visible });
    }
    if (shown(next) !== shown(before)) this.deps.emit('beam_heading_update', { beam_heading: shown(next) });
    this.deps.emit('beam_update', {
      beam_heading: next.beam_heading,
      beam_heading_visible: next.beam_heading_visible,
    });
  }

  private async saveFrequency(next: StoredFrequency): Promise<void> {
    await this.deps.putState(STATE_KEYS.frequency, next);
    this.frequency = next;
    this.deps.emit('frequency_update', this.publicFrequency());
  }

  private async saveSplit(next: StoredSplit): Promise<void> {
    await this.deps.putState(STATE_KEYS.split, next);
    this.split = next;
    this.deps.emit('split_update', this.publicSplit());
  }
}
