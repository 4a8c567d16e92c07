import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { electionVector, primitiveVectors } from './generate.js';
import { verifyRecord } from '../verifier.js';
import type { ElectionRecord } from '../record.js';

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'));

describe('known-answer vectors (docs/CRYPTO.md §13)', () => {
  it('primitives: transcript, ElGamal, Schnorr, Chaum–Pedersen, 0/1 proof, ballot, tracking code, Merkle root', () => {
    expect(JSON.parse(JSON.stringify(primitiveVectors()))).toEqual(load('primitives.json'));
  });

  it('a complete small election record, which the verifier accepts', async () => {
    const stored = load('election-small.json') as { record: ElectionRecord };
    expect(JSON.parse(JSON.stringify(electionVector()))).toEqual(stored);
    const report = await verifyRecord(stored.record, { workers: 0 });
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
    expect(stored.record.result.counts).toEqual([1, 2, 2]);
  });
});
