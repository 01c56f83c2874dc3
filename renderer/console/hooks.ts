import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './client.js';

/** The current time in ms, refreshed every `intervalMs` (for wait and QSO timers and the clock). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Moves focus to an element by id (on the next frame when React has not rendered it yet). */
export function focusById(id: string, select = false): void {
  const focus = (element: HTMLElement): void => {
    element.focus();
    if (select && element instanceof HTMLInputElement) element.select();
  };
  // At once when the element is there, so keys typed right after the shortcut land in it; else next frame.
  const now = document.getElementById(id);
  if (now) {
    focus(now);
    return;
  }
  requestAnimationFrame(() => {
    const element = document.getElementById(id);
    if (element) focus(element);
  });
}

/** Returns focus to the console itself, where the single-key shortcuts work. */
export function focusConsole(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  document.getElementById('console-root')?.focus({ preventScroll: true });
}

export interface Polled<T> {
  data: T | null;
  /** Why the last load failed, or null. The last good data stays. */
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * Loads something now and again every `intervalMs` while the component is shown (tabs mount only while selected)
 * and the page is visible. `load` must be stable (a module-level function or a `useCallback`).
 */
export function usePolled<T>(load: () => Promise<T>, intervalMs: number): Polled<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const reload = useCallback(async () => {
    try {
      const value = await load();
      if (!mounted.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (mounted.current) setError(errorText(err));
    }
  }, [load]);
  useEffect(() => {
    mounted.current = true;
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void reload();
    }, intervalMs);
    return () => {
      mounted.current = false;
      clearInterval(timer);
    };
  }, [reload, intervalMs]);
  return { data, error, reload };
}
