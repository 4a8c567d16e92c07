import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildManifest,
  checkSeed,
  drawSample,
  locate,
  retrievalLists,
  sampleIndex,
} from './sampler.js';
import type { BallotManifest } from './sampler.js';

const SEED = '38472910564738291056';

function manifest(input: unknown): BallotManifest {
  const built = buildManifest(input);
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
}

/** The documented sampler, written again with node:crypto as anyone would (docs/RLA.md). */
function independentIndex(seed: string, k: number, n: number): number {
  const hex = createHash('sha256').update(`${seed},${k}`, 'utf8').digest('hex');
  return Number(BigInt(`0x${hex}`) % BigInt(n));
}

describe('the public audit sampler', () => {
  it('is reproduced by anyone with SHA-256 and big integers', () => {
    for (const n of [1, 7, 1_000, 552_000])
      for (let k = 1; k <= 50; k++)
        expect(sampleIndex(SEED, k, n)).toBe(independentIndex(SEED, k, n));
  });

  it('maps an index to the branch and the position in its sealed box, branches by id', () => {
    const m = manifest([
      { branchId: 'b2', ballots: 3 },
      { branchId: 'b1', ballots: 2 },
      { branchId: 'b0', ballots: 0 },
      { branchId: 'b3', ballots: 1 },
    ]);
    expect([0, 1, 2, 3, 4, 5].map((i) => locate(m, i))).toEqual([
      { branchId: 'b1', position: 1 },
      { branchId: 'b1', position: 2 },
      { branchId: 'b2', position: 1 },
      { branchId: 'b2', position: 2 },
      { branchId: 'b2', position: 3 },
      { branchId: 'b3', position: 1 },
    ]);
  });

  it('draws every ballot about equally often', () => {
    const m = manifest([
      { branchId: 'a', ballots: 3 },
      { branchId: 'b', ballots: 7 },
    ]);
    const seen = new Map<string, number>();
    for (const s of drawSample(SEED, m, 1, 10_000)) {
      const k = `${s.branchId}${s.position}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    expect(seen.size).toBe(10);
    // Binomial(10000, 0.1): mean 1000, sd 30; 5 sd either side.
    for (const count of seen.values()) expect(Math.abs(count - 1_000)).toBeLessThan(150);
  });

  it('continues a sample across rounds: draws k…k+n−1 are the same whenever they are made', () => {
    const m = manifest([{ branchId: 'x', ballots: 500 }]);
    expect([...drawSample(SEED, m, 1, 10), ...drawSample(SEED, m, 11, 5)]).toEqual(
      drawSample(SEED, m, 1, 15),
    );
    expect(drawSample('38472910564738291057', m, 1, 10)).not.toEqual(drawSample(SEED, m, 1, 10));
  });

  it('lists what to retrieve per branch, each paper once with the draws that chose it', () => {
    const lists = retrievalLists([
      { draw: 1, branchId: 'b2', position: 9 },
      { draw: 2, branchId: 'b1', position: 4 },
      { draw: 3, branchId: 'b2', position: 2 },
      { draw: 4, branchId: 'b2', position: 9 },
    ]);
    expect(lists).toEqual([
      { branchId: 'b1', items: [{ position: 4, draws: [2] }] },
      {
        branchId: 'b2',
        items: [
          { position: 2, draws: [3] },
          { position: 9, draws: [1, 4] },
        ],
      },
    ]);
  });

  it('refuses a short seed, a repeated branch and an empty manifest', () => {
    expect(checkSeed('123456')).toMatchObject({ ok: false, error: { code: 'RLA_SEED_INVALID' } });
    expect(checkSeed('۱۲۳')).toMatchObject({ ok: false });
    expect(checkSeed(SEED)).toMatchObject({ ok: true });
    expect(
      buildManifest([
        { branchId: 'a', ballots: 1 },
        { branchId: 'a', ballots: 2 },
      ]),
    ).toMatchObject({ ok: false });
    expect(buildManifest([{ branchId: 'a', ballots: 0 }])).toMatchObject({ ok: false });
    expect(buildManifest([{ branchId: 'a', ballots: -1 }])).toMatchObject({ ok: false });
  });
});
