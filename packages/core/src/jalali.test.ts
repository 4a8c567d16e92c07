import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { IsoDate, JalaliDate } from './jalali.js';
import {
  ageInJalaliYears,
  compareJalali,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliNumeric,
  fromJalali,
  isEligibleAge,
  isJalaliLeapYear,
  isoToJalali,
  jalaliMonthLength,
  parseIsoDate,
  parseJalaliDate,
  toJalali,
} from './jalali.js';

const j = (year: number, month: number, day: number): JalaliDate => ({ year, month, day });
const DAY_MS = 86_400_000;

function iso(input: string): IsoDate {
  const parsed = parseIsoDate(input);
  if (!parsed.ok) throw new Error(`bad test date ${input}`);
  return parsed.value;
}

/** Instants from 1 Farvardin 1300 (1921-03-21) to the end of 1500 AP (2122-03-20). */
const instant1300to1500 = fc
  .integer({ min: Date.UTC(1921, 2, 21), max: Date.UTC(2122, 2, 20, 23, 59, 59) })
  .map((ms) => new Date(ms));

/** A Jalali date 1300–1500 that exists (Esfand 30 only when the year has it). */
const jalali1300to1500 = fc
  .record({
    year: fc.integer({ min: 1300, max: 1500 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => j(year, month, Math.min(day, jalaliMonthLength(year, month))));

describe('known conversions', () => {
  it.each([
    [1403, 2, 21, '2024-05-10'], // the runoff's voting day (DESIGN §2)
    [1402, 12, 11, '2024-03-01'], // round 1
    [1403, 1, 1, '2024-03-20'], // Nowruz 1403
    [1385, 2, 21, '2006-05-11'], // the runoff's eligibility line
    [1403, 12, 30, '2025-03-20'], // 1403 is a leap year
    [1404, 1, 1, '2025-03-21'],
    [1300, 1, 1, '1921-03-21'],
    [1399, 12, 30, '2021-03-20'],
  ])('%i/%i/%i is %s', (year, month, day, gregorian) => {
    expect(fromJalali(year, month, day)).toBe(gregorian);
    expect(isoToJalali(iso(gregorian))).toEqual(j(year, month, day));
  });

  it('reads an instant in Tehran time: 20:29 UTC on 9 May 2024 is still 20 Ordibehesht', () => {
    expect(toJalali(new Date('2024-05-09T20:29:59Z'))).toEqual(j(1403, 2, 20));
    expect(toJalali(new Date('2024-05-09T20:30:00Z'))).toEqual(j(1403, 2, 21));
    expect(toJalali(new Date('2024-05-09T20:30:00Z'), 'UTC')).toEqual(j(1403, 2, 20));
  });

  it('agrees with the official leap years', () => {
    const leap = [];
    for (let year = 1370; year <= 1412; year++) if (isJalaliLeapYear(year)) leap.push(year);
    expect(leap).toEqual([1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403, 1408, 1412]);
  });

  it('gives month lengths 31 × 6, 30 × 5, then 29 or 30', () => {
    expect([1, 6, 7, 11].map((m) => jalaliMonthLength(1402, m))).toEqual([31, 31, 30, 30]);
    expect(jalaliMonthLength(1402, 12)).toBe(29);
    expect(jalaliMonthLength(1403, 12)).toBe(30);
  });

  it('refuses a date that does not exist (a programmer error in fromJalali)', () => {
    expect(() => fromJalali(1402, 12, 30)).toThrow(RangeError);
    expect(() => fromJalali(1403, 7, 31)).toThrow(RangeError);
    expect(() => fromJalali(1403, 13, 1)).toThrow(RangeError);
    expect(() => fromJalali(1403, 0, 1)).toThrow(RangeError);
    expect(() => fromJalali(1403, 1, 0)).toThrow(RangeError);
    expect(() => fromJalali(1403.5, 1, 1)).toThrow(RangeError);
    expect(() => fromJalali(0, 1, 1)).toThrow(RangeError);
    expect(() => fromJalali(9378, 1, 1)).toThrow(RangeError);
  });

  it('covers the supported range, 1 AP to 9377 AP', () => {
    expect(fromJalali(1, 1, 1)).toBe('0622-03-21');
    expect(fromJalali(9377, 12, 29)).toBe('9999-03-19');
  });
});

describe('round trips 1300–1500 AP', () => {
  test.prop([instant1300to1500])('fromJalali(toJalali(d)) is the civil date of d', (date) => {
    const { year, month, day } = toJalali(date, 'UTC');
    expect(fromJalali(year, month, day)).toBe(date.toISOString().slice(0, 10));
  });

  test.prop([instant1300to1500])('in Tehran time too', (date) => {
    const { year, month, day } = toJalali(date);
    const tehranDay = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tehran',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(date);
    expect(fromJalali(year, month, day)).toBe(tehranDay);
  });

  test.prop([jalali1300to1500])('toJalali(fromJalali(j)) is j', (date) => {
    expect(isoToJalali(fromJalali(date.year, date.month, date.day))).toEqual(date);
  });

  it('steps one day at a time through every day of 1300–1500', () => {
    let date = Date.UTC(1921, 2, 21, 12); // 1 Farvardin 1300
    let previous = toJalali(new Date(date), 'UTC');
    expect(previous).toEqual(j(1300, 1, 1));
    const wrong: string[] = [];
    let days = 1;
    while (previous.year < 1501) {
      date += DAY_MS;
      days++;
      const next = toJalali(new Date(date), 'UTC');
      const length = previous.month < 12 ? (previous.month <= 6 ? 31 : 30) : 0;
      const steppedWithinYear =
        (next.year === previous.year &&
          next.month === previous.month &&
          next.day === previous.day + 1) ||
        (next.year === previous.year &&
          next.month === previous.month + 1 &&
          next.day === 1 &&
          previous.day === length);
      const newYear =
        previous.month === 12 &&
        next.year === previous.year + 1 &&
        next.month === 1 &&
        next.day === 1;
      const gregorian = new Date(date).toISOString().slice(0, 10);
      if (!(steppedWithinYear || (newYear && previous.day >= 29))) wrong.push(`after ${gregorian}`);
      if (fromJalali(next.year, next.month, next.day) !== gregorian)
        wrong.push(`fromJalali ${gregorian}`);
      previous = next;
    }
    expect(wrong).toEqual([]);
    expect(days).toBe(201 * 365 + 49 + 1); // 49 leap years in 1300–1500, plus 1 Farvardin 1501
  });
});

describe('parseJalaliDate', () => {
  it.each([
    '1385/02/21',
    '۱۳۸۵/۰۲/۲۱',
    '1385-02-21',
    '1385/2/21',
    '١٣٨٥/٢/٢١',
    ' 1385/02/21\u200f',
  ])('reads %s', (input) => {
    expect(parseJalaliDate(input)).toEqual({ ok: true, value: j(1385, 2, 21) });
  });

  it('accepts Esfand 30 only in a leap year (decided by the round trip through Intl)', () => {
    expect(parseJalaliDate('1403/12/30').ok).toBe(true);
    const refused = parseJalaliDate('1402/12/30');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('DATE_INVALID');
      expect(refused.error.message.en).toBe('Invalid date: 1402/12/30');
    }
  });

  it.each([
    '',
    '1385',
    '85/02/21',
    '1385/02-21',
    '1385/13/01',
    '1385/07/31',
    '1385/00/10',
    '1385/02/00',
    '1385/002/21',
    'abc',
  ])('refuses %j with DATE_INVALID', (input) => {
    const parsed = parseJalaliDate(input);
    expect(parsed.ok ? 'ok' : parsed.error.code).toBe('DATE_INVALID');
  });
});

describe('parseIsoDate', () => {
  it('reads a Gregorian civil date, in any digits', () => {
    expect(parseIsoDate('2006-05-11')).toEqual({ ok: true, value: '2006-05-11' });
    expect(parseIsoDate('۲۰۰۶-۰۵-۱۱')).toEqual({ ok: true, value: '2006-05-11' });
    expect(parseIsoDate('2024-02-29').ok).toBe(true);
    expect(parseIsoDate('2000-02-29').ok).toBe(true);
  });

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2024-04-31',
    '2024-13-01',
    '2024-00-10',
    '0000-01-01',
    '2024-5-10',
    '2024/05/10',
    '2024-05-10T00:00:00Z',
  ])('refuses %s with DATE_INVALID', (input) => {
    const parsed = parseIsoDate(input);
    expect(parsed.ok ? 'ok' : parsed.error.code).toBe('DATE_INVALID');
  });
});

