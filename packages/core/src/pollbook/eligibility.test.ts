import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  ageInJalaliYears,
  fromJalali,
  isJalaliLeapYear,
  isoToJalali,
  type IsoDate,
} from '../jalali.js';
import { makeNationalCode } from '../nationalCode.js';
import {
  ageLine,
  checkEligibility,
  eligibilityProblem,
  type RegistryVoter,
} from './eligibility.js';

const DAY = 86_400_000;
const FROM = Date.UTC(1930, 0, 1);
const TO = Date.UTC(2090, 11, 31);

const isoOf = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10) as IsoDate;
const plusDays = (iso: string, days: number): IsoDate =>
  isoOf(Date.parse(`${iso}T00:00:00Z`) + days * DAY);

const isoDate = fc
  .integer({ min: 0, max: Math.floor((TO - FROM) / DAY) })
  .map((d) => isoOf(FROM + d * DAY));
/** A voting day late enough that 18 years earlier is still inside the generated range. */
const votingDay = fc
  .integer({ min: 20 * 366, max: Math.floor((TO - FROM) / DAY) })
  .map((d) => isoOf(FROM + d * DAY));
const constituency = fc.constantFrom('tehran', 'karaj', 'qom');

function voter(overrides: Partial<RegistryVoter> = {}): RegistryVoter {
  return {
    nationalCode: makeNationalCode('001234567'),
    birthDate: '1980-01-01',
    deceased: false,
    deathDate: null,
    citizen: true,
    round1Constituency: null,
    ...overrides,
  };
}

const runoff = { votingDay: '2024-05-10', round: 2, constituencyId: 'tehran' } as const;

describe('18 full years on voting day (DESIGN §2, counted in Jalali years, §9)', () => {
  it('admits the runoff voter born on 21/02/1385 and refuses one born a day later', () => {
    expect(ageLine('2024-05-10')).toBe('2006-05-11');
    expect(checkEligibility(voter({ birthDate: '2006-05-11' }), runoff).ok).toBe(true);
    expect(checkEligibility(voter({ birthDate: '2006-05-12' }), runoff)).toEqual({
      ok: false,
      error: 'under-age',
    });
  });

  test.prop([isoDate, votingDay])(
    'is under age exactly when fewer than 18 full Jalali years have passed',
    (birthDate, day) => {
      const years = ageInJalaliYears(isoToJalali(birthDate), isoToJalali(day));
      const checked = checkEligibility(voter({ birthDate }), {
        votingDay: day,
        round: 1,
        constituencyId: 'tehran',
      });
      expect(checked.ok).toBe(years >= 18);
    },
  );

  test.prop([votingDay])('admits the last day of the line and refuses the next day', (day) => {
    const at = { votingDay: day, round: 1, constituencyId: 'tehran' } as const;
    const line = ageLine(day);
    expect(checkEligibility(voter({ birthDate: line }), at).ok).toBe(true);
    expect(checkEligibility(voter({ birthDate: plusDays(line, 1) }), at).ok).toBe(false);
    expect(ageInJalaliYears(isoToJalali(line), isoToJalali(day))).toBe(18);
  });

  test.prop([fc.integer({ min: 15, max: 25 }), votingDay])(
    'follows the definition’s minimum age',
    (minimumAge, day) => {
      const at = { votingDay: day, round: 1, constituencyId: 'tehran', minimumAge } as const;
      const line = ageLine(day, minimumAge);
      expect(ageInJalaliYears(isoToJalali(line), isoToJalali(day))).toBe(minimumAge);
      expect(checkEligibility(voter({ birthDate: plusDays(line, 1) }), at).ok).toBe(false);
    },
  );

  it('voting on 30 Esfand of a leap year: the whole year of the line is old enough', () => {
    const leap = [1399, 1403, 1408].find((y) => isJalaliLeapYear(y) && !isJalaliLeapYear(y - 18));
    if (leap === undefined) throw new Error('no leap year whose line falls in a common year');
    const day = fromJalali(leap, 12, 30);
    expect(ageLine(day)).toBe(fromJalali(leap - 18, 12, 29));
    const at = { votingDay: day, round: 1, constituencyId: 'tehran' } as const;
    expect(checkEligibility(voter({ birthDate: fromJalali(leap - 18, 12, 29) }), at).ok).toBe(true);
    expect(checkEligibility(voter({ birthDate: fromJalali(leap - 17, 1, 1) }), at).ok).toBe(false);
  });

  it('born on 30 Esfand (a leap day): comes of age on 1 Farvardin after a common Esfand', () => {
    const born = [1383, 1387, 1391].find((y) => isJalaliLeapYear(y) && !isJalaliLeapYear(y + 18));
    if (born === undefined) throw new Error('no leap birth year with a common 18th year');
    const birthDate = fromJalali(born, 12, 30);
    const on = (y: number, m: number, d: number) =>
      checkEligibility(voter({ birthDate }), {
        votingDay: fromJalali(y, m, d),
        round: 1,
        constituencyId: 'tehran',
      }).ok;
    expect(on(born + 18, 12, 29)).toBe(false);
    expect(on(born + 19, 1, 1)).toBe(true);
  });

  it('born on 29 February: a plain Jalali day (10 Esfand), no special case', () => {
    expect(isoToJalali('2008-02-29' as IsoDate)).toEqual({ year: 1386, month: 12, day: 10 });
    const at = (votingDay: string) => ({ votingDay, round: 1, constituencyId: 'x' }) as const;
    const leapling = voter({ birthDate: '2008-02-29' });
    expect(checkEligibility(leapling, at(fromJalali(1404, 12, 10))).ok).toBe(true);
    expect(checkEligibility(leapling, at(fromJalali(1404, 12, 9))).ok).toBe(false);
  });
});

