import { describe, expect, it } from 'vitest';
import { fakeLookup } from '../../testing/fake-lookup.js';
import { EMPTY_RADIO } from './position.js';
import { initialStateOf, queuesByPosition, startOfStoredPosition } from './position-state.js';

const entry = (callsign: string, order: number, position_id?: string) => ({
  callsign,
  timestamp: '2026-12-02T04:00:00.000Z',
  order,
  qrz: fakeLookup().resolveNow(callsign),
  ...(position_id ? { position_id } : {}),
});

describe('position state documents', () => {
  it('start from what a position was created with, checked by the state schemas', () => {
    const state = initialStateOf(
      { ...EMPTY_RADIO, frequency: '7.074', band: '40m', mode: 'FT8', active: true },
      'admin',
      '2026-12-02T04:00:00.000Z',
    );
    const warnings: string[] = [];
    const start = startOfStoredPosition(
      { _id: 'run-2', name: 'Run 2', created_at: '', state },
      (_level, message) => warnings.push(message),
    );
    expect(start).toMatchObject({
      system: { active: true, paused: false, updated_by: 'admin' },
      frequency: { frequency: '7.074', band: '40m', mode: 'FT8' },
      split: { split: null },
      beam: { beam_heading: null, beam_heading_visible: false },
      current: null,
    });
    expect(warnings).toEqual([]);
  });

  it('reset an invalid document to its default and say so', () => {
    const warnings: string[] = [];
    const start = startOfStoredPosition(
      { _id: 'run-2', name: 'Run 2', created_at: '', state: { system_status: { active: 'yes' } } },
      (_level, message) => warnings.push(message),
    );
    expect(start.system.active).toBe(false);
    expect(warnings).toEqual([
      'stored state "system_status" of position "run-2" is invalid and was reset to its default',
    ]);
  });
});

describe('queue entries by position', () => {
  it('groups by position; entries of an unknown position wait at the default one', () => {
    const warnings: string[] = [];
    const groups = queuesByPosition(
      [entry('W1AW', 1), entry('K1ABC', 2, 'run-2'), entry('W1AW', 3, 'run-2'), entry('G4ABC', 4, 'gone')],
      new Set(['default', 'run-2']),
      (_level, message) => warnings.push(message),
    );
    expect(groups.get('default')?.map((e) => e.callsign)).toEqual(['W1AW', 'G4ABC']);
    expect(groups.get('run-2')?.map((e) => e.callsign)).toEqual(['K1ABC', 'W1AW']);
    expect(warnings).toHaveLength(1);
  });
});
