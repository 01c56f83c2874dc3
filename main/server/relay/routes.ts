/** The relay's HTTP routes, handed to the core by compose.ts. */
import { body, type Route } from '../transports/http/routes.js';

export const relayRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/admin/relay', operation: 'admin.get_relay' },
  { method: 'POST', path: '/api/admin/relay', operation: 'admin.set_relay', input: body },
];
