import { expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../testing/engines.js';
import { openPollBook } from './pollBook.js';
import { fixtureCode, pollbookFixture } from './testSupport.js';

/**
 * Model-based property of check-and-mark (law 1): whatever the sequence of check-ins —
 * several branches, retried messages, bursts that land in one batch or in several — the
 * answers are those of the simplest model (a map from national code to its first mark) and the
 * store holds at most one mark per code, each with exactly one card.
 */
const CODES_PER_RUN = 5;
const RUNS = 25;

const step = fc.record({
  code: fc.integer({ min: 0, max: CODES_PER_RUN - 1 }),
  branch: fc.integer({ min: 1, max: 4 }),
  message: fc.integer({ min: 0, max: 7 }),
});
// Shrinking replays runs beyond RUNS: every run, shrunk or not, takes fresh codes from 20,000.
/** A run: bursts of check-ins, each burst sent at once (so it may share a batch). */
const run = fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), {
  minLength: 1,
  maxLength: 6,
});

describeEachEngine(
  'check-and-mark model (law 1)',
  (ctx) => {
    it('never marks a code twice and answers as the model does', async () => {
      const election = await pollbookFixture(ctx.store, { voters: 20_000 });
      let runIndex = 0;
      await fc.assert(
        fc.asyncProperty(run, fc.integer({ min: 1, max: 5 }), async (bursts, maxBatch) => {
          const base = CODES_PER_RUN * runIndex++;
          const book = openPollBook(ctx.store, election, { maxBatch });
          const model = new Map<string, { branch: string; message: string }>();
          for (const burst of bursts) {
            const requests = burst.map((s) => ({
              nationalCode: fixtureCode(base + s.code),
              branchId: `b-000${s.branch}`,
              deviceSerial: `A-000${s.branch}`,
              messageId: `${String(runIndex).padStart(8, '0')}${String(s.message).padStart(24, '0')}`,
            }));
            const answers = await Promise.all(requests.map((r) => book.checkIn(r)));
            for (const [i, r] of requests.entries()) {
              const answer = answers[i];
              const known = model.get(r.nationalCode);
              if (known === undefined) {
                expect(answer).toMatchObject({ kind: 'marked', replay: false });
                model.set(r.nationalCode, { branch: r.branchId, message: r.messageId });
              } else if (known.message === r.messageId && known.branch === r.branchId) {
                expect(answer).toMatchObject({ kind: 'marked', replay: true });
              } else {
                expect(answer).toMatchObject({ kind: 'already-voted', branchId: known.branch });
              }
            }
          }
          const codes = [...Array(CODES_PER_RUN).keys()].map((i) => fixtureCode(base + i));
          const rows = await sql<{
            national_code: string;
            branch_id: string;
            cards_issued: number;
          }>`select national_code, branch_id, cards_issued from pollbook_marks where national_code in (${sql.join(codes)})`.execute(
            ctx.store.db,
          );
          expect(rows.rows).toHaveLength(model.size);
          for (const row of rows.rows) {
            expect(model.get(row.national_code)?.branch).toBe(row.branch_id);
            expect(row.cards_issued).toBe(1);
          }
        }),
        { numRuns: RUNS },
      );
      const totals = await sql<{ marks: number; cards: number }>`
        select (select count(*) from pollbook_marks) as marks,
               (select count(*) from pollbook_cards) as cards`.execute(ctx.store.db);
      expect(Number(totals.rows[0]?.marks)).toBe(Number(totals.rows[0]?.cards));
    }, 120_000);
  },
  { isolation: 'file' },
);
