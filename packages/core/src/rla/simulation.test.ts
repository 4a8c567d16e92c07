import { describe, expect, it } from 'vitest';
import { paperPopulation, runAudit, swappedReport, trueReport } from './simulation.js';

/**
 * The quick version of bench/rla/ (docs/RLA.md §Measured): 16 seats, 32 candidates, 20,000
 * paper votes in 40 sealed boxes; the paper's 16th candidate is marked on 30% of ballots and the
 * 17th on 25%. Few seeded trials, so that the suite stays fast; the bench runs many.
 */
const RISK_LIMIT = 0.1;
const population = paperPopulation({
  ballots: 20_000,
  branches: 40,
  markProbabilities: [
    ...Array.from({ length: 16 }, (_, i) => 0.45 - i * 0.01),
    ...Array.from({ length: 16 }, (_, i) => 0.25 - i * 0.012),
  ],
  blank: 0.03,
  maxSelections: 16,
  seed: 1_403,
});
const truth = trueReport(population, 16);
const seedOf = (trial: number): string => `${'7'.repeat(18)}${String(trial).padStart(4, '0')}`;

describe('the audit on simulated elections', () => {
  it('stops with every pair below the risk limit when the electronic record is right', () => {
    for (let trial = 0; trial < 6; trial++) {
      const outcome = runAudit(population, truth, RISK_LIMIT, seedOf(trial));
      expect(outcome.decision).toEqual({ kind: 'stop' });
      expect(outcome.risk).toBeLessThan(RISK_LIMIT);
      expect(outcome.drawn).toBeLessThan(0.25 * 20_000);
    }
  });

  it('escalates to a full hand count in at least 1 − α of trials when the paper shows another winner', () => {
    const altered = swappedReport(truth, 16);
    expect(altered.winners).not.toEqual(truth.winners);
    const trials = 20;
    let handCounts = 0;
    for (let trial = 0; trial < trials; trial++)
      if (
        runAudit(population, altered, RISK_LIMIT, seedOf(trial)).decision.kind === 'full-hand-count'
      )
        handCounts++;
    expect(handCounts / trials).toBeGreaterThanOrEqual(1 - RISK_LIMIT);
  });
});
