import { z } from 'zod';
import { problemsFromZod, type Problem, type Result, err, ok } from '@sandogh/core';

/**
 * The HQ's configuration: flags win over environment variables, which win over defaults.
 * Listening on loopback by default: exposing the HQ is a deliberate act (docs/OPERATIONS.md).
 */
export const hqConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  databaseUrl: z.string().min(1),
  /** Default request-body limit; routes that take large documents set their own. */
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(256 * 1024 * 1024)
    .default(1024 * 1024),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long graceful shutdown waits for in-flight requests. */
  shutdownGraceMs: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export type HqConfig = z.infer<typeof hqConfigSchema>;

export function hqConfigFromEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return {
    host: env['SANDOGH_HOST'],
    port: env['SANDOGH_PORT'] ?? env['PORT'],
    databaseUrl: env['SANDOGH_DATABASE_URL'],
    bodyLimit: env['SANDOGH_BODY_LIMIT'],
    logLevel: env['SANDOGH_LOG_LEVEL'],
    shutdownGraceMs: env['SANDOGH_SHUTDOWN_GRACE_MS'],
  };
}

export function parseHqConfig(...layers: Record<string, unknown>[]): Result<HqConfig, Problem[]> {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  const parsed = hqConfigSchema.safeParse(merged);
  return parsed.success ? ok(parsed.data) : err(problemsFromZod(parsed.error, ['config']));
}
