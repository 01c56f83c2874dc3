import { describe, expect, it } from 'vitest';
import { OpError } from '../util/errors.js';
import { emptyLookup } from './no-lookup.js';
import { registrationLookup, registrationRefusal, type RegistrationFacts } from './registration.js';

const open: RegistrationFacts = {
  active: true,
  paused: false,
  banned: false,
  queued: false,
  current: null,
  queuedAs: null,
  currentIsSameOperator: false,
  cooldownRemainingMs: 0,
  queueLength: 0,
  maxQueueSize: 10,
};

const codeOf = (facts: Partial<RegistrationFacts>, callsign = 'W1AW/P'): string | null =>
  registrationRefusal(callsign, { ...open, ...facts })?.code ?? null;

describe('registrationRefusal', () => {
  it('lets a callsign register when nothing stands in the way', () => {
    expect(registrationRefusal('W1AW', open)).toBeNull();
    expect(codeOf({ queueLength: 9 })).toBeNull();
  });

  it('refuses each reason with its code', () => {
    expect(codeOf({ active: false })).toBe('SYSTEM_INACTIVE');
    expect(codeOf({ paused: true })).toBe('QUEUE_PAUSED');
    expect(codeOf({ banned: true })).toBe('CALLSIGN_BANNED');
    expect(codeOf({ queued: true })).toBe('ALREADY_QUEUED');
    expect(codeOf({ current: 'W1AW/P' })).toBe('ALREADY_QUEUED');
    expect(codeOf({ queuedAs: 'W1AW' })).toBe('ALREADY_QUEUED');
    expect(codeOf({ current: 'W1AW', currentIsSameOperator: true })).toBe('ALREADY_QUEUED');
    expect(codeOf({ cooldownRemainingMs: 1 })).toBe('COOLDOWN');
    expect(codeOf({ queueLength: 10 })).toBe('QUEUE_FULL');
  });

  it('a callsign worked now by another operator is no reason', () => {
    expect(codeOf({ current: 'K1ABC', currentIsSameOperator: false })).toBeNull();
  });

  it('checks in order: the first reason that holds answers', () => {
    const all: Partial<RegistrationFacts> = {
      active: false,
      paused: true,
      banned: true,
      queued: true,
      cooldownRemainingMs: 60_000,
      queueLength: 10,
    };
    expect(codeOf(all)).toBe('SYSTEM_INACTIVE');
    expect(codeOf({ ...all, active: true })).toBe('QUEUE_PAUSED');
    expect(codeOf({ ...all, active: true, paused: false })).toBe('CALLSIGN_BANNED');
    expect(codeOf({ ...all, active: true, paused: false, banned: false })).toBe('ALREADY_QUEUED');
    expect(codeOf({ cooldownRemainingMs: 60_000, queueLength: 10 })).toBe('COOLDOWN');
  });

  it('names the other callsign of the same operator', () => {
    expect(registrationRefusal('W1AW/P', { ...open, queuedAs: 'W1AW' })?.message).toBe(
      'W1AW/P is already in the queue as W1AW',
    );
    expect(
      registrationRefusal('W1AW/P', { ...open, current: 'W1AW', currentIsSameOperator: true })?.message,
    ).toBe('W1AW/P is being worked right now as W1AW');
  });

  it('tells the time left in a cooldown, in minutes and as retry_after_s', () => {
    const err = registrationRefusal('W1AW', { ...open, cooldownRemainingMs: 61_500 })!;
    expect(err.message).toContain('in 2 minutes');
    expect(err.details).toEqual({ retry_after_s: 62 });
    expect(registrationRefusal('W1AW', { ...open, cooldownRemainingMs: 30_000 })!.message).toContain(
      'in 1 minute.',
    );
  });
});

describe('registrationLookup', () => {
  const known = { ...emptyLookup('W1AW'), name: 'Hiram', source: 'qrz' as const };
  const unknown = emptyLookup('XX9XX');
  const manual = { name: 'Ann', location: 'Reef', country: 'Nowhere' };

  it('queues a known callsign with what the lookup knows', () => {
    expect(registrationLookup('W1AW', known, undefined)).toEqual(known);
  });

  it('asks for manual details when nothing is known', () => {
    expect(registrationLookup('XX9XX', unknown, undefined)).toBeNull();
  });

  it("takes the caller's own details for an unknown callsign", () => {
    expect(registrationLookup('XX9XX', unknown, manual)).toMatchObject({
      callsign: 'XX9XX',
      name: 'Ann',
      address: 'Reef',
      dxcc_name: 'Nowhere',
      source: 'manual',
    });
  });

  it('refuses manual details for a known callsign (CONFLICT)', () => {
    let caught: unknown;
    try {
      registrationLookup('W1AW', known, manual);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OpError);
    expect((caught as OpError).code).toBe('CONFLICT');
  });
});
