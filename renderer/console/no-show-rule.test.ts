import { describe, expect, it } from 'vitest';
import { describeRule, draftFrom, NO_SHOW_DEFAULT, parseDraft, ruleFrom, sameRule } from './no-show-rule.js';

describe('the no-show rule form', () => {
  it('reads back what it shows', () => {
    const draft = draftFrom({ calls: 4, action: 'move_back', places: 2 });
    expect(draft).toEqual({ calls: '4', action: 'move_back', places: '2' });
    expect(parseDraft(draft)).toEqual({ ok: true, rule: { calls: 4, action: 'move_back', places: 2 } });
  });

  it('refuses what the server would refuse, naming the field', () => {
    for (const calls of ['0', '21', '2.5', '', 'x']) {
      const parsed = parseDraft({ ...draftFrom(NO_SHOW_DEFAULT), calls });
      expect(parsed).toEqual({ ok: false, error: 'Calls without an answer: a whole number from 1 to 20' });
    }
    expect(parseDraft({ ...draftFrom(NO_SHOW_DEFAULT), places: '1001' })).toEqual({
      ok: false,
      error: 'Places back: a whole number from 1 to 1000',
    });
    expect(parseDraft({ calls: ' 3 ', action: 'drop', places: '3' })).toEqual({
      ok: true,
      rule: NO_SHOW_DEFAULT,
    });
  });

  it('takes the rule from an event and ignores a malformed one', () => {
    expect(ruleFrom({ calls: 2, action: 'drop', places: 5 })).toEqual({
      calls: 2,
      action: 'drop',
      places: 5,
    });
    expect(ruleFrom({ calls: 2, action: 'skip', places: 5 })).toBeNull();
    expect(ruleFrom({ calls: '2', action: 'drop', places: 5 })).toBeNull();
    expect(ruleFrom(null)).toBeNull();
  });

  it('says the rule in words', () => {
    expect(describeRule(NO_SHOW_DEFAULT)).toBe(
      'After 3 calls without an answer the caller is dropped from the queue (not logged).',
    );
    expect(describeRule({ calls: 1, action: 'move_back', places: 1 })).toBe(
      'After 1 call without an answer the caller is moved back 1 place in the queue (not logged).',
    );
    expect(sameRule(NO_SHOW_DEFAULT, { ...NO_SHOW_DEFAULT })).toBe(true);
    expect(sameRule(NO_SHOW_DEFAULT, { ...NO_SHOW_DEFAULT, places: 4 })).toBe(false);
  });
});
