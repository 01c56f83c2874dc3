import { describe, expect, it } from 'vitest';
import { MODE_ALIASES, RIG_DATA_MODES, normalizeMode } from '../../../shared/radio.js';
import { adifMode } from './adif/fields.js';
import { radioMode } from './radio-follow.js';

describe('the one mode table', () => {
  it('radio follow and ADIF both read every rig data mode as "mode unknown"', () => {
    expect(RIG_DATA_MODES.size).toBeGreaterThan(0);
    for (const rigMode of RIG_DATA_MODES) {
      expect(radioMode(rigMode)).toBeNull();
      expect(adifMode(rigMode)).toBeNull();
    }
  });

  it('a rig spelling means the same mode to radio follow, ADIF and the Station', () => {
    for (const [spelling, mode] of Object.entries(MODE_ALIASES)) {
      expect(radioMode(spelling)).toBe(mode);
      expect(normalizeMode(spelling)).toBe(mode);
      const adif = adifMode(spelling)!;
      expect(adif.mode).toBe(mode);
    }
  });
});
