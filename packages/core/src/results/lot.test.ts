import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  commitToLot,
  drawLot,
  lotCommitmentOf,
  lotOrder,
  lotSeed,
  openLot,
  revealToLot,
  verifyLotRecord,
} from './lot.js';
import type { LotRecord, LotSession, LotTie } from './lot.js';

const script = fileURLToPath(new URL('../../../../scripts/lot-verify.mjs', import.meta.url));
const recordHash = 'ab'.repeat(32);
const tie: LotTie = { electionRecordHash: recordHash, tied: ['118', '116', '117'], places: 1 };

function value(n: number): string {
  return n.toString(16).padStart(64, '0');
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

function drawn(t: LotTie, members: readonly (readonly [string, string])[]): LotRecord {
  let session: LotSession = must(openLot(t));
  for (const [member, v] of members)
    session = must(
      commitToLot(session, { memberId: member, commitment: lotCommitmentOf(member, v) }),
    );
  for (const [member, v] of members)
    session = must(revealToLot(session, { memberId: member, value: v }));
  return must(drawLot(session));
}

function verifyWithScript(record: unknown): {
  status: number | null;
  verdict: { ok: boolean; order: string[]; problems: string[] };
} {
  const dir = mkdtempSync(join(tmpdir(), 'lot-'));
  const file = join(dir, 'lot.json');
  writeFileSync(file, JSON.stringify(record));
  const run = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  return { status: run.status, verdict: JSON.parse(run.stdout) as never };
}

const members = [
  ['exec-1', value(11)],
  ['sup-2', value(22)],
  ['exec-3', value(33)],
] as const;

describe('the verifiable lot', () => {
  it('draws the same order from the same reveals whatever their order of arrival', () => {
    const a = drawn(tie, members);
    const b = drawn(tie, [...members].reverse());
    expect(a.order).toEqual(b.order);
    expect(a.seed).toBe(b.seed);
    expect([...a.order].sort()).toEqual(['116', '117', '118']);
    expect(a.winners).toEqual(a.order.slice(0, 1));
  });

  it('is recomputed by the plain script, which also catches a forged order or reveal', () => {
    const record = drawn({ ...tie, tied: ['101', '102', '103', '104', '105'], places: 2 }, members);
    const good = verifyWithScript(record);
    expect(good.status).toBe(0);
    expect(good.verdict.order).toEqual(record.order);
    const forged = verifyWithScript({
      ...record,
      winners: [...record.order].reverse().slice(0, 2),
    });
    expect(forged.status).toBe(1);
    const badReveal = verifyWithScript({
      ...record,
      reveals: record.reveals.map((r, i) => (i === 0 ? { ...r, value: value(99) } : r)),
    });
    expect(badReveal.status).toBe(1);
    expect(badReveal.verdict.problems.join()).toContain('does not open the commitment');
    expect(execFileSync(process.execPath, ['--version'], { encoding: 'utf8' })).toMatch(/^v/);
  });

  test.prop(
    [
      fc.uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 2, maxLength: 12 }),
      fc.array(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), { minLength: 2, maxLength: 5 }),
    ],
    { numRuns: 25 },
  )('agrees with the plain script on any tie and any reveals', (codes, values) => {
    const t: LotTie = { electionRecordHash: recordHash, tied: codes.map(String), places: 1 };
    const record = drawn(
      t,
      values.map((v, i) => [`m${i}`, v.toString(16).padStart(64, '0')] as const),
    );
    const run = verifyWithScript(record);
    expect(run.status).toBe(0);
    expect(run.verdict.order).toEqual(record.order);
  });

  test.prop([fc.integer({ min: 0, max: 2 }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })], {
    seed: 7,
    numRuns: 200,
  })('changing any revealed value changes the draw', (which, replacement) => {
    const changedValue = replacement.toString(16).padStart(64, '0');
    const original = drawn(tie, members);
    const t10: LotTie = { ...tie, tied: Array.from({ length: 10 }, (_, i) => String(101 + i)) };
    const changed = members.map(([m, v], i) => [m, i === which ? changedValue : v] as const);
    if (changedValue === members[which]?.[1]) return;
    expect(
      lotSeed(
        tie,
        changed.map(([memberId, v]) => ({ memberId, value: v })),
      ),
    ).not.toBe(original.seed);
    // Over 10 tied candidates there are 3,628,800 orders: a changed value changes the order.
    expect(drawn(t10, changed).order).not.toEqual(drawn(t10, members).order);
  });

  it('draws each order of three tied candidates about equally often (no modulo bias)', () => {
    const seen = new Map<string, number>();
    const trials = 6_000;
    for (let i = 0; i < trials; i++) {
      const order = lotOrder(['1', '2', '3'], lotSeed(tie, [{ memberId: 'm', value: value(i) }]));
      seen.set(order.join(), (seen.get(order.join()) ?? 0) + 1);
    }
    expect(seen.size).toBe(6);
    // Each count is Binomial(6000, 1/6): mean 1000, sd ≈ 29; 5 sd either side.
    for (const count of seen.values()) expect(Math.abs(count - 1_000)).toBeLessThan(145);
  });

  it('refuses a reveal that does not open its commitment, and draws only when all revealed', () => {
    let session = must(openLot(tie));
    for (const [m, v] of members)
      session = must(commitToLot(session, { memberId: m, commitment: lotCommitmentOf(m, v) }));
    expect(revealToLot(session, { memberId: 'exec-1', value: value(12) })).toMatchObject({
      ok: false,
      error: [{ code: 'LOT_REVEAL_MISMATCH' }],
    });
    expect(revealToLot(session, { memberId: 'nobody', value: value(1) })).toMatchObject({
      error: [{ code: 'LOT_NOT_COMMITTED' }],
    });
    session = must(revealToLot(session, { memberId: 'exec-1', value: value(11) }));
    expect(revealToLot(session, { memberId: 'exec-1', value: value(11) })).toMatchObject({
      error: [{ code: 'LOT_REVEAL_DUPLICATE' }],
    });
    expect(
      commitToLot(session, { memberId: 'late', commitment: lotCommitmentOf('late', value(5)) }),
    ).toMatchObject({ error: [{ code: 'LOT_COMMITMENTS_CLOSED' }] });
    expect(drawLot(session)).toMatchObject({ error: [{ code: 'LOT_REVEALS_INCOMPLETE' }] });
  });

  it('refuses a tie that is not one, and a lone member', () => {
    expect(openLot({ ...tie, places: 3 })).toMatchObject({ error: [{ code: 'LOT_TIE_INVALID' }] });
    expect(openLot({ ...tie, tied: ['116', '116', '117'] })).toMatchObject({ ok: false });
    expect(openLot({ ...tie, electionRecordHash: 'xyz' })).toMatchObject({ ok: false });
    let session = must(openLot(tie));
    session = must(
      commitToLot(session, { memberId: 'a', commitment: lotCommitmentOf('a', value(1)) }),
    );
    expect(revealToLot(session, { memberId: 'a', value: value(1) })).toMatchObject({
      error: [{ code: 'LOT_TOO_FEW_MEMBERS' }],
    });
  });

  it('replays a published record, and refuses one whose winners or reveals were changed', () => {
    const record = drawn(tie, members);
    expect(verifyLotRecord(record)).toMatchObject({ ok: true, value: { seed: record.seed } });
    expect(verifyLotRecord({ ...record, winners: ['999'] })).toMatchObject({
      ok: false,
      error: [{ code: 'LOT_TIE_INVALID' }],
    });
    const changed = record.reveals.map((r, i) => (i === 1 ? { ...r, value: value(5) } : r));
    expect(verifyLotRecord({ ...record, reveals: changed })).toMatchObject({
      error: [{ code: 'LOT_REVEAL_MISMATCH' }],
    });
    expect(verifyLotRecord(null)).toMatchObject({ ok: false });
  });

  it('reproduces the worked example of docs/RESULTS.md', () => {
    const record = drawn(tie, members);
    expect(lotCommitmentOf('exec-1', value(11))).toBe(record.commitments[0]?.commitment);
    expect({ seed: record.seed, order: record.order }).toEqual(WORKED_EXAMPLE);
  });
});

/** Pinned so that any change to the algorithm shows here and in the documentation. */
const WORKED_EXAMPLE = {
  seed: 'b3f159a538d815f8c624556a4036f6ab9a6404f1697307945255ee32a3ba4aa0',
  order: ['116', '118', '117'],
};
