import { isExternalAllowed, isSameOrigin } from './url-policy.js';

/**
 * The strict Content-Security-Policy of every page the window shows. It matches the one the server sends,
 * and the shell adds it again to responses so that a page without the header is covered too.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** The security-relevant web preferences of every BrowserWindow (tests check these exactly). */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
}

export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  backgroundColor: string;
  icon?: string;
  autoHideMenuBar: boolean;
  webPreferences: SecureWebPreferences;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): MainWindowOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Pileup Buster',
    backgroundColor: '#10151c',
    ...(iconPath ? { icon: iconPath } : {}),
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** An event whose default action can be cancelled (Electron's navigation events). */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface WindowOpenDetails {
  url: string;
}

/** The parts of Electron's WebContents that the shell hardens. */
export interface WebContentsLike {
  onWillNavigate(listener: (event: PreventableEvent, url: string) => void): void;
  onWillRedirect(listener: (event: PreventableEvent, url: string) => void): void;
  onWillAttachWebview(listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
}

export interface NavigationPolicy {
  /** The current origin of the local server (it can change when the port changes). */
  appOrigin(): string;
  /** Opens a URL in the system browser. */
  openExternal(url: string): void;
}

/**
 * Refuses every navigation away from the app's origin and every new window; http(s) targets are opened
 * in the system browser instead. `<webview>` is refused.
 */
export function hardenWebContents(contents: WebContentsLike, policy: NavigationPolicy): void {
  const guard = (event: PreventableEvent, url: string): void => {
    if (isSameOrigin(url, policy.appOrigin())) return;
    event.preventDefault();
    if (isExternalAllowed(url)) policy.openExternal(url);
  };
  contents.onWillNavigate(guard);
  contents.onWillRedirect(guard);
  contents.onWillAttachWebview((event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalAllowed(url)) policy.openExternal(url);
    return { action: 'deny' };
  });
}
