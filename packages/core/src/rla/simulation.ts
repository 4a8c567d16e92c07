import { evaluateRound, planAudit } from './bravo.js';
import type { AuditDecision, PaperVote, ReportedContest } from './bravo.js';
import { buildManifest, drawSample } from './sampler.js';
import type { BallotManifest } from './sampler.js';

/**
 * Simulated elections for measuring the audit (the RLA tests and bench/rla/): a population of
 * paper votes, an electronic report of it (right, or altered), and whole audits run through the
 * real planner, sampler and rounds. Pure and deterministic from its seeds.
 */

/** mulberry32: a small seeded generator, enough to make synthetic populations reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface PaperPopulation {
  readonly codes: readonly string[];
  /** One paper vote per ballot: bit c set when candidate c is marked (at most 32 candidates). */
  readonly ballots: Uint32Array;
  readonly manifest: BallotManifest;
  readonly maxSelections: number;
}

/**
 * N paper votes: blank with probability `blank`, otherwise each candidate c marked independently
 * with probability `markProbabilities[c]`, at most `maxSelections` marks kept (the first ones
 * in a random order), spread evenly over `branches` sealed boxes.
 */
export function paperPopulation(options: {
  readonly ballots: number;
  readonly branches: number;
  readonly markProbabilities: readonly number[];
  readonly blank: number;
  readonly maxSelections: number;
  readonly seed: number;
}): PaperPopulation {
  const random = seededRandom(options.seed);
  const codes = options.markProbabilities.map((_, i) => String(101 + i));
  const ballots = new Uint32Array(options.ballots);
  for (let b = 0; b < options.ballots; b++) {
    if (random() < options.blank) continue;
    const marked = options.markProbabilities.flatMap((p, c) => (random() < p ? [c] : []));
    for (let i = marked.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [marked[i], marked[j]] = [marked[j] ?? 0, marked[i] ?? 0];
    }
    let bits = 0;
    for (const c of marked.slice(0, options.maxSelections)) bits |= 1 << c;
    ballots[b] = bits >>> 0;
  }
  const per = Math.floor(options.ballots / options.branches);
  const manifest = buildManifest(
    Array.from({ length: options.branches }, (_, i) => ({
      branchId: `b${String(i + 1).padStart(4, '0')}`,
      ballots: i === options.branches - 1 ? options.ballots - per * (options.branches - 1) : per,
    })),
  );
  if (!manifest.ok) throw new Error('bad simulated manifest');
  return { codes, ballots, manifest: manifest.value, maxSelections: options.maxSelections };
}

/** The true count of the paper: what an accurate electronic record reports. */
export function trueReport(population: PaperPopulation, seats: number): ReportedContest {
  const votes = population.codes.map((code, c) => {
    let count = 0;
    for (const bits of population.ballots) if ((bits >>> c) & 1) count++;
    return { code, votes: count };
  });
  const winners = [...votes]
    .sort((a, b) => b.votes - a.votes || (a.code < b.code ? -1 : 1))
    .slice(0, seats)
    .map((v) => v.code);
  return { ballotsCast: population.ballots.length, votes, winners };
}

/**
 * An altered electronic record: the votes of the paper's last winner and first loser swapped,
 * so the report names a winner the paper does not (the attack the audit must catch).
 */
export function swappedReport(truth: ReportedContest, seats: number): ReportedContest {
  const ranked = [...truth.votes].sort((a, b) => b.votes - a.votes || (a.code < b.code ? -1 : 1));
  const lastWinner = ranked[seats - 1];
  const firstLoser = ranked[seats];
  if (lastWinner === undefined || firstLoser === undefined) throw new Error('too few candidates');
  const votes = truth.votes.map((v) =>
    v.code === lastWinner.code
      ? { code: v.code, votes: firstLoser.votes }
      : v.code === firstLoser.code
        ? { code: v.code, votes: lastWinner.votes }
        : v,
  );
  const winners = truth.winners.map((w) => (w === lastWinner.code ? firstLoser.code : w));
  return { ...truth, votes, winners };
}

export interface AuditTrial {
  readonly decision: AuditDecision;
  readonly rounds: number;
  readonly drawn: number;
  readonly risk: number;
}

function paperVote(population: PaperPopulation, index: number): PaperVote {
  const bits = population.ballots[index] ?? 0;
  return population.codes.filter((_, c) => (bits >>> c) & 1);
}

/** One whole audit: plan, then rounds of draws read from the paper, until a decision ends it. */
export function runAudit(
  population: PaperPopulation,
  reported: ReportedContest,
  riskLimit: number,
  seed: string,
): AuditTrial {
  const planned = planAudit({ riskLimit }, reported);
  if (!planned.ok) throw new Error(JSON.stringify(planned.error));
  const plan = planned.value;
  let decision = plan.initialDecision;
  const votes: PaperVote[] = [];
  let rounds = 0;
  let risk = 1;
  const { manifest } = population;
  while (decision.kind === 'another-round') {
    for (const s of drawSample(seed, manifest, votes.length + 1, decision.additionalDraws)) {
      const branch = manifest.branches.findIndex((b) => b.branchId === s.branchId);
      votes.push(paperVote(population, (manifest.starts[branch] ?? 0) + s.position - 1));
    }
    rounds += 1;
    const outcome = evaluateRound(plan, votes, rounds);
    decision = outcome.decision;
    risk = outcome.risk;
  }
  return { decision, rounds, drawn: votes.length, risk };
}
