import { canonicalHash } from '../canonical.js';
import { err, ok, type Result } from '../result.js';
import { problem } from '../errors.js';
import type { Bilingual, Problem } from '../problem.js';

/**
 * Training mode (issue 8, docs/STATION.md "Training mode"): a sample election that voting
 * devices in training mode and the public "try the ballot" page use, unmistakably marked
 * (آموزشی / Training) on every screen and printout.
 *
 * Why a training ballot can never count — structurally, not by a flag someone must remember:
 * - its election is this sample, whose hash (`TRAINING_ELECTION_HASH`) is no real election's,
 *   so every device message made in training mode names another election and the access layer
 *   refuses it (law 4) — HQ refuses it first, by name, with TRAINING_BALLOT_REFUSED;
 * - its ballots are encrypted under the training context, a key drawn from a public seed, so
 *   their H_E is `TRAINING_EXTENDED_HASH`: the intake refuses any ballot carrying it, and the
 *   verifier of a real election refuses any ballot whose H_E is not that election's (V5);
 * - the training device has no outbox and a store of its own, in memory (station training/).
 */
export const TRAINING_MARK = 'sandogh/training/1';
export const TRAINING_ID = 'TRAINING';
/** The day every training ballot carries: no real election votes on it. */
export const TRAINING_DAY = '2000-01-01';
export const TRAINING_LABEL: Bilingual = { fa: 'آموزشی', en: 'Training' };

const candidateNames: readonly (readonly [string, string])[] = [
  ['نامزد نمونهٔ یکم', 'Sample candidate One'],
  ['نامزد نمونهٔ دوم', 'Sample candidate Two'],
  ['نامزد نمونهٔ سوم', 'Sample candidate Three'],
  ['نامزد نمونهٔ چهارم', 'Sample candidate Four'],
  ['نامزد نمونهٔ پنجم', 'Sample candidate Five'],
  ['نامزد نمونهٔ ششم', 'Sample candidate Six'],
];

/** The sample election: the shape of the real ballot (codes, names, a seat limit), nothing real. */
export const trainingSample = {
  mark: TRAINING_MARK,
  election: {
    id: TRAINING_ID,
    title: { fa: 'انتخابات آموزشی (نمونه)', en: 'Training election (sample)' },
    kind: 'majlis' as const,
    term: 12,
    round: 2 as const,
    votingDay: TRAINING_DAY,
    timeZone: 'Asia/Tehran',
    hours: { opens: '00:00', closes: '23:59', ministryExtensionLimitMinutes: 0 },
    minimumAge: 18,
  },
  contest: {
    id: TRAINING_ID,
    title: { fa: 'رای آموزشی', en: 'Training ballot' },
    candidateCodeLength: 3,
    maxSelections: 3,
  },
  candidates: candidateNames.map(([fa, en], i) => ({
    code: String(101 + i),
    name: { fa, en },
    photo: `training/${101 + i}.svg`,
  })),
  branch: {
    id: TRAINING_ID,
    name: { fa: 'شعبهٔ آموزشی', en: 'Training branch' },
    countyId: TRAINING_ID,
    zoneId: TRAINING_ID,
    zoneHqId: TRAINING_ID,
    kind: 'fixed' as const,
    address: 'آموزش — هیچ رایی شمرده نمی‌شود',
    expectedVoters: 0,
    itinerary: [],
  },
};

/** The training election's hash: what every training device message names as its election. */
export const TRAINING_ELECTION_HASH = canonicalHash(trainingSample);

/**
 * H_E of the training context (station training/context.ts derives it from the public seed;
 * its test checks it equals this constant). Every training ballot carries it.
 */
export const TRAINING_EXTENDED_HASH =
  '2ef3f6eb077fdfdbf94332e99a132b3d25764c4c0104ccbe4b2fa06b4d6464cb';

/** True when a signed device message was made in training mode. */
export function isTrainingMessage(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('message' in body)) return false;
  const message: unknown = body.message;
  return (
    typeof message === 'object' &&
    message !== null &&
    'election' in message &&
    message.election === TRAINING_ELECTION_HASH
  );
}

/** True when an encrypted ballot was made in training mode (its H_E, its branch or its day). */
export function isTrainingBallot(ballot: {
  readonly electionHash?: unknown;
  readonly branchId?: unknown;
  readonly day?: unknown;
}): boolean {
  return (
    ballot.electionHash === TRAINING_EXTENDED_HASH ||
    ballot.branchId === TRAINING_ID ||
    ballot.day === TRAINING_DAY
  );
}

export interface TriedBallot {
  readonly training: true;
  readonly label: Bilingual;
  /** In ballot order; a code entered twice counts once; empty is a blank ballot. */
  readonly chosen: readonly { readonly code: string; readonly name: Bilingual }[];
  readonly blank: boolean;
}

/**
 * The "try the ballot" rule (DESIGN §2 Casting, on the sample): unknown codes are refused,
 * at most `maxSelections`, a code twice counts once, none is a blank ballot.
 */
export function tryTrainingBallot(codes: readonly string[]): Result<TriedBallot, Problem> {
  const known = new Map(trainingSample.candidates.map((c) => [c.code, c]));
  const unique = [...new Set(codes)];
  for (const [index, code] of unique.entries())
    if (!known.has(code))
      return err(problem('TRAINING_CODE_UNKNOWN', { code: code.slice(0, 12) }, ['codes', index]));
  if (unique.length > trainingSample.contest.maxSelections)
    return err(
      problem('TRAINING_TOO_MANY', {
        count: unique.length,
        max: trainingSample.contest.maxSelections,
      }),
    );
  const chosen = trainingSample.candidates
    .filter((c) => unique.includes(c.code))
    .map((c) => ({ code: c.code, name: c.name }));
  return ok({ training: true, label: TRAINING_LABEL, chosen, blank: chosen.length === 0 });
}
