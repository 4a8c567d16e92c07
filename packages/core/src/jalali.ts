import { problem } from './errors.js';
import type { Problem } from './problem.js';
import { removeInvisibleMarks, toLatinDigits, toPersianDigits } from './persianText.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/**
 * Jalali (Solar Hijri) dates, through `Intl` only (DESIGN §8): the ICU Persian calendar behind
 * `*-u-ca-persian` does the calendar arithmetic, so there is no calendar table of our own to get
 * wrong. ICU uses the 33-year arithmetic leap rule, which agrees with the official calendar in
 * the years this system deals with (the tests pin known conversions and leap years).
 *
 * A civil date (a birth date, the voting day) is a calendar day with no time zone; an instant
 * (`Date`) becomes a civil date only in a time zone — the election's is Asia/Tehran (§9).
 */

/** A Jalali civil date; month 1 = Farvardin … 12 = Esfand. */
export interface JalaliDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A Gregorian civil date 'YYYY-MM-DD' (years 0001–9999), made by `parseIsoDate` or `fromJalali`. */
export type IsoDate = string & { readonly brand: 'IsoDate' };

const TEHRAN = 'Asia/Tehran';
const DAY_MS = 86_400_000;
/** The Jalali years whose every day has a four-digit Gregorian year (1 AP began in 622 CE; 9377 AP ends in 9999 CE). */
const FIRST_YEAR = 1;
const LAST_YEAR = 9377;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  key: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let cached = formatters.get(key);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

function jalaliNumeric(timeZone: string): Intl.DateTimeFormat {
  return formatter(`num|${timeZone}`, 'en-US-u-ca-persian', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    numberingSystem: 'latn',
  });
}

function partsOf(
  format: Intl.DateTimeFormat,
  date: Date,
): Map<Intl.DateTimeFormatPartTypes, string> {
  const parts = new Map<Intl.DateTimeFormatPartTypes, string>();
  for (const part of format.formatToParts(date)) parts.set(part.type, part.value);
  return parts;
}

function numberPart(
  parts: Map<Intl.DateTimeFormatPartTypes, string>,
  type: Intl.DateTimeFormatPartTypes,
): number {
  const value = parts.get(type);
  if (value === undefined) throw new Error(`Intl gave no ${type} part`);
  return Number.parseInt(value, 10);
}

/** The Jalali civil date of an instant in a time zone (the election's by default, DESIGN §9). */
export function toJalali(date: Date, timeZone: string = TEHRAN): JalaliDate {
  const parts = partsOf(jalaliNumeric(timeZone), date);
  return {
    year: numberPart(parts, 'year'),
    month: numberPart(parts, 'month'),
    day: numberPart(parts, 'day'),
  };
}

