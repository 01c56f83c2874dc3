/**
 * Protocol A dispatch, steps 1–8 of the reference (section 4): turns one text frame into either an immediate
 * error reply or a classified request. Pure; no I/O.
 */
import { errorFrame, type LegacyFrame } from './frames.js';

export type LegacyMessage = Record<string, unknown>;

export type Classified =
  | { kind: 'reply'; frame: LegacyFrame }
  | { kind: 'ping' }
  | { kind: 'auth'; requestId: string; msg: LegacyMessage }
  | { kind: 'admin'; type: string; requestId: string; token: string | null; msg: LegacyMessage }
  | { kind: 'public'; type: string; requestId: string; msg: LegacyMessage };

/** `request_id` as echoed: a string as given, a number as its text, anything else (or empty) "unknown". */
export function requestIdOf(msg: LegacyMessage): string {
  const id = msg.request_id;
  if (typeof id === 'string' && id !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return 'unknown';
}

/** The original tested `type` with Python's truthiness, where an empty list or object is false too. */
function isFalsyInPython(v: unknown): boolean {
  if (!v) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

export function classify(text: string): Classified {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'reply', frame: errorFrame('unknown', 'INVALID_FORMAT', 'Invalid JSON format') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    // The original answers non-object JSON this way (conformance checklist item 4).
    return { kind: 'reply', frame: errorFrame('unknown', 'SYSTEM_ERROR', 'Internal server error') };
  }
  const msg = parsed as LegacyMessage;
  const type = msg.type;
  const requestId = requestIdOf(msg);
  if (isFalsyInPython(type))
    return { kind: 'reply', frame: errorFrame(requestId, 'INVALID_FORMAT', 'Message type is required') };
  if (typeof type !== 'string') {
    return { kind: 'reply', frame: errorFrame('unknown', 'SYSTEM_ERROR', 'Internal server error') };
  }
  if (type === 'auth_request') return { kind: 'auth', requestId, msg };
  if (type === 'ping') return { kind: 'ping' };
  if (type.startsWith('admin_')) {
    const token =
      typeof msg.session_token === 'string' && msg.session_token !== '' ? msg.session_token : null;
    return { kind: 'admin', type, requestId, token, msg };
  }
  return { kind: 'public', type, requestId, msg };
}
