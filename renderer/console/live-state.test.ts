import { describe, expect, it } from 'vitest';
import {
  INITIAL_LIVE_STATE,
  applyEvent,
  applySnapshot,
  moveSelection,
  reconcileSelection,
} from './live-state.js';
import { entry, lookup, qso } from './testing-fixtures.js';

describe('applyEvent', () => {
  it('replaces the queue and takes max size and the active flag from queue_update', () => {
    const state = applyEvent(
      INITIAL_LIVE_STATE,
      'queue_update',
      { queue: [entry('DL1ABC', 1), entry('G4XYZ', 2)], total: 2, max_size: 10, system_active: true },
      7,
    );
    expect(state.queue.map((e) => e.callsign)).toEqual(['DL1ABC', 'G4XYZ']);
    expect(state.queueMax).toBe(10);
    expect(state.active).toBe(true);
    expect(state.seq).toBe(7);
  });

  it('reads current_qso both wrapped (protocol v2) and bare (SSE)', () => {
    const current = {
      callsign: 'EI6JGB',
      timestamp: '2026-03-01T12:00:00Z',
      qrz: lookup('EI6JGB'),
      metadata: {},
    };
    expect(applyEvent(INITIAL_LIVE_STATE, 'current_qso', { current_qso: current }).currentQso?.callsign).toBe(
      'EI6JGB',
    );
    expect(applyEvent(INITIAL_LIVE_STATE, 'current_qso', current).currentQso?.callsign).toBe('EI6JGB');
    const withQso = applyEvent(INITIAL_LIVE_STATE, 'current_qso', current);
    expect(applyEvent(withQso, 'current_qso', { current_qso: null }).currentQso).toBeNull();
    expect(applyEvent(withQso, 'current_qso', null).currentQso).toBeNull();
  });

  it('applies system, pause, frequency, split and beam events', () => {
    let state = applyEvent(INITIAL_LIVE_STATE, 'system_status', { active: true });
    state = applyEvent(state, 'queue_pause_update', { paused: true });
    state = applyEvent(state, 'frequency_update', {
      frequency: '14.205',
      band: '20m',
      mode: 'SSB',
      last_updated: '2026-03-01T12:00:00Z',
    });
    state = applyEvent(state, 'split_update', { split: 'Up 5', last_updated: null });
    state = applyEvent(state, 'beam_heading_update', { beam_heading: 270 });
    state = applyEvent(state, 'beam_heading_visibility_update', { beam_heading_visible: true });
    expect(state).toMatchObject({
      active: true,
      paused: true,
      frequency: { frequency: '14.205', band: '20m', mode: 'SSB' },
      split: { split: 'Up 5' },
      beamHeading: 270,
      beamVisible: true,
    });
    expect(applyEvent(state, 'beam_heading_update', { beam_heading: null }).beamHeading).toBeNull();
  });

  it('keeps the QSO log newest first, replacing updated and dropping deleted QSOs', () => {
    let state = applyEvent(INITIAL_LIVE_STATE, 'qso_log_update', {
      action: 'added',
      qso: qso('1', 'DL1ABC', '2026-03-01T12:00:00Z'),
    });
    state = applyEvent(state, 'qso_log_update', {
      action: 'added',
      qso: qso('2', 'G4XYZ', '2026-03-01T12:05:00Z'),
    });
    expect(state.log.map((q) => q.id)).toEqual(['2', '1']);
    state = applyEvent(state, 'qso_log_update', {
      action: 'updated',
      qso: qso('1', 'DL1ABC', '2026-03-01T12:00:00Z', { mode: 'CW' }),
    });
    expect(state.log.find((q) => q.id === '1')?.mode).toBe('CW');
    expect(state.log).toHaveLength(2);
    state = applyEvent(state, 'qso_log_update', { action: 'deleted', id: '2' });
    expect(state.log.map((q) => q.id)).toEqual(['1']);
  });

  it('takes bans, cooldown, settings and the worked total', () => {
    const ban = {
      callsign: 'X1BAD',
      reason: 'spam',
      banned_by: 'admin',
      banned_timestamp: '2026-03-01T12:00:00Z',
    };
    let state = applyEvent(INITIAL_LIVE_STATE, 'bans_update', { banned_callsigns: [ban], total: 1 });
    state = applyEvent(state, 'cooldown_rule_update', { time_period_minutes: 30, enabled: true });
    state = applyEvent(state, 'settings_update', { max_queue_size: 8, worked_window_hours: 72 });
    state = applyEvent(state, 'worked_callers_update', { worked_caller: {}, total: 12 });
    expect(state.bans).toEqual([ban]);
    expect(state.cooldown).toEqual({ time_period_minutes: 30, enabled: true });
    expect(state.settings).toEqual({ max_queue_size: 8, worked_window_hours: 72 });
    expect(state.workedTotal).toBe(12);
  });

  it('ignores unknown events and malformed payloads', () => {
    const state = applyEvent(INITIAL_LIVE_STATE, 'queue_update', {
      queue: [entry('DL1ABC', 1)],
      max_size: 4,
    });
    expect(applyEvent(state, 'something_new', { x: 1 })).toEqual(state);
    expect(applyEvent(state, 'queue_update', { queue: 'nope' })).toEqual(state);
    expect(applyEvent(state, 'system_status', { active: 'yes' }).active).toBe(state.active);
  });
});

