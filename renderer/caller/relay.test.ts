import { describe, expect, it } from 'vitest';
import { eventSeq } from './relay.js';

describe('eventSeq', () => {
  it('reads the station stream’s numeric id, else the relay message’s seq', () => {
    expect(eventSeq('1767225600123', '{}')).toBe(1767225600123);
    expect(eventSeq('1796175350:0', '{"type":"x","data":{},"timestamp":"t","seq":42}')).toBe(42);
    expect(eventSeq('', '{"type":"x","data":{}}')).toBeNull();
    expect(eventSeq('1796175350:0', 'not json')).toBeNull();
    expect(eventSeq('abc', '{"seq":"7"}')).toBeNull();
  });
});
