/** What the page remembers on this device: the caller's callsign and the sound/vibration choice. */
import { DEFAULT_POSITION_ID } from '../../shared/protocol/positions.js';

const CALLSIGN_KEY = 'pb.caller.callsign';
const SOUND_KEY = 'pb.caller.alerts';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: the page still works, it just forgets.
  }
}

export const loadCallsign = (): string | null => read(CALLSIGN_KEY);
export const saveCallsign = (callsign: string | null): void => write(CALLSIGN_KEY, callsign);
export const loadAlertsOn = (): boolean => read(SOUND_KEY) === 'on';
export const saveAlertsOn = (on: boolean): void => write(SOUND_KEY, on ? 'on' : 'off');

const SECRET_KEY = 'pb.caller.secret';
const DEPARTURE_KEY = 'pb.caller.departure';
const NOTIFY_KEY = 'pb.caller.notify';

/** The leave secret of this device's registration (only that device can leave the queue for the callsign). */
export function loadSecret(callsign: string | null): string | null {
  if (!callsign) return null;
  try {
    const v: unknown = JSON.parse(read(SECRET_KEY) ?? 'null');
    if (typeof v === 'object' && v !== null && 'callsign' in v && 'secret' in v) {
      const { callsign: c, secret } = v;
      return c === callsign && typeof secret === 'string' ? secret : null;
    }
  } catch {
    // unreadable: as if none
  }
  return null;
}
export const saveSecret = (callsign: string, secret: string | null): void =>
  write(SECRET_KEY, secret === null ? null : JSON.stringify({ callsign, secret }));

/**
 * The leave secret of this device's registration at an operating position (the default position's is the one
 * above, as before positions existed).
 */
export function loadPositionSecret(callsign: string | null, positionId: string): string | null {
  if (positionId === DEFAULT_POSITION_ID) return loadSecret(callsign);
  if (!callsign) return null;
  try {
    const v: unknown = JSON.parse(read(`${SECRET_KEY}.${positionId}`) ?? 'null');
    if (typeof v === 'object' && v !== null && 'callsign' in v && 'secret' in v) {
      const { callsign: c, secret } = v;
      return c === callsign && typeof secret === 'string' ? secret : null;
    }
  } catch {
    // unreadable: as if none
  }
  return null;
}
export function savePositionSecret(callsign: string, positionId: string, secret: string | null): void {
  if (positionId === DEFAULT_POSITION_ID) saveSecret(callsign, secret);
  else write(`${SECRET_KEY}.${positionId}`, secret === null ? null : JSON.stringify({ callsign, secret }));
}

/** The last notice of why this callsign left the queue, so a reload still says it. */
export const loadDepartureRaw = (): string | null => read(DEPARTURE_KEY);
export const saveDepartureRaw = (value: string | null): void => write(DEPARTURE_KEY, value);

export const loadNotifyOn = (): boolean => read(NOTIFY_KEY) === 'on';
export const saveNotifyOn = (on: boolean): void => write(NOTIFY_KEY, on ? 'on' : 'off');
