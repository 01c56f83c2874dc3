import { describe, expect, it } from 'vitest';
import {
  createInputOf,
  describeRules,
  draftOf,
  EMPTY_DRAFT,
  hasCamp,
  moveTargets,
  parseRulesDraft,
  placeOf,
  positionLabel,
  refusalText,
  rulesFrom,
  updateInputOf,
  validationField,
} from './position-admin.js';
import { positionView } from './testing-fixtures.js';

const view = positionView;

describe('positions as choices', () => {
  it('reads the caller rules of positions.list and of caller_rules_update', () => {
    expect(rulesFrom({ caller_rules: { allow_dupes: true, max_queues_per_caller: 2 } })).toEqual({
      allow_dupes: true,
      max_queues_per_caller: 2,
    });
    expect(rulesFrom({ allow_dupes: false, max_queues_per_caller: 1 })).toEqual({
      allow_dupes: false,
      max_queues_per_caller: 1,
    });
    expect(rulesFrom({ allow_dupes: 'yes', max_queues_per_caller: 2 })).toBeNull();
    expect(rulesFrom({ allow_dupes: true, max_queues_per_caller: 0 })).toBeNull();
  });

  it('offers the other positions as move targets, and positions at all only beyond the default one', () => {
    const list = [view('default'), view('run-2', { band: '40m', mode: 'FT8', queue_length: 2 })];
    expect(moveTargets(list, 'default').map((p) => p.id)).toEqual(['run-2']);
    expect(positionLabel(list[1]!)).toBe('Run run-2 (40m FT8, 2 waiting)');
    expect(positionLabel(view('x', { active: false }))).toBe('Run x (off)');
    expect(hasCamp([view('default')])).toBe(false);
    expect(hasCamp(null)).toBe(false);
    expect(hasCamp(list)).toBe(true);
  });
});

