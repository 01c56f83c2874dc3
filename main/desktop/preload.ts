/**
 * Preload entry (runs sandboxed, with contextIsolation). Bundled into one CommonJS file
 * (`dist/main/desktop/preload.cjs`) by `vite build -c main/desktop/vite.preload.config.ts`,
 * because a sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi } from './preload-api.js';
import { DESKTOP_API_KEY } from '../../shared/desktop/desktop-api.js';

const api = createDesktopApi(ipcRenderer);
if (api) contextBridge.exposeInMainWorld(DESKTOP_API_KEY, api);
