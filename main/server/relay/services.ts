/** The relay's service as operations see it: `ctx.services.relay` (see main/server/services.ts). */
import type { RelayService } from './service.js';

declare module '../services.js' {
  interface SubsystemServices {
    /** The nchan relay: its target and publisher. */
    relay: RelayService;
  }
}
