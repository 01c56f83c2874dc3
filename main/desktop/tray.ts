import type { CallerUrl } from './lan.js';

/** A menu item description independent of Electron (the platform adapter turns it into a real Menu). */
export interface MenuItemSpec {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  accelerator?: string;
  role?:
    'quit' | 'copy' | 'paste' | 'cut' | 'selectAll' | 'undo' | 'redo' | 'toggleDevTools' | 'togglefullscreen';
  submenu?: MenuItemSpec[];
  click?: () => void;
}

export interface TrayActions {
  showConsole(): void;
  openExternal(url: string): void;
  copyText(text: string): void;
  quit(): void;
}

/** One submenu per caller URL: open it in the browser or copy it. */
function callerUrlItems(urls: CallerUrl[], actions: TrayActions): MenuItemSpec[] {
  if (urls.length === 0) return [{ label: 'Server not running', enabled: false }];
  return urls.map((entry) => ({
    label: `${entry.url}  (${entry.label})`,
    type: 'submenu' as const,
    submenu: [
      { label: 'Open in browser', click: () => actions.openExternal(entry.url) },
      { label: 'Copy URL', click: () => actions.copyText(entry.url) },
    ],
  }));
}

/** The tray menu: show the console, the caller page URLs, quit. */
export function trayMenu(urls: CallerUrl[], actions: TrayActions): MenuItemSpec[] {
  return [
    { label: 'Show operator console', click: () => actions.showConsole() },
    { type: 'separator' },
    { label: 'Caller page', enabled: false },
    ...callerUrlItems(urls, actions),
    { type: 'separator' },
    { label: 'Quit Pileup Buster', click: () => actions.quit() },
  ];
}

/** The application menu (menu bar): the same caller-page entries, plus edit and view basics. */
export function applicationMenu(urls: CallerUrl[], actions: TrayActions): MenuItemSpec[] {
  return [
    {
      label: 'Pileup Buster',
      type: 'submenu',
      submenu: [
        { label: 'Show operator console', click: () => actions.showConsole() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
      ],
    },
    {
      label: 'Edit',
      type: 'submenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'Caller page', type: 'submenu', submenu: callerUrlItems(urls, actions) },
    {
      label: 'View',
      type: 'submenu',
      submenu: [{ role: 'togglefullscreen' }, { role: 'toggleDevTools' }],
    },
  ];
}
