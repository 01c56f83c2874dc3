import { shortcutLabel, type ShortcutAction } from '../shortcuts.js';

/** The key hint shown on a button (from the one shortcut table). */
export function Kbd({ action }: { action: ShortcutAction }) {
  const label = shortcutLabel(action);
  if (!label) return null;
  return (
    <kbd className="kbd" aria-hidden="true">
      {label}
    </kbd>
  );
}

/** `aria-keyshortcuts` value for a button, from the shortcut label. */
export function ariaKeys(action: ShortcutAction): string {
  return shortcutLabel(action)
    .split(' / ')[0]!
    .replace('↑', 'ArrowUp')
    .replace('↓', 'ArrowDown')
    .replace('Del', 'Delete');
}
