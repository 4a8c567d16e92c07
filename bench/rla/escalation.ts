// The risk-limiting audit on simulated elections (issue 7, docs/RLA.md §Measured): how often the
// BRAVO audit stops when the electronic record is right, and how often it escalates to a full
// hand count when the paper shows a different winner (the record altered by swapping the
// paper's 16th and 17th candidates' votes). The guarantee to check: escalation in at least
// 1 − α of trials. Every trial runs the real planner, the SHA-256 sampler (a different public
// seed per trial) and the round decisions of packages/core/src/rla/.
//
//   node --import tsx bench/rla/escalation.ts
//
// Environment: TRIALS (default 200), SCENARIOS (comma list of names, default all).
import {
  paperPopulation,
  runAudit,
  swappedReport,
  trueReport,
} from '../../packages/core/src/rla/simulation.js';
import type { AuditTrial } from '../../packages/core/src/rla/simulation.js';

const TRIALS = Number(process.env['TRIALS'] ?? 200);
const ONLY = process.env['SCENARIOS']?.split(',');

interface Scenario {
  readonly name: string;
  readonly ballots: number;
  readonly branches: number;
  /** Paper marking rates: 16 winners then 16 losers. */
  readonly winnersFrom: number;
  readonly winnersStep: number;
  readonly losersFrom: number;
  readonly losersStep: number;
  readonly riskLimits: readonly number[];
}

const scenarios: Scenario[] = [
  {
    name: 'moderate',
    ballots: 20_000,
    branches: 40,
    winnersFrom: 0.45,
    winnersStep: 0.01,
    losersFrom: 0.25,
    losersStep: 0.012,
    riskLimits: [0.05, 0.1],
  },
  {
    name: 'tight',
    ballots: 200_000,
    branches: 400,
    winnersFrom: 0.43,
    winnersStep: 0.01,
    losersFrom: 0.26,
    losersStep: 0.012,
    riskLimits: [0.05],
  },
];

/** Wilson score interval's lower end, 95% one-sided (z = 1.645). */
function lowerBound(successes: number, n: number): number {
  const z = 1.645;
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return (centre - spread) / (1 + (z * z) / n);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function summary(trials: AuditTrial[]): Record<string, number | string> {
  const stops = trials.filter((t) => t.decision.kind === 'stop');
  const hand = trials.length - stops.length;
  return {
    trials: trials.length,
    stopped: stops.length,
    handCounts: hand,
    firstRound: stops.filter((t) => t.rounds === 1).length,
    maxRiskAtStop: Math.max(0, ...stops.map((t) => t.risk)).toFixed(4),
    medianDrawn: median(trials.map((t) => t.drawn)),
    meanDrawn: Math.round(trials.reduce((s, t) => s + t.drawn, 0) / trials.length),
  };
}

for (const scenario of scenarios) {
  if (ONLY !== undefined && !ONLY.includes(scenario.name)) continue;
  const started = performance.now();
  const population = paperPopulation({
    ballots: scenario.ballots,
    branches: scenario.branches,
    markProbabilities: [
      ...Array.from({ length: 16 }, (_, i) => scenario.winnersFrom - i * scenario.winnersStep),
      ...Array.from({ length: 16 }, (_, i) => scenario.losersFrom - i * scenario.losersStep),
    ],
    blank: 0.03,
    maxSelections: 16,
    seed: 1_403,
  });
  const truth = trueReport(population, 16);
  const altered = swappedReport(truth, 16);
  const ranked = [...truth.votes].sort((a, b) => b.votes - a.votes);
  console.log(
    `\n## ${scenario.name}: ${scenario.ballots} ballots in ${scenario.branches} boxes; paper's 16th ${ranked[15]?.votes}, 17th ${ranked[16]?.votes} votes`,
  );
  for (const riskLimit of scenario.riskLimits) {
    for (const [label, report] of [
      ['record right', truth],
      ['record altered (16th ↔ 17th)', altered],
    ] as const) {
      const trials: AuditTrial[] = [];
      const t0 = performance.now();
      for (let trial = 0; trial < TRIALS; trial++) {
        const seed = `${String(trial).padStart(8, '0')}31415926535897`;
        trials.push(runAudit(population, report, riskLimit, seed));
      }
      const s = summary(trials);
      const escalated = trials.length - trials.filter((t) => t.decision.kind === 'stop').length;
      const rate = label.startsWith('record altered')
        ? ` escalation rate ${(escalated / TRIALS).toFixed(3)} (95% lower bound ${lowerBound(escalated, TRIALS).toFixed(3)}; goal ≥ ${(1 - riskLimit).toFixed(2)})`
        : ` stop rate ${(Number(s['stopped']) / TRIALS).toFixed(3)}`;
      console.log(
        `α=${riskLimit} ${label}:${rate} ${JSON.stringify(s)} ${((performance.now() - t0) / TRIALS).toFixed(0)} ms/trial`,
      );
    }
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