/** Noon UTC of a Gregorian civil date; `setUTCFullYear` because `Date.UTC` maps years 0–99 to 1900–1999. */
function civilNoon(year: number, month: number, day: number): Date {
  const date = new Date(Date.UTC(2000, 0, 1, 12));
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

function isoOf(date: Date): IsoDate {
  return date.toISOString().slice(0, 10) as IsoDate;
}

/** The Jalali date of a Gregorian civil date. */
export function isoToJalali(iso: IsoDate): JalaliDate {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return toJalali(civilNoon(year, month, day), 'UTC');
}

function sameDay(a: JalaliDate, b: JalaliDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * A day count that is exact within a Jalali year (months 1–6 have 31 days, 7–11 have 30) and off
 * by at most a day across years; it only steers the search in `jalaliToDate`.
 */
function approximateDayNumber(date: JalaliDate): number {
  const monthStart = date.month <= 7 ? (date.month - 1) * 31 : 186 + (date.month - 7) * 30;
  return Math.floor((date.year - 1) * 365.2422) + monthStart + date.day;
}

const ANCHOR: JalaliDate = { year: 1403, month: 1, day: 1 };
const ANCHOR_NOON_UTC = Date.UTC(2024, 2, 20, 12); // 1 Farvardin 1403 = 2024-03-20

function plausible(date: JalaliDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= (month <= 6 ? 31 : 30);
}

/**
 * Noon UTC of the Gregorian day that is the given Jalali date, or undefined when that date does
 * not exist (Esfand 30 of a common year, month 13, …). Intl converts only from Gregorian to
 * Jalali, so this estimates the day, lets Intl say which Jalali day it landed on, steps by the
 * difference (at most a few rounds, as the estimate is off by at most a day or two), then checks
 * the neighbours; a date that no nearby day formats to does not exist.
 */
function jalaliToDate(target: JalaliDate): Date | undefined {
  if (!plausible(target)) return undefined;
  let noon =
    ANCHOR_NOON_UTC + (approximateDayNumber(target) - approximateDayNumber(ANCHOR)) * DAY_MS;
  for (let round = 0; round < 8; round++) {
    const landed = toJalali(new Date(noon), 'UTC');
    if (sameDay(landed, target)) return new Date(noon);
    const step = approximateDayNumber(target) - approximateDayNumber(landed);
    if (step === 0) break;
    noon += step * DAY_MS;
  }
  for (let offset = -3; offset <= 3; offset++) {
    const candidate = new Date(noon + offset * DAY_MS);
    if (sameDay(toJalali(candidate, 'UTC'), target)) return candidate;
  }
  return undefined;
}

/**
 * The Gregorian civil date ('YYYY-MM-DD') of a Jalali date. Throws a RangeError when the date
 * does not exist — a programmer error: input from people goes through `parseJalaliDate`, which
 * answers with a Result.
 */
export function fromJalali(year: number, month: number, day: number): IsoDate {
  const date = jalaliToDate({ year, month, day });
  if (date === undefined) throw new RangeError(`no such Jalali date: ${year}/${month}/${day}`);
  return isoOf(date);
}

/** A Jalali year is a leap year when it has an Esfand 30 (asked of ICU, not computed here). */
export function isJalaliLeapYear(year: number): boolean {
  return jalaliToDate({ year, month: 12, day: 30 }) !== undefined;
}

export function jalaliMonthLength(year: number, month: number): number {
  if (month <= 6) return 31;
  if (month <= 11) return 30;
  return isJalaliLeapYear(year) ? 30 : 29;
}

/** Negative when `a` is earlier, zero on the same day, positive when later. */
export function compareJalali(a: JalaliDate, b: JalaliDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const JALALI_INPUT = /^([0-9]{4})([/-])([0-9]{1,2})\2([0-9]{1,2})$/;
const ISO_INPUT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function cleanDateInput(input: string): string {
  return toLatinDigits(removeInvisibleMarks(input)).trim();
}

/**
 * Reads a Jalali date as people write it: year/month/day or year-month-day, four-digit year,
 * one- or two-digit month and day, ASCII, Persian or Arabic-Indic digits ('1385/02/21',
 * '۱۳۸۵/۲/۲۱', '1385-02-21'). An impossible date — Esfand 30 of a common year included — is
 * DATE_INVALID: validity is decided by the round trip through Intl, not by our own leap rule.
 */
export function parseJalaliDate(input: string): Result<JalaliDate, Problem> {
  const match = JALALI_INPUT.exec(cleanDateInput(input));
  if (match !== null) {
    const date: JalaliDate = {
      year: Number(match[1]),
      month: Number(match[3]),
      day: Number(match[4]),
    };
    if (jalaliToDate(date) !== undefined) return ok(date);
  }
  return err(problem('DATE_INVALID', { value: input, calendar: 'jalali' }));
}

function gregorianMonthLength(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Reads a Gregorian civil date 'YYYY-MM-DD' (ASCII, Persian or Arabic-Indic digits). */
export function parseIsoDate(input: string): Result<IsoDate, Problem> {
  const cleaned = cleanDateInput(input);
  const match = ISO_INPUT.exec(cleaned);
  if (match !== null) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (
      year >= 1 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= gregorianMonthLength(year, month)
    ) {
      return ok(cleaned as IsoDate);
    }
  }
  return err(problem('DATE_INVALID', { value: input, calendar: 'gregorian' }));
}

export type DisplayLocale = 'fa' | 'en';

/** Instants are read in a time zone; a civil date is its own day, wherever it is read. */
function resolve(
  value: Date | IsoDate,
  timeZone: string,
): { readonly date: Date; readonly timeZone: string } {
  if (value instanceof Date) return { date: value, timeZone };
  const [year = 0, month = 0, day = 0] = value.split('-').map(Number);
  return { date: civilNoon(year, month, day), timeZone: 'UTC' };
}

function dayMonthYear(format: Intl.DateTimeFormat, date: Date): string {
  const parts = partsOf(format, date);
  return `${parts.get('day') ?? ''} ${parts.get('month') ?? ''} ${parts.get('year') ?? ''}`;
}

function persianLong(timeZone: string): Intl.DateTimeFormat {
  return formatter(`fa|${timeZone}`, 'fa-IR-u-ca-persian', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    numberingSystem: 'arabext',
  });
}

function englishJalaliLong(timeZone: string): Intl.DateTimeFormat {
  return formatter(`en-jalali|${timeZone}`, 'en-US-u-ca-persian', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    numberingSystem: 'latn',
  });
}

function englishGregorianLong(timeZone: string): Intl.DateTimeFormat {
  return formatter(`en-gregory|${timeZone}`, 'en-US-u-ca-gregory', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    numberingSystem: 'latn',
  });
}

