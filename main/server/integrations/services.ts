/** The integrations' service as operations see it: `ctx.services.integrations` (see main/server/services.ts). */
import type { IntegrationManager } from './manager.js';

declare module '../services.js' {
  interface SubsystemServices {
    /** Logger and radio integrations (N1MM+, WSJT-X, rigctld, Send to Logger). */
    integrations: IntegrationManager;
  }
}
