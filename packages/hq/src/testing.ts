import type { FastifyInstance } from 'fastify';
import type { Store } from '@sandogh/store';
import { hqConfigSchema, type HqConfig } from './config.js';
import { buildServer } from './server.js';

/** A quiet HQ on a test store, for `app.inject` tests. */
export async function testServer(
  store: Store,
  overrides: Partial<HqConfig> = {},
): Promise<FastifyInstance> {
  const config = hqConfigSchema.parse({
    databaseUrl: 'sqlite::memory:',
    port: 0,
    logLevel: 'silent',
    ...overrides,
  });
  return buildServer({ config, store, logger: false });
}
