import { problem } from '../errors.js';
import {
  formatJalaliNumeric,
  fromJalali,
  isoToJalali,
  jalaliMonthLength,
  type IsoDate,
} from '../jalali.js';
import type { NationalCode } from '../nationalCode.js';
import type { Problem } from '../problem.js';
import { assertNever, err, ok, type Result } from '../result.js';

/**
 * Who may vote (DESIGN §2 "Eligibility", issue 4): an Iranian citizen, alive, 18 full years old
 * on voting day, and — in a runoff — only in the constituency where they voted in round 1, or
 * anywhere if they did not vote in round 1. Pure: the poll book (check-and-mark), the station's
 * offline check and the tests all ask this one function.
 */

/** A person as the voter registry knows them (table `registry_voters`). */
export interface RegistryVoter {
  readonly nationalCode: NationalCode;
  /** Gregorian civil date 'YYYY-MM-DD' (the registry file may give it in Jalali). */
  readonly birthDate: string;
  readonly deceased: boolean;
  /** Gregorian civil date of death, when the civil registry reported one. */
  readonly deathDate: string | null;
  readonly citizen: boolean;
  /** Where they voted in round 1; null when they did not vote in round 1. */
  readonly round1Constituency: string | null;
}

export type EligibilityRefusal = 'under-age' | 'deceased' | 'not-citizen' | 'wrong-constituency';

export interface EligibilityAt {
  /** Gregorian civil date of voting day (the definition's `election.votingDay`). */
  readonly votingDay: string;
  readonly round: 1 | 2;
  /** The constituency of the branch the voter stands in. */
  readonly constituencyId: string;
  /** Full Jalali years required (the definition's `election.minimumAge`); 18 by default. */
  readonly minimumAge?: number;
}

const ageLines = new Map<string, IsoDate>();

/**
 * The last birth date that is old enough: voting day moved back `minimumAge` Jalali years
 * (DESIGN §9: age is counted in Jalali years — for the runoff of 21/02/1403, 21/02/1385, which
 * is 2006-05-11, a day later than the Gregorian count would give). Voting on 30 Esfand of a
 * leap year when the year of the line is common: the line is 29 Esfand, the last day of that
 * year. Born on 30 Esfand (a leap day) and voting on 29 Esfand of a common year: that person
 * is refused and comes of age the next day, 1 Farvardin — a year is full only once its
 * anniversary is reached, so no one is ever admitted a day early (same reading as
 * `ageInJalaliYears`). Cached: a poll book asks about the same voting day all day long.
 */
export function ageLine(votingDay: string, minimumAge = 18): IsoDate {
  const key = `${votingDay}|${minimumAge}`;
  const cached = ageLines.get(key);
  if (cached !== undefined) return cached;
  const day = isoToJalali(votingDay as IsoDate);
  const year = day.year - minimumAge;
  const line = fromJalali(year, day.month, Math.min(day.day, jalaliMonthLength(year, day.month)));
  ageLines.set(key, line);
  return line;
}

/**
 * Checked in this order, the first failure answers: deceased (a death record on a presented
 * document is the gravest signal to the desk), not a citizen, under age, then the runoff rule.
 * A recorded death date decides by itself (dead on or before voting day); the `deceased` flag
 * without a date counts as dead. ISO civil dates compare correctly as text.
 */
export function checkEligibility(
  voter: RegistryVoter,
  at: EligibilityAt,
): Result<void, EligibilityRefusal> {
  const dead = voter.deathDate !== null ? voter.deathDate <= at.votingDay : voter.deceased;
  if (dead) return err('deceased');
  if (!voter.citizen) return err('not-citizen');
  if (voter.birthDate > ageLine(at.votingDay, at.minimumAge)) return err('under-age');
  if (
    at.round === 2 &&
    voter.round1Constituency !== null &&
    voter.round1Constituency !== at.constituencyId
  ) {
    return err('wrong-constituency');
  }
  return ok(undefined);
}

/** The problem the operator reads to the voter for a refusal (DESIGN §9: one code, fa and en). */
export function eligibilityProblem(
  refusal: EligibilityRefusal,
  voter: RegistryVoter,
  at: EligibilityAt,
): Problem {
  switch (refusal) {
    case 'deceased':
      return problem('VOTER_DECEASED');
    case 'not-citizen':
      return problem('VOTER_NOT_CITIZEN');
    case 'under-age': {
      const line = ageLine(at.votingDay, at.minimumAge);
      const jalali = isoToJalali(line);
      return problem('VOTER_UNDER_AGE', {
        minimumAge: at.minimumAge ?? 18,
        ageLine: formatJalaliNumeric(jalali, 'en'),
        ageLineGregorian: line,
      });
    }
    case 'wrong-constituency':
      return problem('VOTER_WRONG_CONSTITUENCY', {
        round1Constituency: voter.round1Constituency ?? '',
      });
    default:
      return assertNever(refusal, 'eligibility refusal');
  }
}
