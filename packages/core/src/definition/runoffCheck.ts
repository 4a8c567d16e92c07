import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { round1Winners, runoffCandidates, validateRound1Tally } from '../rounds.js';
import type { Round1Results } from './schema.js';

/**
 * A runoff definition must follow the law (DESIGN §2): its seats are those left open by
 * round 1, and its candidates are exactly the runoff list derived from the round-1 results —
 * with, where a tie spans the list's cut, exactly as many of the tied group as places remain.
 */
export function checkRunoffList(
  round1: Round1Results,
  seats: number,
  candidateCodes: readonly string[],
): Problem[] {
  const tally = validateRound1Tally(round1);
  if (!tally.ok) return tally.error.map((p) => ({ ...p, path: ['round1', ...(p.path ?? [])] }));
  const outcome = round1Winners(tally.value);
  const declared = round1.lotWinners ?? outcome.winners.map((c) => c.code);
  const derived = runoffCandidates(tally.value, declared);
  if (!derived.ok) {
    return derived.error.map((p) => ({
      ...p,
      path: ['round1', 'lotWinners', ...(p.path ?? []).slice(1)],
    }));
  }
  const list = derived.value;
  const out: Problem[] = [];
  if (list.remainingSeats !== seats) {
    out.push(
      problem(
        'DEFINITION_RUNOFF_MISMATCH',
        { reason: `seats ${seats} ≠ remaining ${list.remainingSeats}` },
        ['constituency', 'seats'],
      ),
    );
  }
  const defined = new Set(candidateCodes);
  const sure = new Set(list.candidates.map((c) => c.code));
  const tied = new Set(list.tiedAtCut?.candidates.map((c) => c.code) ?? []);
  const missing = [...sure].filter((code) => !defined.has(code));
  const strangers = [...defined].filter((code) => !sure.has(code) && !tied.has(code));
  const fromTie = [...defined].filter((code) => tied.has(code)).length;
  if (missing.length > 0) {
    out.push(
      problem('DEFINITION_RUNOFF_MISMATCH', { reason: `missing ${missing.join(', ')}` }, [
        'candidates',
      ]),
    );
  }
  if (strangers.length > 0) {
    out.push(
      problem('DEFINITION_RUNOFF_MISMATCH', { reason: `not on the list ${strangers.join(', ')}` }, [
        'candidates',
      ]),
    );
  }
  if (fromTie !== (list.tiedAtCut?.places ?? 0)) {
    out.push(
      problem(
        'DEFINITION_RUNOFF_MISMATCH',
        { reason: `${fromTie} of the tied group listed; ${list.tiedAtCut?.places ?? 0} places` },
        ['candidates'],
      ),
    );
  }
  return out;
}
