import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { canonicalJson, electionHash, sampleDefinition, type Problem } from '@sandogh/core';
import { describeEachEngine } from '@sandogh/store/testing';
import { testServer } from './testing.js';
import { loginAs, type TestSession } from './access/testing.js';

function expectProblem(body: unknown, code: string): Problem {
  const p = body as Problem;
  expect(p.code).toBe(code);
  expect(p.message.fa).toMatch(/[\u0600-\u06FF]/);
  expect(p.message.en.length).toBeGreaterThan(0);
  return p;
}

describeEachEngine(
  'the HQ server',
  (ctx) => {
    let app: FastifyInstance;
    let hq: TestSession;
    const definition = sampleDefinition({ branches: 6 });
    /** A request of HQ staff signed in from the web app (cookie and CSRF token). */
    const asHq = (request: string | InjectOptions): InjectOptions =>
      typeof request === 'string'
        ? { url: request, headers: hq.headers }
        : { ...request, headers: { ...request.headers, ...hq.headers } };
    beforeAll(async () => {
      app = await testServer(ctx.store);
      hq = await loginAs(app, 'hq-staff');
    });
    afterAll(async () => {
      await app.close();
    });

    it('answers liveness and readiness', async () => {
      expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
      expect((await app.inject('/ready')).json()).toEqual({ status: 'ok', engine: ctx.engine });
    });

    it('says no election is loaded yet, in Persian and English', async () => {
      const res = await app.inject('/api/v1/election');
      expect(res.statusCode).toBe(404);
      expectProblem(res.json(), 'DEFINITION_NOT_LOADED');
      expect((await app.inject('/api/v1/branches')).statusCode).toBe(404);
    });

    it('refuses a broken definition with every problem and writes nothing', async () => {
      const broken = structuredClone(definition) as unknown as Record<string, unknown>;
      broken['extra'] = 1;
      (broken['election'] as Record<string, unknown>)['round'] = 3;
      (broken['branches'] as Record<string, unknown>[]).push({ id: '0001' });
      const res = await app.inject(
        asHq({ method: 'PUT', url: '/api/v1/election', payload: broken }),
      );
      expect(res.statusCode).toBe(400);
      const p = expectProblem(res.json(), 'DEFINITION_INVALID');
      const listed = (p.details?.['problems'] as Problem[]).map((q) => q.code);
      expect(listed).toEqual(
        expect.arrayContaining(['INPUT_UNKNOWN_FIELD', 'INPUT_NOT_ALLOWED', 'INPUT_REQUIRED']),
      );
      expect(listed.length).toBeGreaterThanOrEqual(5);
      expect((await app.inject('/api/v1/election')).statusCode).toBe(404);
    });

    it('validates without loading', async () => {
      const res = await app.inject(
        asHq({
          method: 'POST',
          url: '/api/v1/election/validate',
          payload: definition,
        }),
      );
      expect(res.json()).toMatchObject({
        valid: true,
        hash: electionHash(definition),
        problems: [],
      });
      expect((await app.inject('/api/v1/election')).statusCode).toBe(404);
    });

    it('loads a definition once; the same again is unchanged; another is refused', async () => {
      const first = await app.inject(
        asHq({
          method: 'PUT',
          url: '/api/v1/election',
          payload: definition,
        }),
      );
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({
        status: 'loaded',
        electionId: 'sample-2024',
        hash: electionHash(definition),
      });
      const again = await app.inject(
        asHq({
          method: 'PUT',
          url: '/api/v1/election',
          payload: definition,
        }),
      );
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'unchanged' });
      const changed = structuredClone(definition);
      changed.election.title.en = 'Another title';
      const refused = await app.inject(
        asHq({
          method: 'PUT',
          url: '/api/v1/election',
          payload: changed,
        }),
      );
      expect(refused.statusCode).toBe(409);
      expectProblem(refused.json(), 'DEFINITION_ALREADY_LOADED');
    });

    it('serves the definition exactly as imported, and the geography', async () => {
      const doc = await app.inject(asHq('/api/v1/election/definition'));
      expect(doc.body).toBe(canonicalJson(definition));
      const summary = (await app.inject('/api/v1/election')).json<{
        hash: string;
        shortHash: string;
      }>();
      expect(summary.hash).toBe(electionHash(definition));
      const branches = (await app.inject('/api/v1/branches?kind=mobile')).json<{
        total: number;
        items: { id: string }[];
      }>();
      expect(branches.total).toBe(1);
      const page = (await app.inject('/api/v1/branches?limit=2&offset=2')).json<{
        items: { id: string }[];
        total: number;
      }>();
      expect(page.items.map((b) => b.id)).toEqual(['0003', '0004']);
      expect(page.total).toBe(6);
      const one = (await app.inject(asHq('/api/v1/branches/0006'))).json<{
        itinerary: unknown[];
        devices: unknown[];
      }>();
      expect(one.itinerary).toHaveLength(2);
      expect(one.devices).toHaveLength(2);
      expect(
        (await app.inject('/api/v1/candidates')).json<{ candidates: unknown[] }>().candidates,
      ).toHaveLength(6);
      expect((await app.inject('/api/v1/zones')).json<{ zones: unknown[] }>().zones).toHaveLength(
        2,
      );
      expect(
        (await app.inject('/api/v1/zone-hqs')).json<{ zoneHqs: unknown[] }>().zoneHqs,
      ).toHaveLength(2);
    });

    it('answers bad requests with a clear problem, never a 500', async () => {
      const cases: [string | InjectOptions, number, string][] = [
        ['/api/v1/branches/nope!', 400, 'INPUT_BAD_FORMAT'],
        ['/api/v1/branches/9999', 404, 'BRANCH_NOT_FOUND'],
        ['/api/v1/branches?limit=0', 400, 'INPUT_TOO_SMALL'],
        ['/api/v1/branches?kind=boat', 400, 'INPUT_NOT_ALLOWED'],
        ['/api/v1/branches?colour=red', 400, 'INPUT_UNKNOWN_FIELD'],
        ['/nowhere', 404, 'HTTP_NOT_FOUND'],
        [
          {
            method: 'PUT',
            url: '/api/v1/election',
            payload: '{"a":',
            headers: { 'content-type': 'application/json' },
          },
          400,
          'INPUT_MALFORMED_JSON',
        ],
        [
          {
            method: 'PUT',
            url: '/api/v1/election',
            payload: 'x',
            headers: { 'content-type': 'text/plain' },
          },
          415,
          'INPUT_UNSUPPORTED_MEDIA',
        ],
        [{ method: 'PUT', url: '/api/v1/election', payload: [] }, 400, 'DEFINITION_INVALID'],
      ];
      for (const [request, status, code] of cases) {
        const res = await app.inject(asHq(request));
        expect(res.statusCode, JSON.stringify(request)).toBe(status);
        const body = res.json<Problem>();
        expect(
          body.code === code ||
            (body.details?.['problems'] as Problem[] | undefined)?.some((p) => p.code === code),
        ).toBe(true);
      }
    });

    it('documents every route in OpenAPI at /docs/json', async () => {
      const doc = (await app.inject('/docs/json')).json<{
        openapi: string;
        paths: Record<string, unknown>;
      }>();
      expect(doc.openapi).toMatch(/^3\./);
      for (const path of [
        '/health',
        '/ready',
        '/api/v1/election',
        '/api/v1/branches',
        '/api/v1/branches/{branchId}',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
    });
  },
  { isolation: 'file' },
);
