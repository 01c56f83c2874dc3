/** Sound and vibration for the "you're next" and "your turn" alerts (only when the caller switched them on). */
let context: AudioContext | null = null;

/** Creates (or resumes) the audio context; call it from a click so browsers allow sound later. */
export function unlockAudio(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    context = null;
  }
}

function beep(at: number, frequency: number, seconds: number): void {
  if (!context) return;
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'sine';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  osc.connect(gain).connect(context.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.05);
}

/** Two short beeps for "next", three higher ones for "your turn"; plus a vibration where supported. */
export function playAlert(level: 'next' | 'turn'): void {
  unlockAudio();
  if (context) {
    const now = context.currentTime;
    const count = level === 'turn' ? 3 : 2;
    for (let i = 0; i < count; i++) beep(now + i * 0.25, level === 'turn' ? 1000 : 800, 0.15);
  }
  if (typeof navigator.vibrate === 'function') {
    navigator.vibrate(level === 'turn' ? [300, 150, 300, 150, 300] : [200, 100, 200]);
  }
}

/** Whether this browser offers system notifications to this page at all (secure contexts only). */
export function notificationsAvailable(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window && window.isSecureContext;
}

/** Asks for permission (from a click); resolves true when notifications may be shown. */
export async function askNotificationPermission(): Promise<boolean> {
  if (!notificationsAvailable()) return false;
  if (Notification.permission === 'granted') return true;
  if (Notification.permission === 'denied') return false;
  try {
    return (await Notification.requestPermission()) === 'granted';
  } catch {
    return false;
  }
}

/** A system notification for "next" / "your turn", when permission was given; replaces the previous one. */
export function showNotification(title: string, body: string): void {
  if (!notificationsAvailable() || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag: 'pileup-buster-turn' });
  } catch {
    // Some mobile browsers allow notifications only from a service worker: sound and vibration remain.
  }
}
