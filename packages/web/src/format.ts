/**
 * How the web app writes numbers, dates and times (DESIGN §8, §9): Persian digits and the
 * Jalali calendar in the Persian UI; in the English UI, the Gregorian date with the Jalali one
 * beside it. Everything goes through `Intl` (`fa-IR-u-ca-persian`), as packages/core/src/jalali.ts
 * does on the server; these few helpers are the app's own so that the bundle carries no
 * server code. Instants are UTC ISO 8601 and read on Tehran's clock, the election's.
 */

export type Lang = 'fa' | 'en';

export const ELECTION_TIME_ZONE = 'Asia/Tehran';

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!(found instanceof Intl.DateTimeFormat)) {
    found = new Intl.DateTimeFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

function numberFormat(lang: Lang): Intl.NumberFormat {
  const key = `n|${lang}`;
  let found = cache.get(key);
  if (!(found instanceof Intl.NumberFormat)) {
    found = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { maximumFractionDigits: 2 });
    cache.set(key, found);
  }
  return found;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** ASCII digits written as Persian ones (codes, hashes and sequences stay readable as typed). */
export function toPersianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d);
}

/** Persian or Arabic-Indic digits read as ASCII ones, for what a person types. */
export function toLatinDigits(text: string): string {
  return text
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** Digits in the UI's own script: '۱۲۳' in Persian, '123' in English. */
export function digits(text: string, lang: Lang): string {
  return lang === 'fa' ? toPersianDigits(text) : text;
}

/** A count with the locale's digits and grouping: '۲٬۸۷۴' or '2,874'. */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

const LONG_DATE = { year: 'numeric', month: 'long', day: 'numeric' } as const;

/**
 * A civil date 'YYYY-MM-DD' (the voting day): '۲۱ اردیبهشت ۱۴۰۳', or
 * 'May 10, 2024 (Ordibehesht 21, 1403 AP)'. A civil date has no time zone: it is read at noon
 * UTC so that no zone moves it to another day.
 */
export function formatCivilDate(isoDate: string, lang: Lang): string {
  const at = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDate;
  const options = { ...LONG_DATE, timeZone: 'UTC' };
  const jalali = dateFormat(`${lang === 'fa' ? 'fa-IR' : 'en-US'}-u-ca-persian`, options);
  if (lang === 'fa') return jalali.format(at);
  return `${dateFormat('en-US', options).format(at)} (${jalali.format(at)})`;
}

/**
 * An instant on the election's clock: '۲۱ اردیبهشت ۱۴۰۳، ۱۰:۳۰:۰۵' or
 * 'May 10, 2024, 10:30:05 (Ordibehesht 21, 1403 AP)'.
 */
export function formatInstant(iso: string, lang: Lang, timeZone = ELECTION_TIME_ZONE): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const clock = {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  } as const;
  if (lang === 'fa') {
    const date = dateFormat('fa-IR-u-ca-persian', { ...LONG_DATE, timeZone }).format(at);
    const time = dateFormat('fa-IR', { ...clock, timeZone }).format(at);
    return `${date}، ${time}`;
  }
  // Date and clock apart: ICU versions join them differently ('at' or a comma).
  const date = dateFormat('en-US', { ...LONG_DATE, timeZone }).format(at);
  const time = dateFormat('en-US', { ...clock, timeZone }).format(at);
  const jalali = dateFormat('en-US-u-ca-persian', { ...LONG_DATE, timeZone }).format(at);
  return `${date}, ${time} (${jalali})`;
}

/**
 * A `datetime-local` field's value ('2024-05-10T10:30', Tehran's clock) as a UTC instant for
 * the API; undefined when empty or not a time. Tehran has kept UTC+03:30 all year since 2022
 * (no more daylight saving), which is the offset the election's hours use.
 */
export function tehranLocalToInstant(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const at = new Date(utc - (3 * 60 + 30) * 60_000);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** A value as indented JSON; JSON text (as the store may hand an entry's details) is read first. */
export function prettyJson(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
