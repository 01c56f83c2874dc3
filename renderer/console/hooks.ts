import { useEffect, useState } from 'react';

/** The current time in ms, refreshed every `intervalMs` (for wait and QSO timers and the clock). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Moves focus to an element by id on the next frame (after React rendered it). */
export function focusById(id: string, select = false): void {
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    if (!element) return;
    element.focus();
    if (select && element instanceof HTMLInputElement) element.select();
  });
}

/** Returns focus to the console itself, where the single-key shortcuts work. */
export function focusConsole(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  document.getElementById('console-root')?.focus({ preventScroll: true });
}
