// Homomorphic totals (docs/CRYPTO.md §9.1): per candidate, the product of the selections of every
// cast ballot, kept as ballots arrive and combined up the geography (branch → zone → constituency).
// Elements are added as libsodium checks them: an invalid encoding throws instead of corrupting a total.
import { add, IDENTITY } from './group.js';
import type { Element } from './group.js';
import { fromHex, toHex } from './codec.js';
import type { CiphertextJson, EncryptedTally } from './elgamal.js';
import type { EncryptedBallot } from './ballotFormat.js';

export type { EncryptedTally } from './elgamal.js';

export class TallyAccumulator {
  private readonly alphas: Element[];
  private readonly betas: Element[];
  private count = 0;

  constructor(readonly candidateCount: number) {
    this.alphas = Array.from({ length: candidateCount }, () => IDENTITY);
    this.betas = Array.from({ length: candidateCount }, () => IDENTITY);
  }

  static fromJson(t: EncryptedTally): TallyAccumulator {
    const acc = new TallyAccumulator(t.totals.length);
    acc.addTally(t);
    return acc;
  }

  get ballotCount(): number {
    return this.count;
  }

  private addColumn(list: readonly CiphertextJson[]): void {
    if (list.length !== this.candidateCount)
      throw new RangeError(`expected ${this.candidateCount} ciphertexts, got ${list.length}`);
    list.forEach((c, i) => {
      this.alphas[i] = add(this.alphas[i] ?? IDENTITY, fromHex(c.alpha, 32) as Element);
      this.betas[i] = add(this.betas[i] ?? IDENTITY, fromHex(c.beta, 32) as Element);
    });
  }

  addBallot(b: EncryptedBallot): this {
    this.addColumn(b.selections);
    this.count += 1;
    return this;
  }

  addTally(t: EncryptedTally): this {
    this.addColumn(t.totals);
    this.count += t.ballotCount;
    return this;
  }

  merge(other: TallyAccumulator): this {
    return this.addTally(other.toJson());
  }

  toJson(): EncryptedTally {
    return {
      ballotCount: this.count,
      totals: this.alphas.map((a, i) => ({
        alpha: toHex(a),
        beta: toHex(this.betas[i] ?? IDENTITY),
      })),
    };
  }
}

/** Σ of a list of ballots, as a branch's closing report states it (check V13 recomputes it). */
export function sumBallots(
  candidateCount: number,
  ballots: readonly EncryptedBallot[],
): EncryptedTally {
  const acc = new TallyAccumulator(candidateCount);
  for (const b of ballots) acc.addBallot(b);
  return acc.toJson();
}
