// For the ceremony tests: a small definition whose devices hold real Ed25519 keys (so branch
// reports can be signed as check V12 demands) and whose supervisory board has `members` people.
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  electionHash,
  sampleDefinition,
  type ElectionDefinition,
  type Problem,
} from '@sandogh/core';
import { ed25519KeyPair, type CryptoManifest } from '@sandogh/crypto';
import { ephemeralHqKey, loadDefinition, type Store } from '@sandogh/store';
import { problems, zodValidatorCompiler } from '../plugins/problems.js';
import { cryptoManifestFromDefinition } from './manifest.js';
import { tallyRoutes } from './routes.js';
import { openHqAudit } from '../audit/index.js';
import type { RequestAccess } from '../access/routeConfig.js';

export interface DeviceKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

export interface BoardFixture {
  readonly definition: ElectionDefinition;
  /** Every device's key pair, by serial. */
  readonly keys: ReadonlyMap<string, DeviceKeyPair>;
}

export function boardDefinition(members = 3): BoardFixture {
  const base = sampleDefinition({ branches: 2, candidates: 4, seats: 2 });
  const keys = new Map<string, DeviceKeyPair>();
  const devices = base.devices.map((d) => {
    const pair = ed25519KeyPair(createHash('sha256').update(`device ${d.serial}`).digest());
    keys.set(d.serial, pair);
    return { ...d, publicKey: Buffer.from(pair.publicKey).toString('base64') };
  });
  const board = Array.from({ length: members }, (_, i) => ({
    id: `SB-${i + 1}`,
    name: { fa: `عضو ${i + 1} هیات نظارت`, en: `Supervisory board member ${i + 1}` },
    role: 'supervisory-board' as const,
    scope: { kind: 'constituency' as const },
  }));
  return { definition: { ...base, devices, staff: [...base.staff, ...board] }, keys };
}

/** `boardDefinition(members)` and the ceremony manifest it gives with threshold `k`. */
export function boardManifest(
  members: number,
  k: number,
): BoardFixture & { readonly manifest: CryptoManifest } {
  const board = boardDefinition(members);
  const derived = cryptoManifestFromDefinition(board.definition, { k });
  if (!derived.ok) throw new Error('fixture manifest');
  return { ...board, manifest: derived.value };
}

/** Checks a refusal: a 4xx carrying the catalogued `code`, its message in Persian too. */
export function expectProblem(
  res: { statusCode: number; json: () => unknown },
  code: string,
): Problem {
  const p = res.json() as Problem;
  expect(p.code).toBe(code);
  expect(p.message.fa).toMatch(/[\u0600-\u06FF]/);
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  return p;
}

/** POSTs `payload` to `/api/v1/ceremony/<what>`. */
export const postCeremony = (
  app: FastifyInstance,
  what: string,
  payload: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/ceremony/${what}`,
    payload: payload as object,
    headers,
  });

/** The header a test sets to speak as another board member than the body's own seat. */
export const TEST_STAFF_HEADER = 'x-test-staff-id';

/** The member whose seat a ceremony message belongs to (its index, its sender, or its partial's). */
function seatOfBody(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const partial = 'partial' in body ? body.partial : undefined;
  if (typeof partial === 'object' && partial !== null) return seatOfBody(partial);
  const seat = 'index' in body ? body.index : 'from' in body ? body.from : undefined;
  return typeof seat === 'number' ? seat : undefined;
}

/**
 * The ceremony and tracking routes alone, with the server's validation, error shape and audit
 * log but without its access layer: these tests are about the ceremony's rules, whoever is
 * allowed to call them (access control has its own tests; tracking.test.ts checks the real
 * server too). In place of a session, each request speaks for the seat its body names, as
 * board member `SB-<seat>` of `boardDefinition`, unless TEST_STAFF_HEADER names another.
 */
export async function tallyTestApp(
  store: Store,
  options: { recordDir?: string } = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('access', null);
  app.addHook('preHandler', async (request) => {
    const header = request.headers[TEST_STAFF_HEADER];
    const seat = seatOfBody(request.body);
    const staffId = typeof header === 'string' ? header : seat === undefined ? null : `SB-${seat}`;
    request.access = {
      action: 'ceremony.contribute',
      who: { account: { staffId } } as unknown as NonNullable<RequestAccess['who']>,
      object: undefined,
      approvalRequired: false,
      audited: false,
    };
    return Promise.resolve();
  });
  await app.register(problems);
  const audit = openHqAudit(store, 'sqlite::memory:', { key: ephemeralHqKey() });
  await app.register(tallyRoutes({ store, audit }, options), { prefix: '/api/v1' });
  await app.ready();
  return app;
}

/** Loads a definition straight into the store, as `PUT /api/v1/election` would. */
export async function loadTestDefinition(
  store: Store,
  definition: ElectionDefinition,
): Promise<void> {
  const loaded = await loadDefinition(store, definition, electionHash(definition));
  if (!loaded.ok) throw new Error(loaded.error.message.en);
}
