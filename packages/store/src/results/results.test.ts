import { expect, it } from 'vitest';
import { lotCommitmentOf, type VersionSigner } from '@sandogh/core';
import { describeEachEngine } from '../testing/engines.js';
import { addLotEntry, drawStoredLot, drawnLots, openLotSession, startLot } from './lots.js';
import { addRlaEntry, decideRlaRound, openRla, startRla } from './rla.js';
import { resultsDb } from './tables.js';
import {
  appendResultVersion,
  latestResultVersion,
  listResultVersions,
  verifyStoredResults,
} from './versions.js';

const board: VersionSigner[] = [
  { staffId: 'sup-1', role: 'supervisory-board', signedAt: '2024-05-11T10:00:00.000Z' },
  { staffId: 'sup-2', role: 'supervisory-board', signedAt: '2024-05-11T10:01:00.000Z' },
];
const at = '2024-05-11T09:00:00.000Z';
const tie = { electionRecordHash: 'ab'.repeat(32), tied: ['116', '117', '118'], places: 1 };
const value = (n: number) => n.toString(16).padStart(64, '0');

describeEachEngine('results in the store', (ctx) => {
  it('appends versions in a chain; after certification only a signed correction', async () => {
    const draft = { reason: '', signers: [], createdAt: at };
    expect(
      await appendResultVersion(ctx.store, 'e1', { ...draft, state: 'partial' }, { n: 1 }),
    ).toMatchObject({ ok: true });
    expect(
      await appendResultVersion(ctx.store, 'e1', { ...draft, state: 'final' }, { n: 2 }),
    ).toMatchObject({ ok: true });
    const certified = await appendResultVersion(
      ctx.store,
      'e1',
      { state: 'certified', reason: 'certified', signers: board, createdAt: at },
      { n: 2 },
    );
    expect(certified).toMatchObject({ ok: true, value: { version: 3 } });
    expect(
      await appendResultVersion(ctx.store, 'e1', { ...draft, state: 'final' }, { n: 3 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'RESULTS_STATE_ORDER' },
    });
    const versions = await listResultVersions(ctx.store.db, 'e1');
    expect(versions.map((v) => v.state)).toEqual(['partial', 'final', 'certified']);
    expect((await latestResultVersion(ctx.store.db, 'e1'))?.version).toBe(3);
    expect(await verifyStoredResults(ctx.store.db, 'e1')).toEqual({ ok: true, value: 3 });
    expect(await listResultVersions(ctx.store.db, 'e2')).toEqual([]);
  });

  it('detects a certified result altered in place, and builds nothing on it', async () => {
    const signed = {
      state: 'certified' as const,
      reason: 'certified',
      signers: board,
      createdAt: at,
    };
    await appendResultVersion(
      ctx.store,
      'e1',
      { state: 'final', reason: '', signers: [], createdAt: at },
      { n: 1 },
    );
    await appendResultVersion(ctx.store, 'e1', signed, { winners: ['101'] });
    await resultsDb(ctx.store.db)
      .updateTable('result_versions')
      .set({ results: '{"winners":["999"]}' })
      .where('version', '=', 2)
      .execute();
    expect(await verifyStoredResults(ctx.store.db, 'e1')).toMatchObject({
      ok: false,
      error: { details: { version: 2, reason: 'results hash' } },
    });
    await resultsDb(ctx.store.db)
      .updateTable('result_versions')
      .set({ state: 'final' })
      .where('version', '=', 2)
      .execute();
    expect(await appendResultVersion(ctx.store, 'e1', signed, { winners: ['102'] })).toMatchObject({
      ok: false,
      error: { code: 'RESULTS_VERSION_CHAIN_BROKEN' },
    });
  });

  it('runs a lot session: commitments, reveals checked against them, the draw on the record', async () => {
    const opened = await startLot(ctx.store, 'e1', tie);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(await startLot(ctx.store, 'e1', tie)).toMatchObject({ ok: false });
    const id = opened.value.id;
    for (const [m, n] of [
      ['exec-1', 11],
      ['sup-2', 22],
    ] as const)
      expect(
        await addLotEntry(ctx.store, id, 'commitment', {
          memberId: m,
          commitment: lotCommitmentOf(m, value(n)),
        }),
      ).toMatchObject({ ok: true });
    expect(
      await addLotEntry(ctx.store, id, 'commitment', {
        memberId: 'exec-1',
        commitment: lotCommitmentOf('exec-1', value(1)),
      }),
    ).toMatchObject({ error: [{ code: 'LOT_COMMITMENT_DUPLICATE' }] });
    expect(
      await addLotEntry(ctx.store, id, 'reveal', { memberId: 'exec-1', value: value(12) }),
    ).toMatchObject({
      error: [{ code: 'LOT_REVEAL_MISMATCH' }],
    });
    expect(
      await addLotEntry(ctx.store, id, 'reveal', { memberId: 'exec-1', value: value(11) }),
    ).toMatchObject({ ok: true });
    expect(await drawStoredLot(ctx.store, id)).toMatchObject({
      error: [{ code: 'LOT_REVEALS_INCOMPLETE' }],
    });
    expect(
      await addLotEntry(ctx.store, id, 'reveal', { memberId: 'sup-2', value: value(22) }),
    ).toMatchObject({ ok: true });
    const drawn = await drawStoredLot(ctx.store, id);
    expect(drawn).toMatchObject({ ok: true, value: { winners: [expect.any(String)] } });
    expect(await openLotSession(ctx.store.db, 'e1')).toBeUndefined();
    const published = await drawnLots(ctx.store.db, 'e1');
    expect(published).toHaveLength(1);
    expect(drawn.ok && published[0]?.seed).toBe(drawn.ok && drawn.value.seed);
    expect(
      await addLotEntry(ctx.store, id, 'reveal', { memberId: 'x', value: value(1) }),
    ).toMatchObject({
      error: [{ code: 'LOT_NO_TIE' }],
    });
  });

  it('keeps an audit: its rounds from the seed, two looks per paper, the decision', async () => {
    const start = {
      parameters: { riskLimit: 0.1 },
      seed: '12345678901234567890',
      reported: {
        ballotsCast: 1_000,
        votes: [
          { code: '101', votes: 700 },
          { code: '102', votes: 300 },
        ],
        winners: ['101'],
        maxSelections: 1,
      },
      manifest: [
        { branchId: 'b1', ballots: 600 },
        { branchId: 'b2', ballots: 400 },
      ],
    };
    expect(await startRla(ctx.store, 'e1', { ...start, seed: '123' })).toMatchObject({
      error: [{ code: 'RLA_SEED_INVALID' }],
    });
    expect(
      await startRla(ctx.store, 'e1', { ...start, manifest: [{ branchId: 'b1', ballots: 10 }] }),
    ).toMatchObject({ error: [{ code: 'RLA_PARAMETERS_INVALID' }] });
    const started = await startRla(ctx.store, 'e1', start);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    expect(await startRla(ctx.store, 'e1', start)).toMatchObject({ ok: false });
    const audit = started.value;
    expect(audit.sample).toHaveLength(audit.plan.initialSampleSize);
    const papers = [
      ...new Map(audit.sample.map((p) => [`${p.branchId}#${p.position}`, p])).values(),
    ];
    const [firstPaper] = papers;
    if (firstPaper === undefined) throw new Error('empty sample');
    const paper = { branchId: firstPaper.branchId, position: firstPaper.position, marks: ['101'] };
    expect(await addRlaEntry(ctx.store, audit, 'first', paper, 'ali')).toMatchObject({ ok: true });
    expect(await addRlaEntry(ctx.store, audit, 'first', paper, 'ali')).toMatchObject({ ok: false });
    expect(
      await addRlaEntry(ctx.store, audit, 'first', { ...paper, position: 100_000 }, 'ali'),
    ).toMatchObject({ error: [{ code: 'RLA_ENTRY_UNKNOWN_BALLOT' }] });
    const incomplete = await decideRlaRound(ctx.store, audit);
    expect(incomplete.ok ? [] : incomplete.error.map((p) => p.code)).toEqual([
      'RLA_ENTRIES_INCOMPLETE',
    ]);
    for (const p of papers.slice(1))
      await addRlaEntry(
        ctx.store,
        audit,
        'first',
        { branchId: p.branchId, position: p.position, marks: ['101'] },
        'ali',
      );
    for (const p of papers)
      await addRlaEntry(
        ctx.store,
        audit,
        'second',
        { branchId: p.branchId, position: p.position, marks: ['101'] },
        'sara',
      );
    const decided = await decideRlaRound(ctx.store, audit);
    expect(decided).toMatchObject({ ok: true, value: { decision: { kind: 'stop' } } });
    expect(await openRla(ctx.store.db, 'e1')).toBeUndefined();
  });
});
