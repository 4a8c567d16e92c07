// Recovering a count t from g^t (docs/CRYPTO.md §9.3) by baby-step giant-step, t ≤ bound.
// Not constant-time, and need not be: g^t is public once the board has decrypted it.
import { add, GENERATOR, IDENTITY, mul, scalarFromInt, sub } from './group.js';
import type { Element } from './group.js';
import { toHex } from './codec.js';

export class DiscreteLog {
  private readonly baby = new Map<string, number>();
  private readonly giant: Element;
  private readonly m: number;

  /**
   * One table serves every candidate. With `lookups` expected searches, m = √((bound+1)·lookups)
   * baby steps minimise the total m + lookups·(bound+1)/m group additions.
   */
  constructor(
    readonly bound: number,
    lookups = 1,
  ) {
    if (!Number.isSafeInteger(bound) || bound < 0)
      throw new RangeError('bound must be a non-negative integer');
    this.m = Math.max(
      1,
      Math.min(bound + 1, Math.ceil(Math.sqrt((bound + 1) * Math.max(1, lookups)))),
    );
    let p = IDENTITY;
    for (let j = 0; j < this.m; j++) {
      this.baby.set(toHex(p), j);
      p = add(p, GENERATOR);
    }
    this.giant = mul(GENERATOR, scalarFromInt(this.m));
  }

  /** t with g^t = y and 0 ≤ t ≤ bound, or null. */
  solve(y: Element): number | null {
    let gamma = y;
    for (let i = 0; i * this.m <= this.bound; i++) {
      const j = this.baby.get(toHex(gamma));
      if (j !== undefined) {
        const t = i * this.m + j;
        return t <= this.bound ? t : null;
      }
      gamma = sub(gamma, this.giant);
    }
    return null;
  }
}
