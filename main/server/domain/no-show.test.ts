import { describe, expect, it } from 'vitest';
import { DEFAULT_NO_SHOW_RULE, callsMade, decideCallAgain, moveBackIndex, orderAt } from './no-show.js';

describe('the no-show rule', () => {
  it('counts the first call when the QSO starts, and only whole positive counts after', () => {
    expect(callsMade({})).toBe(1);
    expect(callsMade({ calls: 2 })).toBe(2);
    expect(callsMade({ calls: 0 })).toBe(1);
    expect(callsMade({ calls: '3' })).toBe(1);
  });

  it('calls again until the set number of calls went unanswered, then applies', () => {
    const rule = DEFAULT_NO_SHOW_RULE;
    expect(decideCallAgain(rule, 1)).toEqual({ kind: 'call', calls: 2 });
    expect(decideCallAgain(rule, 2)).toEqual({ kind: 'call', calls: 3 });
    expect(decideCallAgain(rule, 3)).toEqual({ kind: 'apply' });
    expect(decideCallAgain({ ...rule, calls: 1 }, 1)).toEqual({ kind: 'apply' });
  });

  it('moves a caller back behind `places` waiting callers, or to the end of a shorter queue', () => {
    expect(moveBackIndex(10, 3)).toBe(3);
    expect(moveBackIndex(2, 3)).toBe(2);
    expect(moveBackIndex(0, 3)).toBe(0);
  });

  it('finds an order between the neighbours, or the next one at the end', () => {
    expect(orderAt([1, 2, 5], 2, 6)).toBe(3.5);
    expect(orderAt([1, 2, 5], 0, 6)).toBe(0.5);
    expect(orderAt([1, 2, 5], 3, 6)).toBe(6);
  });
});