describe('formatting', () => {
  const votingDayNoon = new Date('2024-05-10T08:30:00Z'); // 12:00 in Tehran

  it('shows Persian digits and month names in Persian', () => {
    expect(formatJalaliDate(votingDayNoon, 'fa')).toBe('۲۱ اردیبهشت ۱۴۰۳');
    expect(formatJalaliDate(iso('2024-03-20'), 'fa')).toBe('۱ فروردین ۱۴۰۳');
  });

  it('shows the Gregorian date with the Jalali beside it in English (DESIGN §9)', () => {
    expect(formatJalaliDate(votingDayNoon, 'en')).toBe('10 May 2024 (21 Ordibehesht 1403)');
    expect(formatJalaliDate(iso('2025-03-20'), 'en')).toBe('20 March 2025 (30 Esfand 1403)');
  });

  it('reads an instant in Tehran time and a civil date as its own day', () => {
    const lateEvening = new Date('2024-05-09T21:00:00Z'); // 00:30 on 10 May in Tehran
    expect(formatJalaliDate(lateEvening, 'en')).toBe('10 May 2024 (21 Ordibehesht 1403)');
    expect(formatJalaliDate(lateEvening, 'en', 'UTC')).toBe('9 May 2024 (20 Ordibehesht 1403)');
    expect(formatJalaliDate(iso('2024-05-10'), 'en', 'Pacific/Kiritimati')).toBe(
      '10 May 2024 (21 Ordibehesht 1403)',
    );
  });

  it('adds the 24-hour Tehran time', () => {
    const closing = new Date('2024-05-10T18:30:00Z'); // 22:00 in Tehran, the extended closing
    expect(formatJalaliDateTime(closing, 'fa')).toBe('۲۱ اردیبهشت ۱۴۰۳، ساعت ۲۲:۰۰');
    expect(formatJalaliDateTime(closing, 'en')).toBe('10 May 2024 (21 Ordibehesht 1403), 22:00');
    expect(formatJalaliDateTime(new Date('2024-05-09T20:30:00Z'), 'en')).toBe(
      '10 May 2024 (21 Ordibehesht 1403), 00:00',
    );
  });

  it('writes the compact numeric form', () => {
    expect(formatJalaliNumeric(j(1385, 2, 21), 'en')).toBe('1385/02/21');
    expect(formatJalaliNumeric(j(1385, 2, 21), 'fa')).toBe('۱۳۸۵/۰۲/۲۱');
  });

  test.prop([jalali1300to1500])('the numeric form parses back to the same date', (date) => {
    expect(parseJalaliDate(formatJalaliNumeric(date, 'fa'))).toEqual({ ok: true, value: date });
  });
});

