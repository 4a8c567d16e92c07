import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine, fixtureCode } from '@sandogh/store/testing';
import { branchOf, checkInMessage, pollbookHq, post, type PollbookHq } from './testSupport.js';

/**
 * Issue 4, "Done when": the same national code fired at HQ by 50 concurrent clients posing as
 * 50 branches, over real HTTP, on SQLite and on PostgreSQL: exactly one succeeds, every other
 * answer is "already voted" naming the winner's branch — 100 times, one voter each round.
 */
const CLIENTS = 50;
const ROUNDS = 100;

describeEachEngine(
  'one voter, one mark: 50 branches at once (law 1)',
  (ctx) => {
    let hq: PollbookHq;
    beforeAll(async () => {
      hq = await pollbookHq(ctx.store, { branches: CLIENTS, voters: ROUNDS });
    });
    afterAll(async () => {
      await hq.app.close();
    });

    it(`lets exactly one of ${CLIENTS} branches mark the voter, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const code = fixtureCode(round);
        const messages = Array.from({ length: CLIENTS }, (_, i) => checkInMessage(hq, i + 1, code));
        const answers = await Promise.all(messages.map((m) => post(hq, '/pollbook/check-in', m)));
        const winners = answers
          .map((a, i) => ({ ...a, branch: branchOf(i + 1) }))
          .filter((a) => a.status === 200);
        expect(winners, `round ${round}`).toHaveLength(1);
        const winner = winners[0]?.branch;
        for (const a of answers) {
          if (a.status === 200) continue;
          expect(a.status).toBe(409);
          expect(a.body['code']).toBe('POLLBOOK_ALREADY_VOTED');
          expect((a.body['details'] as Record<string, unknown>)['branch']).toBe(winner);
        }
      }
      const marks = await sql<{
        n: number;
        codes: number;
      }>`select count(*) as n, count(distinct national_code) as codes from pollbook_marks`.execute(
        ctx.store.db,
      );
      expect(Number(marks.rows[0]?.n)).toBe(ROUNDS);
      expect(Number(marks.rows[0]?.codes)).toBe(ROUNDS);
      const cards = await sql<{ n: number }>`select count(*) as n from pollbook_cards`.execute(
        ctx.store.db,
      );
      expect(Number(cards.rows[0]?.n)).toBe(ROUNDS);
    }, 120_000);
  },
  { isolation: 'file' },
);
