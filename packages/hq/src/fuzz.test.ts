import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { canonicalJson, sampleDefinition, type Problem } from '@sandogh/core';
import { describeEachEngine } from '@sandogh/store/testing';
import { testServer } from './testing.js';

/**
 * Law 8 on every route: whatever arrives — wrong method, strange path segments, query strings,
 * bodies of any JSON shape or none — the answer is below 500, carries the one error shape when
 * it is a refusal, and the store is unchanged.
 */
describeEachEngine(
  'every HQ route under generated bad input',
  (ctx) => {
    let app: FastifyInstance;
    let routes: { method: string; url: string }[] = [];
    const definition = sampleDefinition();
    beforeAll(async () => {
      app = await testServer(ctx.store);
      expect(
        (await app.inject({ method: 'PUT', url: '/api/v1/election', payload: definition }))
          .statusCode,
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
          async (pick, otherMethod, seg, q, payload, contentType) => {
            const route = routes[pick % routes.length];
            if (route === undefined) return;
            const method = pick % 3 === 0 ? otherMethod : route.method;
            const url = route.url.replace(/\{[^}]+\}/g, encodeURIComponent(seg));
            const search = new URLSearchParams(q).toString();
            const res = await app.inject({
              method: method as 'GET',
              url: search === '' ? url : `${url}?${search}`,
              ...(payload === undefined || method === 'GET'
                ? {}
                : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
              ...(contentType === undefined || method === 'GET'
                ? {}
                : { headers: { 'content-type': contentType } }),
            });
            expect(res.statusCode, `${method} ${url}?${search}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              const problem = res.json<Problem>();
              expect(problem.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
              expect(problem.message.fa.length).toBeGreaterThan(0);
              expect(problem.message.en.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 250 },
      );
      const after = canonicalJson((await app.inject('/api/v1/election')).json());
      expect(after).toBe(before);
      expect((await app.inject('/api/v1/election/definition')).body).toBe(
        canonicalJson(definition),
      );
    });
  },
  { isolation: 'file' },
);
