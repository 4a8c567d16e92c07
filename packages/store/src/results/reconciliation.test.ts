import { expect, it } from 'vitest';
import fc from 'fast-check';
import { initialLifecycle, reconcileBranches, type BranchLifecycle } from '@sandogh/core';
import { stationDb } from '../ballots/tables.js';
import { writeBranchLifecycle } from '../branches/lifecycle.js';
import { pollbookDb } from '../pollbook/tables.js';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import type { Store } from '../store.js';
import {
  listBranchCounts,
  listFlagDecisions,
  reconciliationInputs,
  recordFlagDecision,
  storeBranchCounts,
} from './reconciliation.js';
import { resultsDb } from './tables.js';

const definition = tinyDefinition();
const at = '2024-05-10T18:30:00.000Z';
const hex = (s: string) => Buffer.from(s).toString('hex').padEnd(64, '0').slice(0, 64);

interface Faults {
  /** A ballot lost between the station and HQ: HQ's count and the decryption both one short. */
  readonly missing: boolean;
  /** One more abandoned card: the device's counter feeds HQ's figure and the report alike. */
  readonly extraAbandoned: boolean;
  /** The signed report's cast count disagrees with HQ's. */
  readonly reportDisagrees: boolean;
  /** The decrypted total's ballot count differs from the ballots received. */
  readonly decryptedDiffers: boolean;
}

/** One branch's day as HQ would hold it: `voters` cast, `left` abandoned, with the faults. */
async function branchDay(
  store: Store,
  election: string,
  branch: string,
  voters: number,
  left: number,
  faults: Faults,
): Promise<void> {
  const pb = pollbookDb(store.db);
  const people = voters + left;
  for (let i = 0; i < people; i++) {
    await pb
      .insertInto('pollbook_marks')
      .values({
        election_id: election,
        national_code: `${branch}-${i}`.padStart(10, '0').slice(-10) + election,
        branch_id: branch,
        marked_at: at,
        mode: 'online',
        decision: null,
        message_id: `${election}-${branch}-m${i}`,
        cards_issued: 1,
      })
      .execute();
  }
  const abandoned = left + (faults.extraAbandoned ? 1 : 0);
  for (let i = 0; i < voters + abandoned; i++)
    await pb
      .insertInto('pollbook_cards')
      .values({
        election_id: election,
        token_hash: hex(`${election}/${branch}/card/${i}`),
        branch_id: branch,
        device_serial: `${branch}-v`,
        expires_window: at,
        state: i < voters ? 'used' : 'abandoned',
      })
      .execute();
  const received = voters - (faults.missing ? 1 : 0);
  for (let i = 0; i < received; i++)
    await stationDb(store.db)
      .insertInto('ballots')
      .values({
        election_id: election,
        tracking_code: hex(`${election}/${branch}/ballot/${i}`),
        branch_id: branch,
        day: '2024-05-10',
        document: '{}',
      })
      .execute();
  const state: BranchLifecycle = {
    ...initialLifecycle(),
    phase: 'received',
    reports: [
      {
        stop: 0,
        authenticated: people,
        cast: voters + (faults.reportDisagrees ? 1 : 0),
        abandoned,
        provisional: 0,
      },
    ],
  };
  expect(await writeBranchLifecycle(store.db, election, branch, state, 0, at)).toBe(true);
  const ballotCount = received + (faults.decryptedDiffers ? 1 : 0);
  const counts = definition.candidates.map((_, k) => (k === 0 ? ballotCount : 0));
  const stored = await storeBranchCounts(
    store,
    election,
    definition,
    [{ branchId: branch, ballotCount, counts }],
    'hq-1',
    at,
  );
  expect(stored.ok).toBe(true);
}

const faultArb = fc.record({
  missing: fc.boolean(),
  extraAbandoned: fc.boolean(),
  reportDisagrees: fc.boolean(),
  decryptedDiffers: fc.boolean(),
});

function expectedCodes(f: Faults): string[] {
  return [
    ...(f.extraAbandoned ? ['RECONCILE_AUTHENTICATED'] : []),
    ...(f.missing ? ['RECONCILE_RECEIVED'] : []),
    ...(f.reportDisagrees ? ['RECONCILE_TALLY_REPORT'] : []),
    ...(f.decryptedDiffers ? ['RECONCILE_DECRYPTED'] : []),
  ];
}

