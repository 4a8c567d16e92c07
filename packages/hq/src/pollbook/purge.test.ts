import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Problem } from '@sandogh/core';
import { listAuditEntries, pollbookDb, registryDb, type Store } from '@sandogh/store';
import { describeEachEngine } from '@sandogh/store/testing';
import {
  createTestAccount,
  currentCode,
  loginAs,
  type TestCredentials,
  type TestSession,
} from '../access/testing.js';
import { checkInMessage, pollbookHq, post, type PollbookHq } from './testSupport.js';
import { fixtureCode } from '@sandogh/store/testing';

async function counts(store: Store) {
  const voters = await registryDb(store.db)
    .selectFrom('registry_voters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const marks = await pollbookDb(store.db)
    .selectFrom('pollbook_marks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { voters: voters.n, marks: marks.n };
}

describeEachEngine(
  "purging the voters' personal data after certification (two people)",
  (ctx) => {
    let hq: PollbookHq;
    let app: FastifyInstance;
    let staff: TestSession;
    let board: TestCredentials;
    let otherStaff: TestCredentials;

    const purge = (approver: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/pollbook/purge',
        headers: staff.headers,
        payload: { reason: 'result certified; complaint period closed', approver },
      });
    const asApprover = (who: TestCredentials, code?: string) => ({
      username: who.username,
      password: who.password,
      totp: code ?? currentCode(app, who),
    });

    beforeAll(async () => {
      hq = await pollbookHq(ctx.store, { branches: 2, voters: 12 });
      app = hq.app;
      for (const i of [0, 1, 2])
        expect(
          (await post(hq, '/pollbook/check-in', checkInMessage(hq, 1, fixtureCode(i)))).status,
        ).toBe(200);
      staff = await loginAs(app, 'hq-staff');
      board = await createTestAccount(app, 'supervisory-board');
      otherStaff = await createTestAccount(app, 'hq-staff');
    });
    afterAll(async () => {
      await app.close();
    });

    it('refuses without a valid second person, and deletes nothing', async () => {
      const before = await counts(ctx.store);
      expect(before).toEqual({ voters: 12, marks: 3 });
      const wrong = await purge({ ...asApprover(board), password: 'not the password at all' });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json<Problem>().code).toBe('ACCESS_APPROVER_REFUSED');
      const notBoard = await purge(asApprover(otherStaff));
      expect(notBoard.statusCode).toBe(403);
      expect(notBoard.json<Problem>()).toMatchObject({
        code: 'ACCESS_FORBIDDEN',
        details: { reason: 'approver-role-not-granted' },
      });
      expect(await counts(ctx.store)).toEqual(before);
      const refused = await listAuditEntries(ctx.store, { action: 'access.approval.refused' });
      expect(refused.entries.map((e) => e.reason)).toEqual([
        'ACCESS_APPROVER_REFUSED',
        'ACCESS_FORBIDDEN',
      ]);
      expect(JSON.stringify(refused.entries)).not.toContain('not the password at all');
    });

    it('purges with a supervisory-board member present, keeps the counts, and logs who approved', async () => {
      const code = currentCode(app, board);
      const done = await purge(asApprover(board, code));
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toEqual({ purged: true, voters: 12, marks: 3 });
      expect(await counts(ctx.store)).toEqual({ voters: 0, marks: 0 });
      const logged = await listAuditEntries(ctx.store, { action: 'pollbook.registry.purged' });
      expect(JSON.parse(logged.entries[0]?.details ?? '{}')).toMatchObject({
        voters: 12,
        marks: 3,
        approvedBy: board.username,
      });
      const granted = await listAuditEntries(ctx.store, { action: 'access.approval.granted' });
      expect(granted.entries).toHaveLength(1);
      // The same code twice is a replay, as at sign-in.
      const again = await purge(asApprover(board, code));
      expect(again.json<Problem>().code).toBe('ACCESS_APPROVER_REFUSED');
    });
  },
  { isolation: 'file' },
);
