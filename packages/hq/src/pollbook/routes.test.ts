import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { fc } from '@fast-check/vitest';
import { makeNationalCode } from '@sandogh/core';
import { auditDb, currentElection } from '@sandogh/store';
import { describeEachEngine, fixtureCode, seedRegistry } from '@sandogh/store/testing';
import {
  createTestAccount,
  currentCode,
  loginAs,
  type TestCredentials,
} from '../access/testing.js';
import { signedBy } from '../devices/testing.js';
import {
  authDeviceOf,
  branchOf,
  checkInMessage,
  pollbookHq,
  post,
  votingDeviceOf,
  type PollbookHq,
} from './testSupport.js';

const handle = () => randomBytes(16).toString('hex');

describeEachEngine('poll book routes', (ctx) => {
  let hq: PollbookHq;
  beforeEach(async () => {
    hq = await pollbookHq(ctx.store, { branches: 4, voters: 50 });
  });
  afterEach(async () => {
    await hq.app.close();
  });

  const count = async (table: string) =>
    Number(
      (
        await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
          ctx.store.db,
        )
      ).rows[0]?.n,
    );
  const auditCount = async () =>
    Number(
      (
        await auditDb(ctx.store.db)
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  const cardMessage = (branch: number, device: string, token: string, state: string) =>
    signedBy({
      election: hq.hash,
      device,
      branch: branchOf(branch),
      kind: 'pollbook.card',
      body: { token, state },
    });

  it('answers eligible with a card, and a retried message with the very same card', async () => {
    const message = checkInMessage(hq, 1, fixtureCode(1));
    const first = await post(hq, '/pollbook/check-in', message);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'eligible', card: { device: 'V-0001' } });
    const again = await post(hq, '/pollbook/check-in', message);
    expect(again.status).toBe(200);
    expect(again.body['card']).toEqual(first.body['card']);
    expect(await count('pollbook_marks')).toBe(1);
    expect(await count('pollbook_cards')).toBe(1);
    // Law 2: the audit log names the branch and the device, never the voter or the card.
    const log = await auditDb(ctx.store.db).selectFrom('audit_log').selectAll().execute();
    const text = JSON.stringify(log);
    expect(text).toContain('pollbook.voter.checked-in');
    expect(text).not.toContain(fixtureCode(1));
    const token = (first.body['card'] as { token: string }).token;
    expect(text).not.toContain(token.slice(0, 48));
  });

  it('refuses with the reason the operator reads to the voter', async () => {
    const election = await currentElection(ctx.store);
    await seedRegistry(ctx.store, election?.id ?? '', [
      { code: makeNationalCode('200000001'), deceased: true },
    ]);
    const dead = await post(
      hq,
      '/pollbook/check-in',
      checkInMessage(hq, 1, makeNationalCode('200000001')),
    );
    expect(dead).toMatchObject({ status: 409, body: { code: 'VOTER_DECEASED' } });
    const answer = await post(hq, '/pollbook/check-in', checkInMessage(hq, 1, '1234567890'));
    expect(answer.status).toBe(400);
    expect(answer.body['code']).toBe('NATIONAL_CODE_CHECK_DIGIT');
    const unknown = await post(
      hq,
      '/pollbook/check-in',
      checkInMessage(hq, 1, makeNationalCode('300000003')),
    );
    expect(unknown.body['code']).toBe('VOTER_NOT_IN_REGISTRY');
    expect(await count('pollbook_marks')).toBe(0);
  });

  it('takes a card used once by its voting device and refuses the replay', async () => {
    const first = await post(hq, '/pollbook/check-in', checkInMessage(hq, 2, fixtureCode(2)));
    const token = (first.body['card'] as { token: string }).token;
    const wrong = await post(
      hq,
      '/pollbook/cards',
      cardMessage(1, votingDeviceOf(1), token, 'used'),
    );
    expect(wrong.body['code']).toBe('POLLBOOK_CARD_WRONG_DEVICE');
    const used = await post(
      hq,
      '/pollbook/cards',
      cardMessage(2, votingDeviceOf(2), token, 'used'),
    );
    expect(used).toMatchObject({ status: 200, body: { state: 'used', status: 'recorded' } });
    const abandoned = await post(
      hq,
      '/pollbook/cards',
      cardMessage(2, authDeviceOf(2), token, 'abandoned'),
    );
    expect(abandoned.body['code']).toBe('POLLBOOK_CARD_SETTLED');
  });

  it('confirms an offline mark, rejects one already voted elsewhere, and answers a redelivery the same', async () => {
    await post(hq, '/pollbook/check-in', checkInMessage(hq, 1, fixtureCode(5)));
    const handles = [handle(), handle()];
    const offline = signedBy({
      election: hq.hash,
      device: authDeviceOf(3),
      branch: branchOf(3),
      kind: 'pollbook.offline',
      body: {
        marks: [
          { nationalCode: fixtureCode(5), at: new Date().toISOString(), handle: handles[0] },
          { nationalCode: fixtureCode(6), at: new Date().toISOString(), handle: handles[1] },
        ],
      },
    });
    const decided = await post(hq, '/pollbook/offline', offline);
    expect(decided.status).toBe(200);
    expect(decided.body['excluded']).toEqual([handles[0]]);
    expect(decided.body['decisions']).toEqual([
      { handle: handles[0], decision: 'rejected', reason: 'POLLBOOK_ALREADY_VOTED' },
      { handle: handles[1], decision: 'confirmed', reason: null },
    ]);
    const again = await post(hq, '/pollbook/offline', offline);
    expect(again.body).toEqual(decided.body);
    expect(await count('pollbook_marks')).toBe(2);
    // The earlier, online mark stands; the provisional one is marked where it was cast.
    const marks = await sql<{
      branch_id: string;
      mode: string;
    }>`select branch_id, mode from pollbook_marks order by mode`.execute(ctx.store.db);
    expect(marks.rows).toEqual([
      { branch_id: 'b-0001', mode: 'online' },
      { branch_id: 'b-0003', mode: 'provisional' },
    ]);
    // Law 1: no table holds a handle beside a national code.
    const provisional = await sql`select * from pollbook_provisional`.execute(ctx.store.db);
    expect(JSON.stringify(provisional.rows)).not.toContain(fixtureCode(5));
    const rejections = await hq.app.inject({
      method: 'GET',
      url: '/api/v1/pollbook/provisional/rejections',
      headers: (await loginAs(hq.app, 'supervisory-board')).headers,
    });
    expect(rejections.json()).toMatchObject({
      rejections: [{ branchId: 'b-0003', earlierBranchId: 'b-0001' }],
    });
  });

  it('reissues a card only with a second approver at the operator’s side', async () => {
    await post(hq, '/pollbook/check-in', checkInMessage(hq, 1, fixtureCode(7)));
    const scope = { kind: 'branches' as const, branchIds: ['b-0001'] };
    const operator = await loginAs(hq.app, 'branch-trustee', scope, { deviceOperator: true });
    const chair = await createTestAccount(hq.app, 'branch-trustee', scope, {
      trusteeRole: 'chair',
    });
    const otherChair = await createTestAccount(
      hq.app,
      'branch-trustee',
      { kind: 'branches', branchIds: ['b-0002'] },
      { trusteeRole: 'chair' },
    );
    const override = (approver: Record<string, string>) =>
      hq.app.inject({
        method: 'POST',
        url: '/api/v1/pollbook/branches/b-0001/override',
        headers: operator.headers,
        payload: { nationalCode: fixtureCode(7), reason: 'card expired', approver },
      });
    const as = (who: TestCredentials) => ({
      username: who.username,
      password: who.password,
      totp: currentCode(hq.app, who),
    });
    const wrong = await override({ ...as(chair), password: 'a wrong password here' });
    expect(wrong.json()).toMatchObject({ code: 'ACCESS_APPROVER_REFUSED' });
    const elsewhere = await override(as(otherChair));
    expect(elsewhere.json()).toMatchObject({ code: 'ACCESS_FORBIDDEN' });
    expect(await count('pollbook_cards')).toBe(1);
    const approved = await override(as(chair));
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'reissued', card: { device: 'V-0001' } });
    expect(await count('pollbook_cards')).toBe(2);
  });

  it('serves turnout to the public as counts only', async () => {
    await post(hq, '/pollbook/check-in', checkInMessage(hq, 1, fixtureCode(8)));
    await post(hq, '/pollbook/check-in', checkInMessage(hq, 3, fixtureCode(9)));
    const res = await hq.app.inject({ method: 'GET', url: '/api/v1/turnout' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      constituency: { voters: 2 },
      branches: [
        { branchId: 'b-0001', voters: 1 },
        { branchId: 'b-0003', voters: 1 },
      ],
    });
  });

  it('answers fuzzed bad check-ins with a catalogued 4xx and writes no mark', async () => {
    const before = await auditCount();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 40 }).map((nationalCode) => ({ nationalCode })),
          fc.stringMatching(/^[0-9]{10}$/).map((nationalCode) => ({ nationalCode })),
          fc.jsonValue().map((nationalCode) => ({ nationalCode })),
          fc.record({ nationalCode: fc.constant(fixtureCode(10)), extra: fc.jsonValue() }),
        ),
        async (body) => {
          const code = JSON.stringify(body.nationalCode);
          // Valid codes of registered voters would rightly be marked: only the unmarkable ones.
          if (/^"1[0-9]{9}"$/.test(code)) return;
          const answer = await post(
            hq,
            '/pollbook/check-in',
            signedBy({
              election: hq.hash,
              device: authDeviceOf(1),
              branch: branchOf(1),
              kind: 'pollbook.checkIn',
              body: { document: { kind: 'passport' }, fingerprint: 'not-attempted', ...body },
            }),
          );
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(typeof answer.body['code']).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    expect(await count('pollbook_marks')).toBe(0);
    expect(await auditCount()).toBeGreaterThan(before);
  });

  it('refuses an unknown branch, a replayed card and an oversized body, writing nothing', async () => {
    const unknownBranch = signedBy({
      election: hq.hash,
      device: authDeviceOf(1),
      branch: 'b-9999',
      kind: 'pollbook.checkIn',
      body: {
        nationalCode: fixtureCode(11),
        document: { kind: 'passport' },
        fingerprint: 'matched',
      },
    });
    expect((await post(hq, '/pollbook/check-in', unknownBranch)).body['code']).toBe(
      'DEVICE_WRONG_BRANCH',
    );
    const forged = `${'a'.repeat(48)}.${String(Math.floor(Date.now() / 1000) + 60)}`;
    expect(
      (await post(hq, '/pollbook/cards', cardMessage(1, votingDeviceOf(1), forged, 'used'))).body[
        'code'
      ],
    ).toBe('POLLBOOK_CARD_UNKNOWN');
    const big = checkInMessage(hq, 1, fixtureCode(12));
    const oversized = await post(hq, '/pollbook/check-in', {
      ...big,
      padding: 'x'.repeat(64 * 1024),
    });
    expect(oversized.status).toBe(413);
    expect(await count('pollbook_marks')).toBe(0);
    expect(await count('pollbook_cards')).toBe(0);
  });
});
