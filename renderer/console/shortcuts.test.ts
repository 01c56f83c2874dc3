import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutFor, shortcutLabel, type KeyInput } from './shortcuts.js';

function press(key: string, extra: Partial<KeyInput> = {}): KeyInput {
  return {
    key,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    inTextField: false,
    onControl: false,
    dialogOpen: false,
    ...extra,
  };
}

describe('shortcutFor', () => {
  it('maps the hot actions to single keys', () => {
    expect(shortcutFor(press('n'))).toBe('workNext');
    expect(shortcutFor(press('c'))).toBe('complete');
    expect(shortcutFor(press('x'))).toBe('cancelQso');
    expect(shortcutFor(press('p'))).toBe('togglePause');
    expect(shortcutFor(press('d'))).toBe('directCall');
    expect(shortcutFor(press('Delete'))).toBe('removeSelected');
    expect(shortcutFor(press('ArrowDown'))).toBe('selectNext');
    expect(shortcutFor(press('k'))).toBe('selectPrevious');
  });

  it('maps Ctrl+Z to undo (Cmd+Z too), Home and End, S, V and Q; a plain Z or an Alt combination is nothing', () => {
    expect(shortcutFor(press('z', { ctrlKey: true }))).toBe('undo');
    expect(shortcutFor(press('z', { metaKey: true }))).toBe('undo');
    expect(shortcutFor(press('z'))).toBeNull();
    expect(shortcutFor(press('n', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('z', { ctrlKey: true, inTextField: true }))).toBeNull();
    expect(shortcutFor(press('z', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('Home'))).toBe('selectFirst');
    expect(shortcutFor(press('End'))).toBe('selectLast');
    expect(shortcutFor(press('s'))).toBe('focusSplit');
    expect(shortcutFor(press('v'))).toBe('toggleCompact');
    expect(shortcutFor(press('q'))).toBe('connectView');
  });

  it('opens the panels with the digit keys', () => {
    expect(['1', '2', '3', '4', '5', '6'].map((key) => shortcutFor(press(key)))).toEqual([
      'panelLog',
      'panelBans',
      'panelLan',
      'panelSettings',
      'panelRadio',
      'panelLookup',
    ]);
  });

  it('accepts caps-lock letters', () => {
    expect(shortcutFor(press('N'))).toBe('workNext');
  });

  it('puts destructive actions behind Shift, and plain keys do not trigger them', () => {
    expect(shortcutFor(press('X', { shiftKey: true }))).toBe('clearQueue');
    expect(shortcutFor(press('A', { shiftKey: true }))).toBe('toggleSystem');
    expect(shortcutFor(press('a'))).toBeNull();
    expect(shortcutFor(press('N', { shiftKey: true }))).toBeNull();
  });

  it('lets "?" through although it needs Shift on most layouts', () => {
    expect(shortcutFor(press('?', { shiftKey: true }))).toBe('showHelp');
    expect(shortcutFor(press('/'))).toBe('searchLog');
  });

  it('leaves typing alone: in a text field only Escape counts', () => {
    expect(shortcutFor(press('n', { inTextField: true }))).toBeNull();
    expect(shortcutFor(press('Delete', { inTextField: true }))).toBeNull();
    expect(shortcutFor(press('Escape', { inTextField: true }))).toBe('leaveField');
  });

  it('does nothing while a dialog is open, or with Ctrl/Alt/Meta', () => {
    expect(shortcutFor(press('n', { dialogOpen: true }))).toBeNull();
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('n', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('n', { metaKey: true }))).toBeNull();
  });

  it('keeps Enter for the focused button', () => {
    expect(shortcutFor(press('Enter'))).toBe('workSelected');
    expect(shortcutFor(press('Enter', { onControl: true }))).toBeNull();
  });
});

describe('the shortcut table', () => {
  it('has no key bound twice in the same Shift state', () => {
    const seen = new Set<string>();
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys) {
        const id = `${shortcut.shift ? 'shift+' : ''}${key}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it('gives labels for button hints', () => {
    expect(shortcutLabel('workNext')).toBe('N');
    expect(shortcutLabel('clearQueue')).toBe('Shift+X');
  });
});