describe('age in Jalali years (DESIGN §9)', () => {
  it('is a year older on the same day of the same month', () => {
    expect(ageInJalaliYears(j(1385, 2, 21), j(1403, 2, 20))).toBe(17);
    expect(ageInJalaliYears(j(1385, 2, 21), j(1403, 2, 21))).toBe(18);
    expect(ageInJalaliYears(j(1385, 2, 21), j(1403, 3, 1))).toBe(18);
    expect(ageInJalaliYears(j(1385, 12, 29), j(1403, 1, 1))).toBe(17);
  });

  it('for the runoff of 21/02/1403: born on or before 21/02/1385 votes, a day later does not', () => {
    const votingDay = j(1403, 2, 21);
    expect(isEligibleAge(j(1385, 2, 21), votingDay)).toBe(true);
    expect(isEligibleAge(j(1385, 2, 20), votingDay)).toBe(true);
    expect(isEligibleAge(j(1385, 1, 1), votingDay)).toBe(true);
    expect(isEligibleAge(j(1385, 2, 22), votingDay)).toBe(false);
    expect(isEligibleAge(j(1385, 12, 29), votingDay)).toBe(false);
    expect(isEligibleAge(j(1386, 1, 1), votingDay)).toBe(false);
    expect(isEligibleAge(j(1300, 1, 1), votingDay)).toBe(true);
  });

  it('honours another minimum age', () => {
    expect(isEligibleAge(j(1388, 2, 21), j(1403, 2, 21), 15)).toBe(true);
    expect(isEligibleAge(j(1388, 2, 22), j(1403, 2, 21), 15)).toBe(false);
  });

  it('a person born on 30 Esfand of a leap year turns a year older on 1 Farvardin of a common year', () => {
    const birth = j(1399, 12, 30);
    expect(ageInJalaliYears(birth, j(1400, 12, 29))).toBe(0); // 1400 has no 30 Esfand
    expect(ageInJalaliYears(birth, j(1401, 1, 1))).toBe(1);
    expect(ageInJalaliYears(birth, j(1403, 12, 29))).toBe(3); // 1403 has a 30 Esfand …
    expect(ageInJalaliYears(birth, j(1403, 12, 30))).toBe(4); // … and the birthday falls on it
  });

  it('is negative before birth', () => {
    expect(ageInJalaliYears(j(1403, 2, 21), j(1403, 2, 20))).toBe(-1);
  });

  test.prop([jalali1300to1500, jalali1300to1500, fc.integer({ min: 0, max: 40 })])(
    'eligible exactly when the birthday that many years on is on or before voting day',
    (birth, votingDay, minimumAge) => {
      const birthday = j(birth.year + minimumAge, birth.month, birth.day);
      expect(isEligibleAge(birth, votingDay, minimumAge)).toBe(
        compareJalali(birthday, votingDay) <= 0,
      );
    },
  );

  test.prop([jalali1300to1500, jalali1300to1500])(
    'never decreases as the day moves on',
    (birth, day) => {
      const next = isoToJalali(
        iso(
          new Date(Date.parse(fromJalali(day.year, day.month, day.day)) + DAY_MS)
            .toISOString()
            .slice(0, 10),
        ),
      );
      expect(ageInJalaliYears(birth, next)).toBeGreaterThanOrEqual(ageInJalaliYears(birth, day));
    },
  );
});