function clock(timeZone: string): Intl.DateTimeFormat {
  return formatter(`clock|${timeZone}`, 'en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    numberingSystem: 'latn',
  });
}

/**
 * A date as people read it (DESIGN §2 "dates show in the Jalali calendar", §9): Persian —
 * '۲۱ اردیبهشت ۱۴۰۳', Persian digits and month names; English — the Gregorian date with the
 * Jalali beside it, '10 May 2024 (21 Ordibehesht 1403)'. An instant is read in `timeZone`
 * (Asia/Tehran by default); an IsoDate is a civil date and is shown as that day.
 */
export function formatJalaliDate(
  value: Date | IsoDate,
  locale: DisplayLocale,
  timeZone: string = TEHRAN,
): string {
  const at = resolve(value, timeZone);
  if (locale === 'fa') return dayMonthYear(persianLong(at.timeZone), at.date);
  const gregorian = dayMonthYear(englishGregorianLong(at.timeZone), at.date);
  return `${gregorian} (${dayMonthYear(englishJalaliLong(at.timeZone), at.date)})`;
}

/**
 * An instant with its 24-hour Tehran clock time: '۲۱ اردیبهشت ۱۴۰۳، ساعت ۱۵:۳۰' or
 * '10 May 2024 (21 Ordibehesht 1403), 15:30'.
 */
export function formatJalaliDateTime(
  instant: Date,
  locale: DisplayLocale,
  timeZone: string = TEHRAN,
): string {
  const parts = partsOf(clock(timeZone), instant);
  const time = `${parts.get('hour') ?? ''}:${parts.get('minute') ?? ''}`;
  const date = formatJalaliDate(instant, locale, timeZone);
  return locale === 'fa' ? `${date}، ساعت ${toPersianDigits(time)}` : `${date}, ${time}`;
}

/** '1403/02/21' (en) or '۱۴۰۳/۰۲/۲۱' (fa): the compact form used in tables and forms. */
export function formatJalaliNumeric(date: JalaliDate, locale: DisplayLocale): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const text = `${String(date.year).padStart(4, '0')}/${pad(date.month)}/${pad(date.day)}`;
  return locale === 'fa' ? toPersianDigits(text) : text;
}

/**
 * Age in full Jalali years (DESIGN §9): a person born on 21 Ordibehesht is a year older on each
 * later 21 Ordibehesht. Negative if `on` is before the birth.
 *
 * Born on 30 Esfand of a leap year: in a common year there is no 30 Esfand, and the person
 * turns a year older on 1 Farvardin, the day after 29 Esfand. The election law asks for
 * "18 full years" (۱۸ سال تمام); a year is full only once the day that would be its anniversary
 * has been reached, and until 29 Esfand has ended it has not. Of the two readings, this one
 * never admits anyone a day early (law 1 refuses an under-age voter), and it is what counting
 * completed years by (month, day) gives with no special case.
 */
export function ageInJalaliYears(birth: JalaliDate, on: JalaliDate): number {
  const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (beforeBirthday ? 1 : 0);
}

/**
 * Old enough to vote (DESIGN §2 "Eligibility": 18 full years on voting day — for the runoff of
 * 21/02/1403, born on or before 21/02/1385).
 */
export function isEligibleAge(birth: JalaliDate, votingDay: JalaliDate, minimumAge = 18): boolean {
  return ageInJalaliYears(birth, votingDay) >= minimumAge;
}
