import { describe, expect, it } from 'vitest';
import {
  ALL_POSITIONS,
  initialPositionChoice,
  isKnownChoice,
  positionField,
  positionLabel,
  positionNameOf,
  workingPositionId,
} from './position-choice.js';
import { positionView } from './testing-fixtures.js';

const view = (id: string, name: string, band: string | null = null, mode: string | null = null) =>
  positionView(id, { name, band, mode });

const CAMP = [view('default', 'Main'), view('run-2', 'Run 2', '40m', 'FT8')];

describe('the console position choice', () => {
  it("takes the URL's ?position= first, else the default position (no storage here)", () => {
    expect(initialPositionChoice('?position=run-2')).toBe('run-2');
    expect(initialPositionChoice('?position=all')).toBe(ALL_POSITIONS);
    expect(initialPositionChoice('?theme=dark')).toBe('default');
    expect(initialPositionChoice('?position=')).toBe('default');
  });

  it('works the chosen position when it exists, else the default one (also while watching all)', () => {
    expect(workingPositionId('run-2', CAMP)).toBe('run-2');
    expect(workingPositionId('gone', CAMP)).toBe('default');
    expect(workingPositionId(ALL_POSITIONS, CAMP)).toBe('default');
    // before the positions list arrived, the choice stands
    expect(workingPositionId('run-2', [])).toBe('run-2');
    expect(isKnownChoice('run-2', CAMP)).toBe(true);
    expect(isKnownChoice('gone', CAMP)).toBe(false);
    expect(isKnownChoice(ALL_POSITIONS, CAMP)).toBe(true);
  });

  it('names a position in operations only when it is not the default one', () => {
    expect(positionField('default')).toEqual({});
    expect(positionField('run-2')).toEqual({ position_id: 'run-2' });
  });

  it("labels positions with band and mode unless the name says them, and names a QSO's position", () => {
    expect(positionLabel(view('run-2', 'Run 2', '40m', 'FT8'))).toBe('Run 2 · 40m FT8');
    expect(positionLabel(view('run-2', 'Run 2 - 40m FT8', '40m', 'FT8'))).toBe('Run 2 - 40m FT8');
    expect(positionLabel(view('x', 'Spare'))).toBe('Spare');
    expect(positionNameOf(null, CAMP)).toBe('Main');
    expect(positionNameOf('run-2', CAMP)).toBe('Run 2');
    expect(positionNameOf('deleted-one', CAMP)).toBe('deleted-one');
  });
});
