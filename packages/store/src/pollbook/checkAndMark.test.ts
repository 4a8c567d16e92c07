import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { settleCard } from './cards.js';
import { openPollBook } from './pollBook.js';
import { reissueCard } from './reissue.js';
import { pollbookDb } from './tables.js';
import { fixtureCode, pollbookFixture, seedRegistry } from './testSupport.js';
import { markCounts, turnoutCells } from './turnout.js';
import { cardCounts } from './cards.js';
import { makeNationalCode } from '@sandogh/core';

const id = (n: number) => n.toString(16).padStart(32, '0');

describeEachEngine('check-and-mark', (ctx) => {
  it('marks an eligible voter once and issues a card bound to the branch voting device', async () => {
    const election = await pollbookFixture(ctx.store);
    const book = openPollBook(ctx.store, election);
    const first = await book.checkIn({
      nationalCode: fixtureCode(1),
      branchId: 'b-0001',
      deviceSerial: 'A-0001',
      messageId: id(1),
    });
    expect(first).toMatchObject({ kind: 'marked', replay: false, card: { device: 'V-0001' } });
    const second = await book.checkIn({
      nationalCode: fixtureCode(1),
      branchId: 'b-0002',
      deviceSerial: 'A-0002',
      messageId: id(2),
    });
    expect(second).toEqual({
      kind: 'already-voted',
      branchId: 'b-0001',
      markedAt: first !== 'busy' && first.kind === 'marked' ? first.markedAt : '',
    });
    const cards = await pollbookDb(ctx.store.db).selectFrom('pollbook_cards').selectAll().execute();
    expect(cards).toHaveLength(1);
    // Law 2: the card row holds nothing of the voter and no instant finer than a quarter hour.
    expect(JSON.stringify(cards)).not.toContain(fixtureCode(1));
    expect(cards[0]?.expires_window).toMatch(/:(00|15|30|45):00\.000Z$/);
  });

  it('answers a retried message with the same card and marks nothing twice', async () => {
    const election = await pollbookFixture(ctx.store);
    const book = openPollBook(ctx.store, election);
    const request = {
      nationalCode: fixtureCode(3),
      branchId: 'b-0002',
      deviceSerial: 'A-0002',
      messageId: id(9),
    };
    const a = await book.checkIn(request);
    const b = await book.checkIn(request);
    expect(a).toMatchObject({ kind: 'marked', replay: false });
    expect(b).toMatchObject({ kind: 'marked', replay: true });
    if (a === 'busy' || b === 'busy' || a.kind !== 'marked' || b.kind !== 'marked') return;
    expect(b.card).toEqual(a.card);
    expect((await markCounts(ctx.store, election.electionId)).get('b-0002')).toEqual({
      marks: 1,
      cardsIssued: 1,
      provisional: 0,
    });
    expect((await cardCounts(ctx.store, election.electionId)).get('b-0002')?.active).toBe(1);
  });

  it('lets exactly one of 50 concurrent branches mark the same voter', async () => {
    const election = await pollbookFixture(ctx.store, { branches: 50 });
    const book = openPollBook(ctx.store, election, { maxBatch: 7 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book.checkIn({
          nationalCode: fixtureCode(5),
          branchId: `b-${String(i + 1).padStart(4, '0')}`,
          deviceSerial: `A-${String(i + 1).padStart(4, '0')}`,
          messageId: id(100 + i),
        }),
      ),
    );
    const won = answers.filter((a) => a !== 'busy' && a.kind === 'marked');
    expect(won).toHaveLength(1);
    const rows = await pollbookDb(ctx.store.db).selectFrom('pollbook_marks').selectAll().execute();
    expect(rows).toHaveLength(1);
    for (const a of answers)
      if (a !== 'busy' && a.kind === 'already-voted') expect(a.branchId).toBe(rows[0]?.branch_id);
  });

  it('refuses voters the registry does not let vote, writing nothing', async () => {
    const election = await pollbookFixture(ctx.store, { voters: 2 });
    await seedRegistry(ctx.store, election.electionId, [
      { code: makeNationalCode('200000001'), deceased: true },
      { code: makeNationalCode('200000002'), birthDate: '2010-01-01' },
    ]);
    const book = openPollBook(ctx.store, election);
    const ask = (code: string, n: number) =>
      book.checkIn({
        nationalCode: code as ReturnType<typeof fixtureCode>,
        branchId: 'b-0001',
        deviceSerial: 'A-0001',
        messageId: id(n),
      });
    expect(await ask(makeNationalCode('200000001'), 1)).toMatchObject({
      kind: 'ineligible',
      refusal: 'deceased',
    });
    expect(await ask(makeNationalCode('200000002'), 2)).toMatchObject({
      kind: 'ineligible',
      refusal: 'under-age',
    });
    expect(await ask(makeNationalCode('300000003'), 3)).toEqual({ kind: 'not-in-registry' });
    const marks = await sql<{ n: number }>`select count(*) as n from pollbook_marks`.execute(
      ctx.store.db,
    );
    expect(Number(marks.rows[0]?.n)).toBe(0);
  });

  it('settles a card once, by its own voting device, and refuses replays', async () => {
    const election = await pollbookFixture(ctx.store);
    const book = openPollBook(ctx.store, election);
    const marked = await book.checkIn({
      nationalCode: fixtureCode(7),
      branchId: 'b-0001',
      deviceSerial: 'A-0001',
      messageId: id(7),
    });
    if (marked === 'busy' || marked.kind !== 'marked') throw new Error('not marked');
    const token = marked.card.token;
    const now = Date.now();
    const voting = { serial: 'V-0001', kind: 'voting' as const, branchId: 'b-0001' };
    const other = { serial: 'V-0002', kind: 'voting' as const, branchId: 'b-0002' };
    expect(
      await settleCard(ctx.store, election.electionId, token, 'used', other, now),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_CARD_WRONG_DEVICE' } });
    expect(
      await settleCard(ctx.store, election.electionId, token, 'used', voting, now + 11 * 60_000),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_CARD_EXPIRED' } });
    expect(await settleCard(ctx.store, election.electionId, token, 'used', voting, now)).toEqual({
      ok: true,
      value: 'recorded',
    });
    expect(await settleCard(ctx.store, election.electionId, token, 'used', voting, now)).toEqual({
      ok: true,
      value: 'unchanged',
    });
    const auth = { serial: 'A-0001', kind: 'authentication' as const, branchId: 'b-0001' };
    expect(
      await settleCard(ctx.store, election.electionId, token, 'abandoned', auth, now),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_CARD_SETTLED' } });
    const forged = `${'0'.repeat(48)}.${token.slice(49)}`;
    expect(
      await settleCard(ctx.store, election.electionId, forged, 'used', voting, now),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_CARD_UNKNOWN' } });
  });

  it('reissues a card to a marked voter only at the branch that marked them', async () => {
    const election = await pollbookFixture(ctx.store);
    const book = openPollBook(ctx.store, election);
    await book.checkIn({
      nationalCode: fixtureCode(8),
      branchId: 'b-0001',
      deviceSerial: 'A-0001',
      messageId: id(8),
    });
    const now = new Date();
    expect(
      await reissueCard(ctx.store, election.electionId, fixtureCode(8), 'b-0002', now),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_OVERRIDE_OTHER_BRANCH' } });
    expect(
      await reissueCard(ctx.store, election.electionId, fixtureCode(9), 'b-0001', now),
    ).toMatchObject({ ok: false, error: { code: 'POLLBOOK_NOT_MARKED' } });
    expect(
      await reissueCard(ctx.store, election.electionId, fixtureCode(8), 'b-0001', now),
    ).toMatchObject({ ok: true, value: { device: 'V-0001' } });
    expect((await markCounts(ctx.store, election.electionId)).get('b-0001')?.cardsIssued).toBe(2);
    expect((await cardCounts(ctx.store, election.electionId)).get('b-0001')?.active).toBe(2);
  });

  it('counts turnout per branch and Tehran hour', async () => {
    const election = await pollbookFixture(ctx.store);
    // 06:10 UTC is 09:40 in Tehran (UTC+03:30).
    const book = openPollBook(ctx.store, election, {
      clock: () => new Date('2024-03-01T06:10:00.000Z'),
    });
    await Promise.all(
      [1, 2, 3].map((i) =>
        book.checkIn({
          nationalCode: fixtureCode(20 + i),
          branchId: i === 3 ? 'b-0003' : 'b-0001',
          deviceSerial: 'A-0001',
          messageId: id(20 + i),
        }),
      ),
    );
    const cells = await turnoutCells(ctx.store, election.electionId);
    expect(cells).toEqual([
      { branchId: 'b-0001', zoneId: 'z-1', zoneHqId: 'zhq-1', hour: '2024-03-01T09', voters: 2 },
      { branchId: 'b-0003', zoneId: 'z-2', zoneHqId: 'zhq-2', hour: '2024-03-01T09', voters: 1 },
    ]);
  });
});

describe('fixtureCode', () => {
  it('gives distinct valid codes', () => {
    expect(new Set([0, 1, 2, 99_999_999].map(fixtureCode)).size).toBe(4);
  });
});
