import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import {
  accessPolicy,
  canonicalJson,
  sampleDefinition,
  type ActionSpec,
  type Problem,
} from '@sandogh/core';
import { listAuditEntries, type AccountRecord } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import { testServer } from './testing.js';
import { loginAs, sessionFor } from './access/testing.js';

/**
 * Law 8 on every route: whatever arrives — wrong method, strange path segments, query strings,
 * bodies of any JSON shape or none — the answer is below 500, carries the one error shape when
 * it is a refusal, and the store is unchanged. Half the requests come from signed-in HQ staff
 * (so that input reaches the routes' own validation); every refusal of them is on the audit
 * log with its code (issue 3).
 */
describeEachEngine(
  'every HQ route under generated bad input',
  (ctx) => {
    let app: FastifyInstance;
    let routes: { method: string; url: string }[] = [];
    let staff: AccountRecord;
    const definition = sampleDefinition();
    beforeAll(async () => {
      app = await testServer(ctx.store);
      const hq = await loginAs(app, 'hq-staff');
      staff = hq.account;
      expect(
        (
          await app.inject({
            method: 'PUT',
            url: '/api/v1/election',
            payload: definition,
            headers: hq.headers,
          })
        ).statusCode,
      ).toBe(201);
      const doc = (await app.inject('/docs/json')).json<{
        paths: Record<string, Record<string, unknown>>;
      }>();
      routes = Object.entries(doc.paths).flatMap(([url, methods]) =>
        Object.keys(methods).map((method) => ({ method: method.toUpperCase(), url })),
      );
      expect(routes.length).toBeGreaterThanOrEqual(10);
    });
    afterAll(async () => {
      await app.close();
    });

    const segment = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('0001', '..', '%00', '%ff', 'ي', '۰۰۰۱', ' ', 'a'.repeat(300)),
    );
    const query = fc.dictionary(
      fc.constantFrom(
        'limit',
        'offset',
        'kind',
        'zoneId',
        'zoneHqId',
        'x',
        '__proto__',
        'constructor',
      ),
      fc.oneof(fc.string({ maxLength: 10 }), fc.integer().map(String), fc.constant('')),
      { maxKeys: 4 },
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ maxLength: 50 }),
      fc.constant({ ...definition, formatVersion: 2 }),
      fc.constant({ __proto__: { polluted: true } }),
    );

    it('never answers 500, always in the one error shape, and writes nothing', async () => {
      const before = canonicalJson((await app.inject('/api/v1/election')).json());
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          segment,
          query,
          body,
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/x-www-form-urlencoded',
            undefined,
          ),
          fc.boolean(),
          async (pick, otherMethod, seg, q, payload, contentType, signedIn) => {
            const route = routes[pick % routes.length];
            if (route === undefined) return;
            const method = pick % 3 === 0 ? otherMethod : route.method;
            const url = route.url.replace(/\{[^}]+\}/g, encodeURIComponent(seg));
            const search = new URLSearchParams(q).toString();
            // A fresh session each time: a generated sign-out must not end the next request's.
            const session = signedIn ? (await sessionFor(app, staff)).headers : {};
            const res = await app.inject({
              method: method as 'GET',
              url: search === '' ? url : `${url}?${search}`,
              ...(payload === undefined || method === 'GET'
                ? {}
                : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
              headers: {
                ...session,
                ...(contentType === undefined || method === 'GET'
                  ? {}
                  : { 'content-type': contentType }),
              },
            });
            expect(res.statusCode, `${method} ${url}?${search}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              const problem = res.json<Problem>();
              expect(problem.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
              expect(problem.message.fa.length).toBeGreaterThan(0);
              expect(problem.message.en.length).toBeGreaterThan(0);
              const declared = app.accessControl
                .routes()
                .find(
                  (r) => r.method === method && r.url.replace(/:(\w+)/g, '{$1}') === route.url,
                )?.action;
              const spec: ActionSpec | undefined =
                declared === undefined ? undefined : accessPolicy[declared];
              // A device route never reads a session: its body is a signed device message,
              // and what the device layer refuses is on the log as the device's refusal.
              if (
                spec?.audience === 'device' &&
                /^(DEVICE_|ACCESS_DEVICE_ONLY)/.test(problem.code)
              ) {
                const newest = await listAuditEntries(ctx.store, { before: 2 ** 52, limit: 1 });
                expect(newest.entries[0], `${method} ${url}`).toMatchObject({
                  action: 'devices.message.refused',
                  reason: problem.code,
                });
              } else if (
                signedIn &&
                spec !== undefined &&
                spec.audience !== 'device' &&
                // A '.' or '..' segment is resolved away before routing: no declared route is hit.
                !(route.url.includes('{') && ['.', '..'].includes(seg)) &&
                spec.audience !== 'public' &&
                // Refused by the router before any hook could read the session: nothing to name.
                !['HTTP_NOT_FOUND', 'HTTP_URI_TOO_LONG'].includes(problem.code)
              ) {
                const newest = await listAuditEntries(ctx.store, { before: 2 ** 52, limit: 1 });
                expect(newest.entries[0], `${method} ${url}`).toMatchObject({
                  action: 'access.refused',
                  actorId: staff.username,
                  reason: problem.code,
                });
              }
            }
          },
        ),
        { numRuns: 250 },
      );
      const after = canonicalJson((await app.inject('/api/v1/election')).json());
      expect(after).toBe(before);
      const hq = await sessionFor(app, staff);
      expect(
        (await app.inject({ url: '/api/v1/election/definition', headers: hq.headers })).body,
      ).toBe(canonicalJson(definition));
    });
  },
  { isolation: 'file' },
);
