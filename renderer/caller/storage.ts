/** What the page remembers on this device: the caller's callsign and the sound/vibration choice. */
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