async function totalRows(store: Store): Promise<number> {
  const db = resultsDb(store.db);
  const a = await db
    .selectFrom('flag_decisions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const b = await db
    .selectFrom('branch_decrypted_counts')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(a.n) + Number(b.n);
}

describeEachEngine('reconciliation at the HQ', (ctx) => {
  it('flags exactly the injected faults of each branch, from what HQ holds (law 5)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ voters: fc.integer({ min: 1, max: 4 }), left: fc.nat(2), faults: faultArb }),
          { minLength: 1, maxLength: 4 },
        ),
        async (days) => {
          const election = `e-${run++}`;
          const branches = definition.branches.slice(0, days.length).map((b) => b.id);
          for (const [i, d] of days.entries())
            await branchDay(ctx.store, election, branches[i] ?? '', d.voters, d.left, d.faults);
          const inputs = await reconciliationInputs(ctx.store.db, election);
          expect(inputs.map((i) => i.branchId)).toEqual(branches);
          const report = reconcileBranches(inputs);
          if (!report.ok) throw new Error('inputs refused');
          for (const [i, d] of days.entries()) {
            const flags = report.value.branches[i]?.flags ?? [];
            expect(flags.map((f) => f.code).sort()).toEqual(expectedCodes(d.faults).sort());
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('keeps decrypted counts once stored: a retry is unchanged, other values are refused', async () => {
    const [b1, b2] = definition.branches.map((b) => b.id);
    const entry = { branchId: b1 ?? '', ballotCount: 3, counts: [2, 1, 0, 3] };
    const first = await storeBranchCounts(ctx.store, 'e1', definition, [entry], 'hq-1', at);
    expect(first).toEqual({ ok: true, value: { stored: 1, unchanged: 0 } });
    const again = await storeBranchCounts(ctx.store, 'e1', definition, [entry], 'hq-1', at);
    expect(again).toEqual({ ok: true, value: { stored: 0, unchanged: 1 } });
    const before = await totalRows(ctx.store);
    const conflicting = await storeBranchCounts(
      ctx.store,
      'e1',
      definition,
      [
        { branchId: b2 ?? '', ballotCount: 1, counts: [1, 0, 0, 0] },
        { ...entry, counts: [3, 0, 0, 3] },
      ],
      'hq-1',
      at,
    );
    expect(conflicting).toMatchObject({
      ok: false,
      error: [{ code: 'RESULTS_BRANCH_COUNTS_CONFLICT' }],
    });
    const bad = await storeBranchCounts(
      ctx.store,
      'e1',
      definition,
      [
        { branchId: 'nowhere', ballotCount: 1, counts: [1, 0, 0, 0] },
        { branchId: b2 ?? '', ballotCount: 1, counts: [1, 0, 0] },
        { branchId: b2 ?? '', ballotCount: 1, counts: [2, 0, 0, 0] },
        { branchId: b2 ?? '', ballotCount: 1, counts: [1, 1, 1, 0] },
      ],
      'hq-1',
      at,
    );
    expect(bad.ok ? [] : bad.error.map((p) => p.code)).toEqual([
      'RESULTS_UNKNOWN_BRANCH',
      'RESULTS_CANDIDATES_MISMATCH',
      'RESULTS_DUPLICATE_BRANCH',
      'RESULTS_COUNTS_IMPOSSIBLE',
      'RESULTS_DUPLICATE_BRANCH',
      'RESULTS_COUNTS_IMPOSSIBLE',
    ]);
    expect(await totalRows(ctx.store)).toBe(before);
    expect(await listBranchCounts(ctx.store.db, 'e1')).toMatchObject([
      {
        branchId: b1,
        ballotCount: 3,
        counts: [
          { code: '31', votes: 2 },
          { code: '12', votes: 1 },
          { code: '47', votes: 0 },
          { code: '20', votes: 3 },
        ],
      },
    ]);
  });

  it('appends decisions on a flag as a history; none is overwritten', async () => {
    const draft = {
      branchId: 'b-001',
      code: 'RECONCILE_TALLY_REPORT' as const,
      field: 'cast',
      decision: 'recount-ordered' as const,
      reason: 'the board recounts the paper votes',
      numbers: { reported: 4, expected: 3 },
      decidedBy: 'sup-1',
      decidedAt: at,
    };
    expect(await recordFlagDecision(ctx.store, 'e9', draft)).toMatchObject({
      ok: true,
      value: { sequence: 1 },
    });
    expect(
      await recordFlagDecision(ctx.store, 'e9', {
        ...draft,
        decision: 'explained',
        reason: 'the recount found 3',
      }),
    ).toMatchObject({ ok: true, value: { sequence: 2 } });
    await recordFlagDecision(ctx.store, 'e9', { ...draft, field: 'abandoned' });
    const all = await listFlagDecisions(ctx.store.db, 'e9');
    expect(all.map((d) => [d.field, d.sequence, d.decision])).toEqual([
      ['abandoned', 1, 'recount-ordered'],
      ['cast', 1, 'recount-ordered'],
      ['cast', 2, 'explained'],
    ]);
    expect(all[1]?.numbers).toEqual({ reported: 4, expected: 3 });
  });

  it('never gives two racing decisions on one flag the same place in its history', async () => {
    const draft = {
      branchId: 'b-0002',
      code: 'RECONCILE_RECEIVED' as const,
      decision: 'explained' as const,
      reason: 'a ballot reached HQ after the count',
      numbers: {},
      decidedAt: at,
    };
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        recordFlagDecision(ctx.store, 'e8', { ...draft, decidedBy: `sup-${i}` }),
      ),
    );
    for (const r of results)
      if (!r.ok) expect(r.error.code).toBe('RESULTS_FLAG_DECISION_CONCURRENT');
    const won = results.flatMap((r) => (r.ok ? [r.value.sequence] : [])).sort();
    const stored = await listFlagDecisions(ctx.store.db, 'e8');
    expect(stored.map((d) => d.sequence)).toEqual(won);
    expect(won).toEqual(won.map((_, i) => i + 1));
    expect(won.length).toBeGreaterThan(0);
  });
});
