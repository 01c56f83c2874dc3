import type { PileupDesktopApi } from '../../shared/desktop/desktop-api.js';

declare global {
  interface Window {
    /** Present only inside the desktop app (exposed by the preload). */
    pileupDesktop?: PileupDesktopApi;
  }
}
