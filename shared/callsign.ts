/**
 * The callsign grammar: normalisation, validation and the split of a callsign into its parts.
 *
 * Isomorphic: no Node or browser APIs, so the server, the caller page and the console share one rule.
 *
 * A callsign has one, two or three parts separated by single slashes:
 *
 *   [portable prefix /] home call [/ suffix [/ suffix]]     e.g. EA8/DL1ABC/P, UA9QCP/3/P, W1AW/VE3
 *
 * The home call follows the ITU structure (Radio Regulations, article 19): a prefix, a digit, then a group of
 * characters whose last is a letter.
 *   - prefix: one or two letters (W, DL), a digit and one or two letters (9A, 2E, 3DA) or a letter and a digit (S5, E7);
 *   - number: one digit; special-event calls carry two to four (DR100XRAY, HG1222BA, 8N1789FM);
 *   - suffix: starts and ends with a letter, may hold digits inside (JH8Y0H); at most four characters, five for
 *     special-event calls (DL17UBOOT, PA30SPARC).
 * One special-event form has no suffix at all: a prefix and an anniversary number of three or four digits ending
 * in "00" (BV100, HA1000, TM2000, VI2000); other calls that end in a digit (KC123, TEST123) stay refused.
 * A portable prefix is one to four letters and digits with at least one letter (EA8, VK9, 9A, F); a portable
 * suffix is one to four letters and digits (P, MM, QRP, 3, VE3). When both parts of a two-part callsign could be
 * the home call (C6A/ND3F), the longer one is; on a tie, the first (AA7V/VP2V).
 *
 * Every callsign of the Super Check Partial list (MASTER.SCP, about 85,000 calls) is accepted, except two entries
 * that end in a stray '/' (see callsign.test.ts).
 */

export const MAX_CALLSIGN_LENGTH = 15;

export type CallsignRejection =
  'EMPTY' | 'TOO_LONG' | 'WHITESPACE' | 'CHARACTERS' | 'NO_DIGIT' | 'NO_LETTER' | 'STRUCTURE';

export type CallsignResult =
  | { ok: true; callsign: string; base: string; prefix: string | null; suffix: string | null }
  | {
      ok: false;
      code: 'CALLSIGN_REQUIRED' | 'INVALID_CALLSIGN';
      reason: CallsignRejection;
      message: string;
    };

type CallsignRejected = Extract<CallsignResult, { ok: false }>;
type CallsignAccepted = Extract<CallsignResult, { ok: true }>;

const CALL_PREFIX = '(?:[A-Z]{1,2}|[0-9][A-Z]{1,2}|[A-Z][0-9])';
/** Ordinary home call: one digit, a suffix of one to four characters. */
const STANDARD_CALL = new RegExp(`^${CALL_PREFIX}[0-9][A-Z](?:[A-Z0-9]{0,2}[A-Z])?$`);
/** Special-event home call: two to four digits, a suffix of one to five characters. */
const SPECIAL_EVENT_CALL = new RegExp(`^${CALL_PREFIX}[0-9]{2,4}[A-Z](?:[A-Z0-9]{0,3}[A-Z])?$`);
/** Special-event home call without a suffix: a prefix and a round anniversary number (BV100, YO1000). */
const ANNIVERSARY_CALL = new RegExp(`^${CALL_PREFIX}[1-9][0-9]?00$`);
const PORTABLE_PREFIX = /^(?=[A-Z0-9]*[A-Z])[A-Z0-9]{1,4}$/;
const PORTABLE_SUFFIX = /^[A-Z0-9]{1,4}$/;

const EXAMPLES = 'Must follow ITU standards (e.g., KC1ABC, W1AW, EI6JGB/P, VK9/EI6JGB)';

/**
 * Trims surrounding whitespace, upper-cases, and drops one stray trailing '/' (a typing slip that MASTER.SCP
 * itself contains twice: K2UA/, N2CU/); nothing else.
 */