describe('the death record', () => {
  test.prop([votingDay, fc.integer({ min: -4000, max: 4000 })])(
    'refuses a voter who died on or before voting day, not one who died after',
    (day, offset) => {
      const deathDate = plusDays(day, offset);
      const checked = checkEligibility(
        voter({ birthDate: '1901-01-01', deceased: true, deathDate }),
        {
          votingDay: day,
          round: 1,
          constituencyId: 'tehran',
        },
      );
      expect(checked.ok).toBe(offset > 0);
      if (!checked.ok) expect(checked.error).toBe('deceased');
    },
  );

  it('refuses a voter flagged deceased without a date', () => {
    expect(checkEligibility(voter({ deceased: true }), runoff)).toEqual({
      ok: false,
      error: 'deceased',
    });
  });
});

describe('the runoff rule', () => {
  test.prop([fc.option(constituency, { nil: null }), constituency, fc.constantFrom(1, 2)])(
    'a round-1 voter votes in the runoff only where they voted; anyone else anywhere',
    (round1Constituency, here, round) => {
      const checked = checkEligibility(voter({ round1Constituency }), {
        votingDay: '2024-05-10',
        round,
        constituencyId: here,
      });
      const refused = round === 2 && round1Constituency !== null && round1Constituency !== here;
      expect(checked).toEqual(
        refused ? { ok: false, error: 'wrong-constituency' } : { ok: true, value: undefined },
      );
    },
  );
});

describe('the refusals', () => {
  it('refuses a non-citizen', () => {
    expect(checkEligibility(voter({ citizen: false }), runoff)).toEqual({
      ok: false,
      error: 'not-citizen',
    });
  });

  it('answers the gravest reason first: deceased, citizenship, age, constituency', () => {
    const all = voter({
      deceased: true,
      citizen: false,
      birthDate: '2010-01-01',
      round1Constituency: 'karaj',
    });
    expect(checkEligibility(all, runoff)).toEqual({ ok: false, error: 'deceased' });
    expect(checkEligibility({ ...all, deceased: false }, runoff)).toEqual({
      ok: false,
      error: 'not-citizen',
    });
    expect(checkEligibility({ ...all, deceased: false, citizen: true }, runoff)).toEqual({
      ok: false,
      error: 'under-age',
    });
  });

  it('gives the operator a catalogued message in Persian and English', () => {
    const young = voter({ birthDate: '2006-05-12', round1Constituency: 'karaj' });
    const age = eligibilityProblem('under-age', young, runoff);
    expect(age.code).toBe('VOTER_UNDER_AGE');
    expect(age.message.en).toContain('1385/02/21, Gregorian 2006-05-11');
    expect(age.message.fa).toContain('1385/02/21');
    const where = eligibilityProblem('wrong-constituency', young, runoff);
    expect(where.code).toBe('VOTER_WRONG_CONSTITUENCY');
    expect(where.message.en).toContain('karaj');
    for (const refusal of ['deceased', 'not-citizen'] as const) {
      const p = eligibilityProblem(refusal, young, runoff);
      expect(p.message.fa).toMatch(/[\u0600-\u06FF]/);
      expect(p.message.en).not.toContain('{');
      expect(JSON.stringify(p)).not.toContain(young.nationalCode);
    }
  });
});
