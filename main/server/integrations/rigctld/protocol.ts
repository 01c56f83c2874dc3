/**
 * Hamlib rigctld network protocol, "extended response" form: each command is prefixed with `+`, and the
 * reply is `command:` then `Key: value` lines and a final `RPRT <code>` line (0 = success, negative = Hamlib
 * error). The final RPRT line gives every reply an end, so the stream cannot get out of step.
 *
 *   +f          -> "get_freq:\nFrequency: 14074000\nRPRT 0\n"
 *   +m          -> "get_mode:\nMode: USB\nPassband: 2400\nRPRT 0\n"
 *   +F 14074000 -> "set_freq: 14074000\nRPRT 0\n"
 *
 * rigctld started with `-o` (`--vfo`) expects a VFO before every argument (`+f currVFO`, `+F currVFO 14074000`);
 * without it, `+f` waits for one and reads the next command as the VFO. `\chk_vfo` tells which: it answers one
 * line, `1` in VFO mode, `0` otherwise (no RPRT line).
 */
import { accept, reject, type ParseResult } from '../result.js';

export const RIGCTLD_DEFAULT_PORT = 4532;

export type RigctldErrorCode = 'RIGCTLD_ERROR' | 'RIGCTLD_BAD_REPLY';

export interface RigctldReply {
  /** `Key: value` lines by key as sent (e.g. `Frequency`, `Mode`, `Passband`). */
  values: Map<string, string>;
  /** The RPRT code; 0 on success. */
  code: number;
}

/** Hamlib's error numbers (rig.h `rig_errcode_e`), for messages. */
const HAMLIB_ERRORS: Readonly<Record<number, string>> = {
  1: 'invalid parameter',
  2: 'invalid configuration',
  3: 'memory shortage',
  4: 'function not implemented',
  5: 'communication timed out',
  6: 'I/O error',
  7: 'internal Hamlib error',
  8: 'protocol error',
  9: 'command rejected by the rig',
  10: 'command performed, but arg truncated',
  11: 'function not available',
  12: 'VFO not targetable',
  13: 'error talking on the bus',
  14: 'collision on the bus',
  15: 'NULL RIG handle or invalid pointer parameter',
  16: 'invalid VFO',
  17: 'argument out of domain of function',
  18: 'function deprecated',
  19: 'security error',
  20: 'rig is not powered on',
};

/**
 * If `buffer` holds a complete reply (ends with an `RPRT n` line), returns it and the bytes after it.
 * Returns null when more data is needed.
 */
export function takeReply(buffer: string): { reply: string; rest: string } | null {
  const match = /(?:^|\n)RPRT -?\d+\r?\n/.exec(buffer);
  if (match === null) return null;
  const end = match.index + match[0].length;
  return { reply: buffer.slice(0, end), rest: buffer.slice(end) };
}

export function parseReply(reply: string): ParseResult<RigctldReply, RigctldErrorCode> {
  const lines = reply.split(/\r?\n/).filter((line) => line !== '');
  const last = lines[lines.length - 1];
  const m = last === undefined ? null : /^RPRT (-?\d+)$/.exec(last);
  if (m === null) return reject('RIGCTLD_BAD_REPLY', 'Reply without RPRT line');
  const code = Number(m[1]);
  const values = new Map<string, string>();
  for (const line of lines.slice(0, -1)) {
    const kv = /^([A-Za-z][A-Za-z0-9 _/-]*):\s?(.*)$/.exec(line);
    if (kv !== null && kv[1] !== undefined && kv[2] !== undefined) values.set(kv[1], kv[2].trim());
  }
  if (code !== 0) {
    return reject(
      'RIGCTLD_ERROR',
      `rigctld error ${code}: ${HAMLIB_ERRORS[Math.abs(code)] ?? 'unknown error'}`,
    );
  }
  return accept({ values, code });
}

export function parseFrequencyReply(reply: string): ParseResult<number, RigctldErrorCode> {
  const parsed = parseReply(reply);
  if (!parsed.ok) return parsed;
  const text = parsed.value.values.get('Frequency');
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text))
    return reject('RIGCTLD_BAD_REPLY', 'No Frequency in reply');
  const hz = Math.round(Number(text));
  return hz > 0 ? accept(hz) : reject('RIGCTLD_BAD_REPLY', `Frequency ${text} is not positive`);
}

export function parseModeReply(
  reply: string,
): ParseResult<{ mode: string; passband: number | null }, RigctldErrorCode> {
  const parsed = parseReply(reply);
  if (!parsed.ok) return parsed;
  const mode = parsed.value.values.get('Mode');
  if (mode === undefined || !/^[A-Za-z0-9-]{1,16}$/.test(mode))
    return reject('RIGCTLD_BAD_REPLY', 'No Mode in reply');
  const pb = parsed.value.values.get('Passband');
  const passband = pb !== undefined && /^-?\d{1,9}$/.test(pb) ? Number(pb) : null;
  return accept({ mode: mode.toUpperCase(), passband });
}

/** If `buffer` holds a whole line (the `\chk_vfo` answer), returns it and the bytes after it. */
export function takeLine(buffer: string): { reply: string; rest: string } | null {
  const end = buffer.indexOf('\n');
  if (end < 0) return null;
  return { reply: buffer.slice(0, end + 1), rest: buffer.slice(end + 1) };
}

/** The `\chk_vfo` answer: true in VFO mode (`rigctld -o`), false otherwise, null when it is something else. */
export function parseChkVfoReply(reply: string): boolean | null {
  const m = /^(?:ChkVFO:\s*)?([01])\r?\n?$/.exec(reply.trim());
  return m === null ? null : m[1] === '1';
}
