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
  // ── access (issue 3, docs/SECURITY.md) ──
  /** Secure cookies need HTTPS; only a plain-http loopback demo turns this off. */
  cookieSecure: z.union([z.boolean(), z.stringbool()]).default(true),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(240).default(15),
  sessionAbsoluteHours: z.coerce.number().int().min(1).max(24).default(12),
  /** scrypt cost of new password hashes, log2 N (docs/SECURITY.md "Passwords"). */
  passwordScryptLogN: z.coerce.number().int().min(10).max(20).default(15),
  /** Sign-in attempts per minute from one address, and for one username. */
  loginRateLimitPerMinute: z.coerce.number().int().min(1).max(10_000).default(30),
  loginUsernameRateLimitPerMinute: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Requests per minute from one address to the public routes (health, results, turnout). */
  publicRateLimitPerMinute: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** The published election record that tracking-code lookups answer from (docs/CEREMONY.md). */
  recordDir: z.string().min(1).optional(),
  /** The built web app (packages/web/dist) served at `/`; unset or missing, no app (docs/WEB.md). */
  webDir: z.string().min(1).optional(),
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
    cookieSecure: env['SANDOGH_COOKIE_SECURE'],
    sessionIdleMinutes: env['SANDOGH_SESSION_IDLE_MINUTES'],
    sessionAbsoluteHours: env['SANDOGH_SESSION_ABSOLUTE_HOURS'],
    passwordScryptLogN: env['SANDOGH_PASSWORD_SCRYPT_LOG_N'],
    loginRateLimitPerMinute: env['SANDOGH_LOGIN_RATE_LIMIT'],
    loginUsernameRateLimitPerMinute: env['SANDOGH_LOGIN_USERNAME_RATE_LIMIT'],
    publicRateLimitPerMinute: env['SANDOGH_PUBLIC_RATE_LIMIT'],
    recordDir: env['SANDOGH_RECORD_DIR'],
    webDir: env['SANDOGH_WEB_DIR'],
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
