/**
 * Starts the IntegrationManager with the server (an `Attach` of createServer) and makes it the `integrations`
 * service that the operations use.
 */
import type { Attach } from '../app.js';
import { resolveIntegrationsConfig } from './config.js';
import { IntegrationManager } from './manager.js';

export function integrationsAttach(): Attach {
  return async (ctx) => {
    const section = ctx.config.file.integrations;
    const fileConfig = resolveIntegrationsConfig(section, {}, {}, (m) => ctx.log('warn', m));
    const config = resolveIntegrationsConfig(section, ctx.config.env, ctx.config.args);
    const manager = new IntegrationManager({
      station: ctx.station,
      config,
      fileConfig,
      saveConfig: (c) => ctx.services.config.update({ integrations: c }),
      log: ctx.log,
    });
    ctx.services.integrations = manager;
    await manager.start();
    return {
      close: async () => {
        await manager.close();
        delete ctx.services.integrations;
      },
    };
  };
}
