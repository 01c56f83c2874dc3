import { describe, expect, it } from 'vitest';
import { OpError } from '../../util/errors.js';
import {
  DEFAULT_POSITION_ID,
  EMPTY_RADIO,
  MAX_POSITIONS,
  checkCreate,
  checkDelete,
  checkNameFree,
  createPositionSchema,
  newPositionId,
  radioFrom,
  requirePosition,
  slugOf,
  updatePositionSchema,
} from './position.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof OpError) return err.code;
    throw err;
  }
  return undefined;
}

const defs = (names: string[]) =>
  names.map((name, i) => ({ id: i === 0 ? DEFAULT_POSITION_ID : slugOf(name), name, created_at: '' }));

describe('position model', () => {
  it('validates create and update input', () => {
    expect(
      createPositionSchema.safeParse({ name: 'Run 1 - 20m CW', frequency: '14.025', mode: 'cw' }).success,
    ).toBe(true);
    expect(createPositionSchema.safeParse({ name: '' }).success).toBe(false);
    expect(createPositionSchema.safeParse({ name: 'x', id: 'Not An Id' }).success).toBe(false);
    expect(createPositionSchema.safeParse({ name: 'x', beam_heading: 400 }).success).toBe(false);
    expect(createPositionSchema.safeParse({ name: 'x', colour: 'red' }).success).toBe(false);
    expect(updatePositionSchema.safeParse({ position_id: 'run-2', paused: true }).success).toBe(true);
    expect(updatePositionSchema.safeParse({ paused: true }).success).toBe(false);
  });

  it('derives the band from the frequency and normalises the mode', () => {
    const r = radioFrom({ frequency: '14.025', mode: 'usb' }, EMPTY_RADIO);
    expect(r).toMatchObject({ frequency: '14.025', band: '20m', mode: 'SSB', active: false });
    expect(radioFrom({ band: '40m' }, r)).toMatchObject({ frequency: '14.025', band: '40m', mode: 'SSB' });
    expect(radioFrom({ frequency: null }, r)).toMatchObject({ frequency: null, band: null, mode: 'SSB' });
    expect(radioFrom({ active: true, paused: true, split: 'up 1', beam_heading: 45 }, r)).toMatchObject({
      active: true,
      paused: true,
      split: 'up 1',
      beam_heading: 45,
    });
  });

  it('gives ids from names, unique, or the one asked for', () => {
    expect(slugOf('Run 1 - 20m CW')).toBe('run-1-20m-cw');
    expect(slugOf('***')).toBe('position');
    const taken = new Set(['default', 'run-1-20m-cw']);
    expect(newPositionId(taken, 'Run 1 - 20m CW')).toBe('run-1-20m-cw-2');
    expect(newPositionId(taken, 'FT8')).toBe('ft8');
    expect(newPositionId(taken, 'x', 'p2')).toBe('p2');
    expect(codeOf(() => newPositionId(taken, 'x', 'default'))).toBe('POSITION_ID_TAKEN');
    expect(newPositionId(new Set(), 'a'.repeat(40)).length).toBeLessThanOrEqual(32);
  });

  it('refuses a second position of the same name and more than the maximum', () => {
    const existing = defs(['Main', 'Run 2']);
    expect(codeOf(() => checkCreate(existing, ' run 2 '))).toBe('POSITION_NAME_TAKEN');
    expect(codeOf(() => checkCreate(existing, 'Run 3'))).toBe(undefined);
    expect(codeOf(() => checkNameFree(existing, 'Run 2', 'run-2'))).toBe(undefined);
    const full = defs(Array.from({ length: MAX_POSITIONS }, (_, i) => `P${i}`));
    expect(codeOf(() => checkCreate(full, 'One more'))).toBe('TOO_MANY_POSITIONS');
  });

  it('never deletes the default position, nor one with callers', () => {
    expect(codeOf(() => checkDelete(DEFAULT_POSITION_ID, 0, null))).toBe('DEFAULT_POSITION_UNDELETABLE');
    expect(codeOf(() => checkDelete('run-2', 2, null))).toBe('POSITION_NOT_EMPTY');
    expect(codeOf(() => checkDelete('run-2', 0, 'W1AW'))).toBe('POSITION_NOT_EMPTY');
    expect(codeOf(() => checkDelete('run-2', 0, null))).toBe(undefined);
  });

  it('answers POSITION_NOT_FOUND for an unknown id', () => {
    const map = new Map([['default', { id: 'default' }]]);
    expect(requirePosition(map, 'default').id).toBe('default');
    expect(codeOf(() => requirePosition(map, 'nope'))).toBe('POSITION_NOT_FOUND');
  });
});