export function normalizeCallsign(input: string): string {
  const trimmed = input.trim().toUpperCase();
  return trimmed.length > 1 && trimmed.endsWith('/') && !trimmed.endsWith('//')
    ? trimmed.slice(0, -1)
    : trimmed;
}

function isHomeCall(part: string): boolean {
  return STANDARD_CALL.test(part) || SPECIAL_EVENT_CALL.test(part) || ANNIVERSARY_CALL.test(part);
}

function reject(reason: CallsignRejection, detail: string): CallsignRejected {
  return {
    ok: false,
    code: 'INVALID_CALLSIGN',
    reason,
    message: `Invalid callsign format: ${detail}. ${EXAMPLES}`,
  };
}

function accept(
  callsign: string,
  base: string,
  prefix: string | null,
  suffix: string | null,
): CallsignAccepted {
  return { ok: true, callsign, base, prefix, suffix };
}

/** Finds the home call among the slash-separated parts, or explains why there is none. */
function splitParts(callsign: string, parts: readonly string[]): CallsignResult {
  const [first = '', second = '', third = ''] = parts;
  if (parts.length === 1) {
    return isHomeCall(first)
      ? accept(callsign, first, null, null)
      : reject('STRUCTURE', 'expected a prefix, a digit and a suffix ending in a letter');
  }
  if (parts.length === 2) {
    const homeFirst = isHomeCall(first) && PORTABLE_SUFFIX.test(second);
    const homeSecond = PORTABLE_PREFIX.test(first) && isHomeCall(second);
    if (homeFirst && homeSecond) {
      return second.length > first.length
        ? accept(callsign, second, first, null)
        : accept(callsign, first, null, second);
    }
    if (homeFirst) return accept(callsign, first, null, second);
    if (homeSecond) return accept(callsign, second, first, null);
    return reject(
      'STRUCTURE',
      'expected a home callsign with a portable prefix or suffix (e.g. EA8/DL1ABC, DL1ABC/P)',
    );
  }
  if (PORTABLE_PREFIX.test(first) && isHomeCall(second) && PORTABLE_SUFFIX.test(third)) {
    return accept(callsign, second, first, third);
  }
  if (isHomeCall(first) && PORTABLE_SUFFIX.test(second) && PORTABLE_SUFFIX.test(third)) {
    return accept(callsign, first, null, `${second}/${third}`);
  }
  return reject('STRUCTURE', 'expected prefix/callsign/suffix (e.g. EA8/DL1ABC/P)');
}

/** Normalises, then validates and splits a callsign. */
export function parseCallsign(input: string): CallsignResult {
  const callsign = normalizeCallsign(input);
  if (callsign === '') {
    return { ok: false, code: 'CALLSIGN_REQUIRED', reason: 'EMPTY', message: 'Callsign is required' };
  }
  if (/\s/.test(callsign)) return reject('WHITESPACE', 'spaces are not allowed inside a callsign');
  const foreign = /[^A-Z0-9/]/.exec(callsign);
  if (foreign) {
    return reject('CHARACTERS', `'${foreign[0]}' is not allowed; use letters, digits and '/' only`);
  }
  if (callsign.length > MAX_CALLSIGN_LENGTH) {
    return reject('TOO_LONG', `at most ${MAX_CALLSIGN_LENGTH} characters`);
  }
  const parts = callsign.split('/');
  if (parts.length > 3 || parts.some((part) => part === '')) {
    return reject('STRUCTURE', "a single '/' may only separate up to three parts (e.g. EA8/DL1ABC/P)");
  }
  if (!/[0-9]/.test(callsign)) return reject('NO_DIGIT', 'a callsign needs at least one digit');
  if (!/[A-Z]/.test(callsign)) return reject('NO_LETTER', 'a callsign needs letters');
  return splitParts(callsign, parts);
}

export function isValidCallsign(input: string): boolean {
  return parseCallsign(input).ok;
}
