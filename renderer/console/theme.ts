/** Light and dark themes: chosen by the operator, remembered in localStorage, defaulting to the OS choice. */
import { useConsole, type Theme } from './store.js';

const KEY = 'pileup-console-theme';

export function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage unavailable: fall through
  }
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  useConsole.setState({ theme });
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // not fatal
  }
}

export function toggleTheme(): void {
  applyTheme(useConsole.getState().theme === 'dark' ? 'light' : 'dark');
}
