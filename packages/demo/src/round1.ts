import {
  round1Winners,
  runoffCandidates,
  validateRound1Tally,
  type Round1Results,
} from '@sandogh/core';
import { distinctPersonNames } from './names.js';
import { shuffled, stream, type Stream } from './prng.js';

/**
 * Round 1 of the 12th Majlis election in the Tehran constituency (11 Esfand 1402), invented
 * but shaped like the real one (DESIGN §2, background/iran-elections.md §3): 30 seats, about
 * 1.57 million valid ballots, a long tail of candidates, and exactly 14 over the 20% line — so
 * 16 seats go to a runoff between the next 32.
 */
export interface Round1Options {
  readonly seed: string;
  /** Digits in a candidate code (DESIGN §2: configurable); the runoff keeps round-1 codes. */
  readonly candidateCodeLength?: number;
  readonly candidates?: number;
}

export const ROUND1_SEATS = 30;
export const ROUND1_WINNERS = 14;
export const DEFAULT_ROUND1_CANDIDATES = 250;
export const DEFAULT_CODE_LENGTH = 4;

type Round1Candidate = Round1Results['candidates'][number];

export function generateRound1Results(options: Round1Options): Round1Results {
  const codeLength = options.candidateCodeLength ?? DEFAULT_CODE_LENGTH;
  const count = options.candidates ?? DEFAULT_ROUND1_CANDIDATES;
  const runoffSize = 2 * (ROUND1_SEATS - ROUND1_WINNERS);
  if (count < ROUND1_WINNERS + runoffSize + 1)
    throw new RangeError(`need more than ${ROUND1_WINNERS + runoffSize} round-1 candidates`);
  // Codes do not start with 0 (they are keyed on a keypad and read aloud), so a length allows 9·10^(L−1).
  const codeSpace = 9 * 10 ** (codeLength - 1);
  if (count > codeSpace / 2)
    throw new RangeError(`${count} candidates do not fit ${codeLength}-digit codes`);

  const rng = stream(options.seed, 'round1');
  // Real figure 1,569,857 (IRNA); the demo varies it a little per seed.
  const validBallots = rng.between(1_555_000, 1_585_000);
  const votes = voteCounts(rng, count, validBallots);

  const codes = new Set<string>();
  while (codes.size < count)
    codes.add(String(rng.between(10 ** (codeLength - 1), 10 ** codeLength - 1)));
  const names = distinctPersonNames(rng, count, 0.15);
  // Codes are handed out before the count, so they say nothing about the order of votes.
  const shuffledCodes = shuffled(rng, [...codes]);
  const candidates: Round1Candidate[] = votes.map((v, i) => ({
    code: shuffledCodes[i] ?? '',
    name: names[i] ?? { fa: '', en: '' },
    votes: v,
  }));
  return { seats: ROUND1_SEATS, validBallots, candidates };
}

/**
 * Vote counts, most first, all distinct (so no cut can tie): 14 over the 20% line, spread up to
 * 40%, then a Zipf-like tail x⁻¹ that bends to x⁻³ far down, jittered by ±8%. Only +, −, ×, ÷
 * on doubles (exactly rounded everywhere).
 */
function voteCounts(rng: Stream, count: number, validBallots: number): number[] {
  // 5·votes ≥ valid ballots is the law's 20% line in exact integers.
  const line = Math.ceil(validBallots / 5);
  const top = Math.floor((validBallots * 40) / 100);
  // u² crowds the winners toward the line, with a few far ahead.
  const winners = Array.from({ length: ROUND1_WINNERS }, () => {
    const u = rng.fraction();
    return line + 2_000 + Math.floor((top - line - 2_000) * u * u);
  });
  const tail: number[] = [];
  for (let rank = 0; rank < count - ROUND1_WINNERS; rank += 1) {
    const x = rank + 12;
    const bend = 1 + (x / 80) * (x / 80);
    const jitter = 0.92 + 0.16 * rng.fraction();
    tail.push(Math.max(1, Math.floor(((validBallots * 0.17 * 12) / x / bend) * jitter)));
  }
  const sorted = [...winners.sort((a, b) => b - a), ...tail.sort((a, b) => b - a)];
  // Make the order strict and keep every non-winner under the line.
  for (let i = 0; i < sorted.length; i += 1) {
    let v = sorted[i] ?? 0;
    if (i >= ROUND1_WINNERS) v = Math.min(v, line - 1);
    if (i > 0) v = Math.min(v, (sorted[i - 1] ?? 0) - 1);
    sorted[i] = v;
  }
  const last = sorted[sorted.length - 1] ?? 0;
  if (last < 1) throw new Error('round-1 tail ran out of votes');
  return sorted;
}

/**
 * The runoff derived by the law (DESIGN §2), through core's rules. The generated results never
 * tie at either cut; input that does is refused here rather than picked for the lot.
 */
export function deriveRunoff(results: Round1Results): {
  readonly winners: readonly Round1Candidate[];
  readonly runoff: readonly Round1Candidate[];
  readonly remainingSeats: number;
} {
  const tally = validateRound1Tally(results);
  if (!tally.ok)
    throw new Error(`round-1 results are invalid: ${tally.error.map((p) => p.code).join(', ')}`);
  const outcome = round1Winners(tally.value);
  if (outcome.tiedAtCut !== undefined)
    throw new Error(
      'a tie at the cut of the round-1 winners needs a lot; the demo generator does not draw one',
    );
  const list = runoffCandidates(
    tally.value,
    outcome.winners.map((c) => c.code),
  );
  if (!list.ok) throw new Error(`runoff list: ${list.error.map((p) => p.code).join(', ')}`);
  if (list.value.tiedAtCut !== undefined)
    throw new Error(
      'a tie at the cut of the runoff list needs a lot; the demo generator does not draw one',
    );
  const byCode = new Map(results.candidates.map((c) => [c.code, c]));
  const named = (code: string): Round1Candidate => {
    const found = byCode.get(code);
    if (found === undefined) throw new Error(`unknown candidate ${code}`);
    return found;
  };
  return {
    winners: outcome.winners.map((c) => named(c.code)),
    runoff: list.value.candidates.map((c) => named(c.code)),
    remainingSeats: list.value.remainingSeats,
  };
}
