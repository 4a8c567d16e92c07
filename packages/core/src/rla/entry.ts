import { z } from 'zod';
import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';
import type { PaperVote } from './bravo.js';
import type { SampledBallot } from './sampler.js';

/**
 * Double entry of what each sampled paper vote shows (docs/RLA.md §Entry): two people read the
 * same paper and enter it independently; the entries count only when they agree. When they do
 * not, the paper is flagged for a third look, whose entry decides. The paper shows candidate
 * codes as the voting device printed them; a code entered twice counts once (DESIGN §2).
 */

export const paperEntry = z.strictObject({
  branchId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  position: z.int().min(1),
  /** The codes the paper shows; [] for a blank vote; null when the paper was not found. */
  marks: z
    .array(z.string().regex(/^[0-9]{1,12}$/))
    .max(1_000)
    .nullable(),
  /** Who entered it (staff id): the two entries of a paper must be by different people. */
  enteredBy: z.string().min(1).max(64),
});
export type PaperEntry = z.infer<typeof paperEntry>;

export interface EntryCheck {
  readonly candidates: ReadonlySet<string>;
  readonly maxSelections: number;
}

/** Checks and normalises one entry: known codes, at most maxSelections, sorted, each once. */
export function checkEntry(
  input: unknown,
  check: EntryCheck,
): Result<PaperEntry, readonly Problem[]> {
  const parsed = paperEntry.safeParse(input, { reportInput: true });
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const entry = parsed.data;
  if (entry.marks === null) return ok(entry);
  const marks = [...new Set(entry.marks)].sort();
  const unknown = marks.filter((code) => !check.candidates.has(code));
  if (unknown.length > 0)
    return err(unknown.map((code) => problem('RLA_ENTRY_UNKNOWN_CANDIDATE', { code }, ['marks'])));
  if (marks.length > check.maxSelections)
    return err([problem('RLA_ENTRY_TOO_MANY_MARKS', { maximum: check.maxSelections }, ['marks'])]);
  return ok({ ...entry, marks });
}

const key = (branchId: string, position: number): string => `${branchId}#${position}`;

function same(a: PaperEntry['marks'], b: PaperEntry['marks']): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((code, i) => code === b[i]);
}

export interface CombinedEntries {
  /** One paper vote per draw, in draw order, for every draw whose paper is agreed. */
  readonly votes: readonly (PaperVote | undefined)[];
  /** Papers whose two entries differ and have no third look yet. */
  readonly disagreements: readonly Problem[];
  /** Draws still without an agreed reading (not entered twice, or disagreeing). */
  readonly missing: number;
}

/**
 * Puts the entries together for a sample: a paper counts when its first and second entries
 * (by two different people) agree, or, after they disagree, as the third look reads it.
 * Entries for papers outside the sample are refused.
 */
export function combineEntries(
  sample: readonly SampledBallot[],
  first: readonly PaperEntry[],
  second: readonly PaperEntry[],
  third: readonly PaperEntry[] = [],
): Result<CombinedEntries, readonly Problem[]> {
  const sampled = new Set(sample.map((s) => key(s.branchId, s.position)));
  const index = (entries: readonly PaperEntry[]): Map<string, PaperEntry> =>
    new Map(entries.map((e) => [key(e.branchId, e.position), e]));
  const outside = [...first, ...second, ...third].filter(
    (e) => !sampled.has(key(e.branchId, e.position)),
  );
  if (outside.length > 0)
    return err(
      outside.map((e) =>
        problem('RLA_ENTRY_UNKNOWN_BALLOT', { branch: e.branchId, position: e.position }),
      ),
    );
  const [a, b, c] = [index(first), index(second), index(third)];
  const agreed = new Map<string, PaperEntry['marks']>();
  const disagreements: Problem[] = [];
  for (const k of sampled) {
    const one = a.get(k);
    const two = b.get(k);
    if (one === undefined || two === undefined) continue;
    if (one.enteredBy !== two.enteredBy && same(one.marks, two.marks)) {
      agreed.set(k, one.marks);
      continue;
    }
    const look = c.get(k);
    if (look !== undefined) agreed.set(k, look.marks);
    else
      disagreements.push(
        problem('RLA_ENTRIES_DISAGREE', { branch: one.branchId, position: one.position }),
      );
  }
  const votes = sample.map((s) => agreed.get(key(s.branchId, s.position)));
  return ok({ votes, disagreements, missing: votes.filter((v) => v === undefined).length });
}