describe('the position form', () => {
  it('creates with what was filled in: the id only when given, the mode upper-case, the beam a number', () => {
    const made = createInputOf({
      ...EMPTY_DRAFT,
      name: ' Run 2 - 40m FT8 ',
      frequency: '7.074',
      mode: 'ft8',
      beam: '45',
    });
    expect(made).toEqual({
      ok: true,
      data: { name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8', beam_heading: 45, active: true },
    });
    expect(createInputOf({ ...EMPTY_DRAFT, name: 'Run 3', id: 'run-3', active: false })).toEqual({
      ok: true,
      data: { name: 'Run 3', id: 'run-3', active: false },
    });
  });

  it('refuses, naming the field: no name, a bad id, a beam off the compass', () => {
    expect(createInputOf(EMPTY_DRAFT)).toMatchObject({ ok: false, field: 'name' });
    expect(createInputOf({ ...EMPTY_DRAFT, name: 'x'.repeat(61) })).toMatchObject({
      ok: false,
      field: 'name',
    });
    expect(createInputOf({ ...EMPTY_DRAFT, name: 'R', id: 'Run 2' })).toMatchObject({
      ok: false,
      field: 'id',
    });
    expect(createInputOf({ ...EMPTY_DRAFT, name: 'R', beam: '400' })).toMatchObject({
      ok: false,
      field: 'beam_heading',
    });
  });

  it('updates only what changed; an emptied field clears it', () => {
    const was = view('run-2', {
      frequency: '7.074',
      band: '40m',
      mode: 'FT8',
      split: 'up 1',
      beam_heading: 90,
    });
    const same = updateInputOf(draftOf(was), was);
    expect(same).toEqual({ ok: true, data: { position_id: 'run-2' }, changed: false });
    const edited = updateInputOf(
      { ...draftOf(was), name: 'Run 2 - 40m CW', mode: 'cw', split: '', beam: '', active: false },
      was,
    );
    expect(edited).toEqual({
      ok: true,
      changed: true,
      data: {
        position_id: 'run-2',
        name: 'Run 2 - 40m CW',
        mode: 'CW',
        split: null,
        beam_heading: null,
        active: false,
      },
    });
  });

  it('takes a place from 1 to one past the end, or none for the end', () => {
    expect(placeOf('', 3)).toEqual({ ok: true, place: undefined });
    expect(placeOf('1', 3)).toEqual({ ok: true, place: 1 });
    expect(placeOf('4', 3)).toEqual({ ok: true, place: 4 });
    expect(placeOf('5', 3)).toMatchObject({ ok: false });
    expect(placeOf('0', 3)).toMatchObject({ ok: false });
    expect(placeOf('2.5', 3)).toMatchObject({ ok: false });
  });
});

describe('the caller rules', () => {
  it('say what each means for callers', () => {
    const strict = describeRules({ allow_dupes: false, max_queues_per_caller: 1 });
    expect(strict.dupes).toMatch(/refused a position whose band and mode they already have/);
    expect(strict.queues).toMatch(/One queue at a time/);
    const loose = describeRules({ allow_dupes: true, max_queues_per_caller: 3 });
    expect(loose.dupes).toMatch(/^Dupes allowed/);
    expect(loose.queues).toMatch(/Up to 3 queues at a time/);
  });

  it('take 1 to 32 queues per caller', () => {
    expect(parseRulesDraft({ allowDupes: true, maxQueues: ' 2 ' })).toEqual({
      ok: true,
      rules: { allow_dupes: true, max_queues_per_caller: 2 },
    });
    expect(parseRulesDraft({ allowDupes: false, maxQueues: '0' })).toMatchObject({ ok: false });
    expect(parseRulesDraft({ allowDupes: false, maxQueues: '33' })).toMatchObject({ ok: false });
    expect(parseRulesDraft({ allowDupes: false, maxQueues: 'two' })).toMatchObject({ ok: false });
  });
});

describe("the server's refusals in words", () => {
  it('name what to do for each code of the positions', () => {
    expect(refusalText('POSITION_NAME_TAKEN', 'Position "Run 2 - 40m FT8" already has that name')).toBe(
      'The position "Run 2 - 40m FT8" already has this name (names are compared without case): choose another name.',
    );
    expect(refusalText('POSITION_NAME_TAKEN', 'taken')).toMatch(/^Another position already has this name/);
    expect(refusalText('POSITION_ID_TAKEN', 'x')).toMatch(/choose another id, or leave it empty/);
    expect(refusalText('TOO_MANY_POSITIONS', 'x')).toMatch(/At most 32 positions.*delete one/);
    const notEmpty = refusalText(
      'POSITION_NOT_EMPTY',
      'Position "run-2" still has 2 callers waiting: move them or clear the queue first',
      { position: 'Run 2' },
    );
    expect(notEmpty).toBe(
      '"Run 2" cannot be deleted while it still has 2 callers waiting: move its callers to another position ' +
        '(Move to position… in the queue), or clear its queue and end its QSO, then delete it.',
    );
    expect(
      refusalText(
        'POSITION_NOT_EMPTY',
        'Position "run-2" still has 0 callers waiting and a QSO with K1ABC: move them or clear the queue first',
      ),
    ).toMatch(/^This position cannot be deleted while it still has 0 callers waiting and a QSO with K1ABC: /);
    expect(refusalText('DEFAULT_POSITION_UNDELETABLE', 'x')).toMatch(/default position cannot be deleted/);
    expect(refusalText('SOMETHING_NEW', 'The server says so')).toBe('The server says so');
  });

  it('name the field of a VALIDATION_ERROR', () => {
    const message = 'Invalid input (beam_heading): Too big: expected number to be <=360';
    expect(validationField(message)).toBe('beam_heading');
    expect(refusalText('VALIDATION_ERROR', message)).toBe(
      'Beam heading: Too big: expected number to be <=360',
    );
    expect(validationField('Invalid input: expected object')).toBeNull();
    expect(refusalText('VALIDATION_ERROR', 'Invalid input: expected object')).toBe(
      'Invalid input: expected object',
    );
  });

  it('say why a move was refused', () => {
    const ctx = { callsign: 'K1ABC', target: 'Run 2' };
    expect(refusalText('ALREADY_QUEUED', 'K1ABC is already in the queue of run-2 as K1ABC/P', ctx)).toMatch(
      /^K1ABC already waits or is being worked at "Run 2"/,
    );
    expect(
      refusalText(
        'SLOT_ALREADY_WORKED',
        'K1ABC is already in the log on 40m FT8 (in the log on: 40m FT8)',
        ctx,
      ),
    ).toMatch(/already in the log on 40m FT8.*Allow dupes/);
    expect(refusalText('QUEUE_FULL', 'Queue of run-2 is full. Maximum queue size is 2', ctx)).toMatch(
      /^The queue of "Run 2" is full/,
    );
    expect(refusalText('NOT_FOUND', 'Callsign not found in queue', ctx)).toMatch(
      /^K1ABC no longer waits here/,
    );
  });
});
