/** The lookups' service as operations see it: `ctx.services.lookup` (see main/server/services.ts). */
import type { LookupService } from './service.js';

declare module '../services.js' {
  interface SubsystemServices {
    /** Callsign lookups (offline DXCC, QRZ.com, HamQTH); null on a server started without them (tests). */
    lookup: LookupService | null;
  }
}
