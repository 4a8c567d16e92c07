import { randomInt } from 'node:crypto';

/**
 * Law 2's statistic (issue 5, "Done when"; docs/STATION.md §6, docs/SECURITY.md §11): how well
 * an attacker who holds the authentication log (every check-in of a branch, with its time)
 * and everything stored about the ballots can match voters to ballots by time or by order.
 *
 * A **join** gives each ballot a score the attacker can compute from what is stored — its
 * physical position in a table, the instant of the message or audit entry it can be tied
 * to — and the attacker pairs the i-th voter to check in with the ballot of i-th smallest
 * score (ties broken at random: nothing tells them apart). Two statistics per join:
 *
 * - `exact`: voters paired with their own ballot. Under chance (scores independent of the
 *   order of casting) the pairing is a uniformly random permutation, so `exact` ~
 *   Binomial(N, 1/N) (mean 1). The join passes when `exact` is below the smallest c with
 *   P[Binomial(N, 1/N) ≥ c] ≤ α / joins (Bonferroni).
 * - `z = ρ·√(N−1)`: Spearman's rank correlation between check-in rank and score (mid-ranks
 *   for ties). Under chance z is ≈ N(0, 1); it catches a coarse leak — batches of
 *   consecutive voters, a mixing pool — that pairs few voters exactly yet orders them well.
 *   The join passes when |z| < the two-sided normal quantile of α / joins.
 *
 * Ballots the join cannot place get one common score (a tie): the attacker learns nothing.
 */
export interface LinkageResult {
  readonly join: string;
  readonly n: number;
  readonly exact: number;
  readonly exactLimit: number;
  readonly z: number;
  readonly zLimit: number;
  readonly passes: boolean;
}

/** log C(n, k) by sums of logs (n is a branch's voters: a few thousand at most). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i += 1) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P[X ≥ c] for X ~ Binomial(n, p). */
export function binomialTail(n: number, p: number, c: number): number {
  let total = 0;
  for (let k = Math.max(0, c); k <= n; k += 1) {
    const term = Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
    total += term;
    if (k > n * p && term < total * 1e-17) break;
  }
  return Math.min(1, total);
}

/** The smallest c with P[Binomial(n, 1/n) ≥ c] ≤ alpha: `exact` must stay below it. */
export function exactLimit(n: number, alpha: number): number {
  let c = 1;
  while (binomialTail(n, 1 / n, c) > alpha) c += 1;
  return c;
}

/** The two-sided standard normal quantile for alpha (bisection on erfc). */
export function zLimit(alpha: number): number {
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200; i += 1) {
    const mid = (lo + hi) / 2;
    if (erfc(mid / Math.SQRT2) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Complementary error function (Numerical Recipes' erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851499 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Mid-ranks (1-based) of the scores: tied scores share the mean of their ranks. */
function midRanks(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => a.s - b.s);
  const ranks = new Array<number>(scores.length).fill(0);
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && order[j + 1]?.s === order[k]?.s) j += 1;
    const mean = (k + j) / 2 + 1;
    for (let m = k; m <= j; m += 1) {
      const entry = order[m];
      if (entry !== undefined) ranks[entry.i] = mean;
    }
    k = j + 1;
  }
  return ranks;
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i += 1) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

/**
 * The two statistics of one join. `ballotsInCheckInOrder[i]` is the tracking code of the
 * ballot the i-th voter to check in cast (the ground truth only the test knows); `score`
 * maps tracking codes to the join's score (absent: unplaced).
 */
export function linkageOf(
  join: string,
  ballotsInCheckInOrder: readonly string[],
  score: ReadonlyMap<string, number>,
  alpha: number,
  joins: number,
): LinkageResult {
  const n = ballotsInCheckInOrder.length;
  const unplaced = Number.MAX_SAFE_INTEGER;
  const scores = ballotsInCheckInOrder.map((code) => score.get(code) ?? unplaced);
  // The attacker's pairing: ballots by score, ties in a random order.
  const tieBreak = scores.map(() => randomInt(2 ** 47));
  const byScore = scores
    .map((s, voter) => ({ s, voter, t: tieBreak[voter] ?? 0 }))
    .sort((a, b) => a.s - b.s || a.t - b.t);
  let exact = 0;
  byScore.forEach((entry, position) => {
    if (entry.voter === position) exact += 1;
  });
  const rho = pearson(
    ballotsInCheckInOrder.map((_, i) => i + 1),
    midRanks(scores),
  );
  const z = rho * Math.sqrt(n - 1);
  const eLimit = exactLimit(n, alpha / joins);
  const zl = zLimit(alpha / joins);
  return {
    join,
    n,
    exact,
    exactLimit: eLimit,
    z,
    zLimit: zl,
    passes: exact < eLimit && Math.abs(z) < zl,
  };
}

/** Scores from an order: the position of each tracking code in `codes`. */
export function positions(codes: readonly string[]): Map<string, number> {
  return new Map(codes.map((c, i) => [c, i]));
}
