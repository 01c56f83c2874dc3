import { parseCallsign } from '../../../shared/callsign.js';

/**
 * Which callsigns count as one operator for the cooldown and the duplicate check: `base_call` (the default)
 * makes W1AW, W1AW/P, VE3/W1AW and W1AW/QRP one operator, as bans already do; `exact` compares callsigns as
 * typed (the original's rule). Set with CALLSIGN_IDENTITY.
 */
export type IdentityRule = 'base_call' | 'exact';
export const DEFAULT_IDENTITY_RULE: IdentityRule = 'base_call';

export function identityRuleFrom(value: string | undefined): IdentityRule {
  if (value === undefined || value === '' || value === 'base_call') return 'base_call';
  if (value === 'exact') return 'exact';
  throw new Error(`CALLSIGN_IDENTITY must be "base_call" or "exact" (got "${value}")`);
}

/** The identity a callsign is compared by under a rule (its base call, or itself). */
export function identityOf(callsign: string, rule: IdentityRule): string {
  if (rule === 'exact') return callsign;
  // One registration asks about the same callsign at every step and every position: parse it once.
  if (callsign === lastParsed.callsign) return lastParsed.base;
  const parsed = parseCallsign(callsign);
  const base = parsed.ok ? parsed.base : callsign;
  lastParsed = { callsign, base };
  return base;
}

/** The last callsign identityOf parsed, and its base call (parsing is pure, so the answer stays right). */
let lastParsed: { callsign: string | null; base: string } = { callsign: null, base: '' };

/** The first of `callsigns` that is the same operator as `callsign` under the rule, or null. */
export function sameOperator(
  callsigns: Iterable<string>,
  callsign: string,
  rule: IdentityRule,
): string | null {
  const id = identityOf(callsign, rule);
  for (const other of callsigns) if (identityOf(other, rule) === id) return other;
  return null;
}

/** When each operator (identity) was last worked: the cooldown's memory. */
export class LastWorked {
  private readonly byIdentity = new Map<string, number>();

  constructor(private readonly rule: IdentityRule) {}

  note(callsign: string, at: number): void {
    const id = identityOf(callsign, this.rule);
    const prev = this.byIdentity.get(id);
    if (prev === undefined || at > prev) this.byIdentity.set(id, at);
  }

  get(callsign: string): number | undefined {
    return this.byIdentity.get(identityOf(callsign, this.rule));
  }

  clear(): void {
    this.byIdentity.clear();
  }
}
