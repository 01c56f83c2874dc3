import { describe, expect, it } from 'vitest';
import { RadioFollower, radioMode } from './radio-follow.js';

type Call = { input: { frequency: string; band?: string | null; mode?: string | null }; actor: string };

type Shown = { frequency: string | null; mode: string | null };

/** What a Station shows before any reading: nothing. */
const nothingShown = () => ({
  frequency: null,
  band: null,
  mode: null,
  last_updated: null,
  updated_by: null,
});

/**
 * A Station stand-in whose setFrequency completes only when the test says so; what it shows changes when a
 * command completes (or when the test sets it, as the operator would).
 */
function fakeStation() {
  const calls: Call[] = [];
  const release: (() => void)[] = [];
  const shown: Shown = { frequency: null, mode: null };
  const station = {
    getFrequency: () => ({ ...nothingShown(), ...shown }),
    setFrequency: (input: Call['input'], actor: string) => {
      calls.push({ input, actor });
      return new Promise<never>((resolve) =>
        release.push(() => {
          shown.frequency = input.frequency;
          if (input.mode !== undefined) shown.mode = input.mode;
          resolve(undefined as never);
        }),
      );
    },
  };
  return { station, calls, release, shown };
}

describe('RadioFollower', () => {
  it('applies the latest reading only, and skips one equal to what the station shows', async () => {
    const { station, calls, release } = fakeStation();
    const errors: unknown[] = [];
    const follower = new RadioFollower(station, (_s, err) => errors.push(err));
    follower.push({ source: 'rigctld', freqHz: 14_074_000, mode: 'USB' });
    follower.push({ source: 'rigctld', freqHz: 14_075_000, mode: 'USB' });
    follower.push({ source: 'rigctld', freqHz: 14_076_000, mode: 'USB' });
    expect(calls).toHaveLength(1);
    release.shift()!();
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.input.frequency)).toEqual(['14.074', '14.076']);
    release.shift()!();
    await follower.settled();
    follower.push({ source: 'n1mm', freqHz: 14_076_000, mode: 'USB' });
    await follower.settled();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({
      input: { frequency: '14.076', band: '20m', mode: 'SSB' },
      actor: 'integration:rigctld',
    });
    expect(errors).toEqual([]);
  });

  it('takes the frequency back from a manual change when the radio reports it again', async () => {
    const { station, calls, release, shown } = fakeStation();
    const follower = new RadioFollower(station, () => undefined);
    follower.push({ source: 'n1mm', freqHz: 14_200_000, mode: 'USB' });
    release.shift()!();
    await follower.settled();
    // the operator types another frequency in the console; the radio has not moved
    shown.frequency = '7.010';
    follower.push({ source: 'n1mm', freqHz: 14_200_000, mode: 'USB' });
    release.shift()!();
    await follower.settled();
    expect(calls.map((c) => c.input.frequency)).toEqual(['14.200', '14.200']);
    expect(shown.frequency).toBe('14.200');
  });

  it('leaves the mode alone for rig data modes and ignores nonsense frequencies', async () => {
    const { station, calls, release } = fakeStation();
    const follower = new RadioFollower(station, () => undefined);
    follower.push({ source: 'rigctld', freqHz: 0, mode: 'USB' });
    follower.push({ source: 'rigctld', freqHz: Number.NaN, mode: 'USB' });
    expect(calls).toHaveLength(0);
    follower.push({ source: 'rigctld', freqHz: 7_074_000, mode: 'PKTUSB' });
    release.shift()!();
    await follower.settled();
    expect(calls[0]!.input).toEqual({ frequency: '7.074', band: '40m' });
  });

  it('reports a rejected command and goes on', async () => {
    const errors: string[] = [];
    let n = 0;
    const station = {
      getFrequency: nothingShown,
      setFrequency: () =>
        ++n === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(undefined as never),
    };
    const follower = new RadioFollower(station, (source, err) => errors.push(`${source}: ${String(err)}`));
    follower.push({ source: 'wsjtx', freqHz: 14_074_000, mode: 'FT8' });
    await follower.settled();
    follower.push({ source: 'wsjtx', freqHz: 14_074_000, mode: 'FT8' });
    await follower.settled();
    expect(errors).toEqual(['wsjtx: Error: store down']);
    expect(n).toBe(2); // the failed reading was not remembered as applied
  });

  it('maps modes', () => {
    expect(radioMode('usb')).toBe('SSB');
    expect(radioMode('FT8')).toBe('FT8');
    expect(radioMode('DATA-U')).toBeNull();
    expect(radioMode(null)).toBeNull();
  });
});