describe('applySnapshot', () => {
  it('takes everything from a public snapshot', () => {
    const state = applySnapshot(INITIAL_LIVE_STATE, {
      seq: 41,
      system: { active: true, paused: false },
      frequency: { frequency: '7.074', band: '40m', mode: 'FT8', last_updated: null },
      split: { split: null, last_updated: null },
      beam_heading: { beam_heading: 90, beam_heading_visible: true },
      current_qso: null,
      queue: { queue: [entry('K1ABC', 1)], total: 1, max_size: 6, system_active: true },
      worked: { worked_callers: [], total: 3 },
      stats: { qsos_last_hour: 17, average_qso_seconds: 42.5 },
      bans: [
        { callsign: 'X1BAD', reason: null, banned_by: 'admin', banned_timestamp: '2026-03-01T12:00:00Z' },
      ],
      qso_log: [qso('a', 'K1ABC', '2026-03-01T10:00:00Z'), qso('b', 'K2ABC', '2026-03-01T11:00:00Z')],
    });
    expect(state).toMatchObject({
      seq: 41,
      active: true,
      paused: false,
      beamHeading: 90,
      queueMax: 6,
      workedTotal: 3,
      qsosLastHour: 17,
      averageQsoSeconds: 42.5,
    });
    expect(state.frequency.mode).toBe('FT8');
    expect(state.queue.map((e) => e.callsign)).toEqual(['K1ABC']);
    expect(state.bans.map((b) => b.callsign)).toEqual(['X1BAD']);
    expect(state.log.map((q) => q.id)).toEqual(['b', 'a']);
  });

  it('takes the admin section of an operator snapshot', () => {
    const current = {
      callsign: 'EI6JGB',
      timestamp: '2026-03-01T12:00:00Z',
      qrz: lookup('EI6JGB'),
      metadata: {},
    };
    const state = applySnapshot(INITIAL_LIVE_STATE, {
      seq: 5,
      system: { active: false, paused: false },
      current_qso: null,
      admin: {
        system: { active: true, paused: true },
        current_qso: current,
        bans: [
          { callsign: 'X1BAD', reason: null, banned_by: 'admin', banned_timestamp: '2026-03-01T12:00:00Z' },
        ],
        cooldown_rule: { time_period_minutes: 60, enabled: true },
        settings: { max_queue_size: 25, worked_window_hours: 48 },
      },
    });
    expect(state.active).toBe(true);
    expect(state.paused).toBe(true);
    expect(state.currentQso?.callsign).toBe('EI6JGB');
    expect(state.bans).toHaveLength(1);
    expect(state.cooldown).toEqual({ time_period_minutes: 60, enabled: true });
    expect(state.settings).toEqual({ max_queue_size: 25, worked_window_hours: 48 });
  });

  it('keeps values the snapshot does not carry', () => {
    const before = applyEvent(INITIAL_LIVE_STATE, 'bans_update', {
      banned_callsigns: [{ callsign: 'X1BAD', reason: null, banned_by: 'a', banned_timestamp: 'x' }],
    });
    expect(applySnapshot(before, { seq: 2 }).bans).toHaveLength(1);
    expect(applySnapshot(before, 'garbage')).toBe(before);
  });
});

describe('queue selection', () => {
  const queue = [entry('A1A', 1), entry('B1B', 2), entry('C1C', 3)];

  it('moves within the queue and stops at the ends', () => {
    expect(moveSelection(queue, null, 1)).toBe('A1A');
    expect(moveSelection(queue, null, -1)).toBe('C1C');
    expect(moveSelection(queue, 'A1A', 1)).toBe('B1B');
    expect(moveSelection(queue, 'C1C', 1)).toBe('C1C');
    expect(moveSelection(queue, 'A1A', -1)).toBe('A1A');
    expect(moveSelection([], 'A1A', 1)).toBeNull();
  });

  it('follows the same caller, or takes the one now at the old place when it left', () => {
    expect(reconcileSelection(queue, [entry('B1B', 1), entry('C1C', 2)], 'C1C')).toBe('C1C');
    expect(reconcileSelection(queue, [entry('A1A', 1), entry('C1C', 2)], 'B1B')).toBe('C1C');
    expect(reconcileSelection(queue, [entry('A1A', 1)], 'C1C')).toBe('A1A');
    expect(reconcileSelection(queue, [], 'A1A')).toBeNull();
    expect(reconcileSelection([], [entry('A1A', 1)], null)).toBe('A1A');
  });
});
