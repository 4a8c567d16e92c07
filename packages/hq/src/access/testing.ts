import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AccountRole, StaffScope } from '@sandogh/core';
import {
  currentElection,
  findAccount,
  hashPassword,
  insertAccounts,
  newTotpSecret,
  openSession,
  totpCode,
  type AccountRecord,
  type Store,
} from '@sandogh/store';
import { hqConfigSchema, type HqConfig } from '../config.js';
import { buildServer } from '../server.js';
import type { AuditTap } from './auditPort.js';
import { CSRF_HEADER, csrfTokenFor } from './credentials.js';

/**
 * Test support for every HQ area (issue 3): accounts and sessions of any role and scope, so
 * that a route's test reads `const hq = await loginAs(app, 'hq-staff')` and then sends
 * `headers: hq.headers`. Sessions are opened straight in the store (no password work, no TOTP
 * step consumed); `loginOverHttp` goes through the real sign-in when that is what is tested.
 */

export interface TestAccountOptions {
  readonly username?: string;
  readonly trusteeRole?: 'chair' | 'secretary';
  readonly deviceOperator?: boolean;
  readonly mustChangePassword?: boolean;
  /** Default: a fixed test password. */
  readonly password?: string;
}

export interface TestCredentials {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly account: AccountRecord;
}

export interface TestSession {
  readonly account: AccountRecord;
  readonly token: string;
  readonly csrfToken: string;
  /** A browser's request: the session cookie and, for state changes, the CSRF token. */
  readonly headers: Readonly<Record<string, string>>;
  /** An API client's request: the bearer token (no cookie, no CSRF token needed). */
  readonly bearer: Readonly<Record<string, string>>;
}

export const TEST_PASSWORD = 'a test password, long enough';
/** Cheap scrypt for tests: only production hashes need the full cost. */
const TEST_PARAMS = { logN: 4, r: 8, p: 1 };
const hashes = new Map<string, Promise<string>>();

function testHash(password: string): Promise<string> {
  let found = hashes.get(password);
  if (found === undefined) {
    found = hashPassword(password, TEST_PARAMS);
    hashes.set(password, found);
  }
  return found;
}

/** An account of `role` and `scope` (default: the whole constituency) in the app's store. */
export async function createTestAccount(
  app: FastifyInstance,
  role: AccountRole,
  scope: StaffScope = { kind: 'constituency' },
  options: TestAccountOptions = {},
): Promise<TestCredentials> {
  const { store, settings } = app.accessControl;
  const election = await currentElection(store);
  const username = options.username ?? `t-${role}-${randomBytes(4).toString('hex')}`;
  const password = options.password ?? TEST_PASSWORD;
  const totpSecret = newTotpSecret();
  const made = await insertAccounts(
    store,
    [
      {
        username,
        electionId: election?.id ?? null,
        name: { fa: 'آزمون', en: 'Test' },
        role,
        scope,
        trusteeRole: options.trusteeRole ?? null,
        deviceOperator: options.deviceOperator === true,
        passwordHash: await testHash(password),
        totpSecret,
        passwordMustChange: options.mustChangePassword === true,
      },
    ],
    settings.clock(),
  );
  if (!made.ok) throw new Error(`test account: ${made.error.code} ${made.error.message.en}`);
  const account = await findAccount(store.db, { username });
  if (account === undefined) throw new Error('test account vanished');
  return { username: account.username, password, totpSecret, account };
}

function sessionOf(account: AccountRecord, token: string, cookieName: string): TestSession {
  const csrfToken = csrfTokenFor(token);
  return {
    account,
    token,
    csrfToken,
    headers: { cookie: `${cookieName}=${token}`, [CSRF_HEADER]: csrfToken },
    bearer: { authorization: `Bearer ${token}` },
  };
}

/** A session for an account (existing, or made for `role` and `scope`), opened in the store. */
export async function loginAs(
  app: FastifyInstance,
  role: AccountRole,
  scope?: StaffScope,
  options: TestAccountOptions = {},
): Promise<TestSession> {
  const { account } = await createTestAccount(app, role, scope, options);
  return sessionFor(app, account);
}

export async function sessionFor(
  app: FastifyInstance,
  account: AccountRecord,
): Promise<TestSession> {
  const { store, settings } = app.accessControl;
  const opened = await openSession(
    store.db,
    account.id,
    settings.clock(),
    settings.timeouts,
    'test',
  );
  return sessionOf(account, opened.token, settings.cookieName);
}

/** The current TOTP code of a test account, at the app's clock. */
export function currentCode(app: FastifyInstance, credentials: TestCredentials): string {
  return totpCode(credentials.totpSecret, app.accessControl.settings.clock()) ?? '';
}

/** Signs in through POST /api/v1/session/login, as the web app does. */
export async function loginOverHttp(
  app: FastifyInstance,
  credentials: TestCredentials,
  options: { readonly code?: string; readonly password?: string } = {},
): Promise<{ statusCode: number; body: unknown; session: TestSession | undefined }> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/session/login',
    payload: {
      username: credentials.username,
      password: options.password ?? credentials.password,
      totp: options.code ?? currentCode(app, credentials),
    },
  });
  const cookieName = app.accessControl.settings.cookieName;
  const cookie = res.cookies.find((c) => c.name === cookieName && c.value !== '');
  return {
    statusCode: res.statusCode,
    body: res.json(),
    session:
      cookie === undefined ? undefined : sessionOf(credentials.account, cookie.value, cookieName),
  };
}

export interface AccessTestServerOptions {
  readonly config?: Partial<HqConfig>;
  readonly clock?: () => number;
  readonly auditTap?: AuditTap;
  /** Log lines go here (at `info`), for tests of what the log may hold. */
  readonly logStream?: { write(line: string): void };
}

/** An HQ on a test store with access-control knobs: a movable clock, an audit tap, a log. */
export async function accessTestServer(
  store: Store,
  options: AccessTestServerOptions = {},
): Promise<FastifyInstance> {
  const config = hqConfigSchema.parse({
    databaseUrl: 'sqlite::memory:',
    port: 0,
    logLevel: options.logStream === undefined ? 'silent' : 'info',
    passwordScryptLogN: 10,
    ...options.config,
  });
  return buildServer({
    config,
    store,
    logger: options.logStream !== undefined,
    audit: { checkpointIntervalMs: 0 },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.auditTap === undefined ? {} : { auditTap: options.auditTap }),
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
  });
}
