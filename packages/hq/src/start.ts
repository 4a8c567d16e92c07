import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '@sandogh/store';
import type { HqConfig } from './config.js';
import { buildServer } from './server.js';

export interface RunningHq {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the store. */
  readonly stop: () => Promise<void>;
}

/** Opens the store, starts listening and stops gracefully on SIGINT/SIGTERM. */
export async function startHq(
  config: HqConfig,
  options: { store?: Store; signals?: boolean } = {},
): Promise<RunningHq> {
  const store = options.store ?? (await openStore(config.databaseUrl));
  const app = await buildServer({ config, store });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await app.close();
      await store.close();
    })();
    return stopped;
  };
  if (options.signals !== false) {
    closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
      if (err !== undefined) app.log.error({ err }, 'stopping after an error');
      else app.log.info({ signal }, 'stopping');
      await stop();
    });
  }
  return { app, store, url: `http://${host}:${port}`, stop };
}
