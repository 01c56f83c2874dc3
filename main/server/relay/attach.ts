/** Starts the relay subsystem with the server (an `Attach` of createServer) as the `relay` service. */
import type { Attach } from '../app.js';
import { resolveRelayConfig } from './config.js';
import { RelayService } from './service.js';

export function relayAttach(): Attach {
  return (ctx) => {
    const initial = resolveRelayConfig(ctx.config.file.relay, ctx.config.env, ctx.config.args, (m) =>
      ctx.log('warn', m),
    );
    const relay = new RelayService({
      station: ctx.station,
      initial,
      save: (config) => ctx.services.config.update({ relay: config ?? undefined }),
      log: ctx.log,
    });
    ctx.services.relay = relay;
    return {
      close: () => {
        relay.close();
        delete ctx.services.relay;
      },
    };
  };
}
