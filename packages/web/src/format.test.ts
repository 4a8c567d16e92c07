import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  digits,
  formatCivilDate,
  formatInstant,
  formatNumber,
  prettyJson,
  tehranLocalToInstant,
  toLatinDigits,
  toPersianDigits,
} from './format.js';

describe('what the web app writes', () => {
  it('shows the voting day in the Jalali calendar, with Gregorian beside it in English', () => {
    expect(formatCivilDate('2024-05-10', 'fa')).toBe('۲۱ اردیبهشت ۱۴۰۳');
    expect(formatCivilDate('2024-05-10', 'en')).toBe('May 10, 2024 (Ordibehesht 21, 1403 AP)');
    // Nowruz: the first day of a Jalali year, whatever the viewer's time zone.
    expect(formatCivilDate('2024-03-20', 'fa')).toBe('۱ فروردین ۱۴۰۳');
  });

  it("reads an instant on Tehran's clock, in Persian digits in Persian", () => {
    // 04:30 UTC is 08:00 in Tehran: the polls open.
    expect(formatInstant('2024-05-10T04:30:00.000Z', 'fa')).toBe('۲۱ اردیبهشت ۱۴۰۳، ۰۸:۰۰:۰۰');
    expect(formatInstant('2024-05-10T04:30:00.000Z', 'en')).toBe(
      'May 10, 2024, 08:00:00 (Ordibehesht 21, 1403 AP)',
    );
    // 20:45 UTC is already the next Jalali day in Tehran (00:15).
    expect(formatInstant('2024-05-10T20:45:00.000Z', 'fa')).toBe('۲۲ اردیبهشت ۱۴۰۳، ۰۰:۱۵:۰۰');
  });

  it('leaves what is not a date as it was', () => {
    expect(formatCivilDate('not a date', 'fa')).toBe('not a date');
    expect(formatInstant('yesterday', 'en')).toBe('yesterday');
  });

  it('writes counts with the locale digits and grouping', () => {
    expect(formatNumber(2874, 'fa')).toBe('۲٬۸۷۴');
    expect(formatNumber(2874, 'en')).toBe('2,874');
    expect(digits('b-0001', 'fa')).toBe('b-۰۰۰۱');
    expect(digits('b-0001', 'en')).toBe('b-0001');
  });

  test.prop([fc.stringMatching(/^[0-9a-z -]{0,30}$/)])(
    'turns ASCII digits to Persian and back without changing anything else',
    (text) => {
      expect(toLatinDigits(toPersianDigits(text))).toBe(text);
      expect(toPersianDigits(text)).not.toMatch(/[0-9]/);
    },
  );

  it('reads Arabic-Indic digits too', () => {
    expect(toLatinDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });

  it("turns a time typed on Tehran's clock into the UTC instant the API takes", () => {
    expect(tehranLocalToInstant('2024-05-10T08:00')).toBe('2024-05-10T04:30:00.000Z');
    expect(tehranLocalToInstant('2024-05-10T00:15:30')).toBe('2024-05-09T20:45:30.000Z');
    expect(tehranLocalToInstant('')).toBeUndefined();
    expect(tehranLocalToInstant('10 May')).toBeUndefined();
  });

  test.prop([
    fc.date({ min: new Date('2023-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  ])('agrees with Intl on the Tehran clock for any instant since daylight saving ended', (at) => {
    const whole = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const local = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Tehran',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(whole)
      .replace(' ', 'T');
    expect(tehranLocalToInstant(local)).toBe(whole.toISOString());
  });

  it("indents an entry's details whether they come as JSON text or as a value", () => {
    const text = '{\n  "via": "cookie"\n}';
    expect(prettyJson('{"via":"cookie"}')).toBe(text);
    expect(prettyJson({ via: 'cookie' })).toBe(text);
    expect(prettyJson('not json')).toBe('not json');
  });
});
