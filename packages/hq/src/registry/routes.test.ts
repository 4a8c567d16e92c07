import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { electionHash, makeNationalCode, type Problem } from '@sandogh/core';
import {
  findVoter,
  listAuditEntries,
  loadDefinition,
  registryDb,
  registryImports,
} from '@sandogh/store';
import { describeEachEngine, tinyDefinition } from '@sandogh/store/testing';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';
import { REGISTRY_BODY_LIMIT } from './routes.js';

const HEADER =
  'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name';
const definition = tinyDefinition();
const electionId = definition.election.id;
const codeOf = (i: number) => makeNationalCode(String(300_000_000 + i));
const csvOf = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;

describeEachEngine('POST /api/v1/registry/import', (ctx) => {
  let app: FastifyInstance;
  let staff: TestSession;
  beforeEach(async () => {
    const loaded = await loadDefinition(ctx.store, definition, electionHash(definition));
    if (!loaded.ok) throw new Error(loaded.error.code);
    app = await accessTestServer(ctx.store);
    staff = await loginAs(app, 'hq-staff');
  });
  afterEach(async () => {
    await app.close();
  });

  const post = (payload: unknown, headers: Record<string, string> = staff.headers) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/registry/import',
      headers,
      payload: payload as object,
    });
  const voters = async () =>
    Number(
      (
        await registryDb(ctx.store.db)
          .selectFrom('registry_voters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  it('imports a small file and answers the counts and every rejected line', async () => {
    const res = await post({
      csv: csvOf(
        `${codeOf(1)},1385/02/21,,1,tehran,مریم,احمدی`,
        `${codeOf(2)},1350/01/01,1402/12/01,1,,,`,
        '0012345670,1360/01/01,,1,,,',
        `${codeOf(1)},1360/01/01,,1,,,`,
      ),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'imported',
      rowsRead: 4,
      rowsRejected: 2,
      inserted: 2,
      total: 2,
      rejectsTruncated: false,
      rejects: [
        { line: 4, code: 'NATIONAL_CODE_CHECK_DIGIT', column: 'national_code' },
        { line: 5, code: 'REGISTRY_ROW_DUPLICATE', column: 'national_code' },
      ],
    });
    expect(await findVoter(ctx.store, electionId, codeOf(2))).toMatchObject({ deceased: true });
    const audit = await listAuditEntries(ctx.store, { action: 'pollbook.registry' });
    expect(audit.entries.map((e) => [e.action, e.actorKind])).toEqual([
      ['pollbook.registry.import-started', 'staff'],
      ['pollbook.registry.imported', 'staff'],
    ]);
    expect(JSON.stringify(audit.entries)).not.toMatch(new RegExp(`${codeOf(1)}|${codeOf(2)}`));
  });

  it('answers bad input with a catalogued problem and writes nothing', async () => {
    const cases: [unknown, string, number][] = [
      [{}, 'INPUT_REQUIRED', 400],
      [{ csv: '' }, 'INPUT_TOO_SMALL', 400],
      [{ csv: 'x', more: 1 }, 'INPUT_UNKNOWN_FIELD', 400],
      [{ csv: 'national_code,birth_date,citizen,born\n' }, 'REGISTRY_HEADER_UNKNOWN', 400],
      [{ csv: 'national_code,born\n' }, 'INPUT_INVALID', 400],
      [{ csv: csvOf(`${codeOf(1)},"1360/01/01,,1,,,`) }, 'REGISTRY_CSV_MALFORMED', 400],
      [{ csv: '\n' }, 'REGISTRY_FILE_EMPTY', 400],
    ];
    for (const [payload, code, status] of cases) {
      const res = await post(payload);
      expect([res.statusCode, res.json<Problem>().code]).toEqual([status, code]);
    }
    const allBad = await post({ csv: csvOf('0012345670,1360/01/01,,1,,,') });
    const body = allBad.json<Problem>();
    expect(body.code).toBe('REGISTRY_NO_VALID_ROWS');
    expect(body.details?.['rejects']).toMatchObject([
      { line: 2, code: 'NATIONAL_CODE_CHECK_DIGIT' },
    ]);
    expect(await voters()).toBe(0);
    expect(await registryImports(ctx.store, electionId)).toHaveLength(0);
    const refusals = await listAuditEntries(ctx.store, { action: 'pollbook.registry.refused' });
    expect(refusals.entries.map((e) => e.reason)).toEqual([
      'REGISTRY_HEADER_UNKNOWN',
      'REGISTRY_HEADER_UNKNOWN',
      'REGISTRY_CSV_MALFORMED',
      'REGISTRY_FILE_EMPTY',
      'REGISTRY_NO_VALID_ROWS',
    ]);
  });

  it('refuses an oversized body and anyone but HQ staff', async () => {
    const big = await post({ csv: `${HEADER}\n${'x'.repeat(REGISTRY_BODY_LIMIT + 2048)}` });
    expect([big.statusCode, big.json<Problem>().code]).toEqual([413, 'INPUT_TOO_LARGE']);
    const trustee = await loginAs(app, 'branch-trustee', {
      kind: 'branches',
      branchIds: ['b-0001'],
    });
    const forbidden = await post({ csv: csvOf(`${codeOf(1)},1360/01/01,,1,,,`) }, trustee.headers);
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await post({ csv: csvOf(`${codeOf(1)},1360/01/01,,1,,,`) }, {});
    expect(anonymous.statusCode).toBe(401);
    expect(await voters()).toBe(0);
  });
});
