import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  isValidNationalCode,
  makeNationalCode,
  nationalCodeCheckDigit,
  parseNationalCode,
} from './nationalCode.js';

const digit = fc.integer({ min: 0, max: 9 });
const prefix9 = fc
  .array(digit, { minLength: 9, maxLength: 9 })
  .map((digits) => digits.join(''))
  .filter((p) => !/^(\d)\1{8}$/.test(p));

function errorCode(input: string): string | undefined {
  const parsed = parseNationalCode(input);
  return parsed.ok ? undefined : parsed.error.code;
}

/** r = Σ dᵢ·(10−i) mod 11 over the first nine digits, the value the check digit is made from. */
function remainderOf(code: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(code[i]) * (10 - i);
  return sum % 11;
}

describe('national code check digit', () => {
  it('computes r when r < 2 and 11 − r otherwise', () => {
    // s = 8·8 + 4·7 + 5·6 + 7·5 + 5·4 + 9·3 + 4·2 = 212, r = 3 → 11 − 3 = 8.
    expect(nationalCodeCheckDigit('008457594')).toBe(8);
    expect(nationalCodeCheckDigit('000000014')).toBe(0); // s = 1·3 + 4·2 = 11, r = 0
    expect(nationalCodeCheckDigit('100000001')).toBe(1); // s = 10 + 2 = 12, r = 1
    expect(nationalCodeCheckDigit('000000011')).toBe(6); // s = 3 + 2 = 5, r = 5 → 6
    expect(nationalCodeCheckDigit('000000005')).toBe(1); // s = 10, r = 10 → 11 − 10 = 1
  });

  it('refuses anything but nine ASCII digits (a programmer error)', () => {
    expect(() => nationalCodeCheckDigit('12345678')).toThrow(RangeError);
    expect(() => nationalCodeCheckDigit('۱۲۳۴۵۶۷۸۹')).toThrow(RangeError);
  });
});

describe('parseNationalCode', () => {
  it('accepts valid codes and keeps leading zeros', () => {
    expect(parseNationalCode('0084575948')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('0499370899')).toEqual({ ok: true, value: '0499370899' });
  });

  it('normalises Persian and Arabic-Indic digits, whitespace and invisible marks to ASCII', () => {
    expect(parseNationalCode('۰۰۸۴۵۷۵۹۴۸')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('٠٠٨٤٥٧٥٩٤٨')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('  ۰۰۸۴57٥٩٤۸\n')).toEqual({ ok: true, value: '0084575948' });
    expect(parseNationalCode('\u200f0084575948\u200e')).toEqual({ ok: true, value: '0084575948' });
  });

  it('refuses a code shorter than ten digits rather than left-padding it', () => {
    // 84575948 padded would be 0084575948, which is valid: it must still be refused.
    expect(errorCode('84575948')).toBe('NATIONAL_CODE_FORMAT');
    expect(errorCode('084575948')).toBe('NATIONAL_CODE_FORMAT');
  });

  it('refuses wrong lengths and non-digits with NATIONAL_CODE_FORMAT', () => {
    for (const input of [
      '',
      '   ',
      '00845759480',
      '008457594a',
      '008-457594-8',
      '0084 575948',
      '+084575948',
    ]) {
      expect(errorCode(input)).toBe('NATIONAL_CODE_FORMAT');
    }
  });

  it('refuses a wrong check digit with NATIONAL_CODE_CHECK_DIGIT', () => {
    expect(errorCode('0084575940')).toBe('NATIONAL_CODE_CHECK_DIGIT');
    expect(errorCode('0084575949')).toBe('NATIONAL_CODE_CHECK_DIGIT');
  });

  it('refuses the never-issued all-same-digit codes, which pass the arithmetic', () => {
    for (let d = 0; d <= 9; d++) {
      const code = String(d).repeat(10);
      expect(nationalCodeCheckDigit(code.slice(0, 9))).toBe(d);
      expect(errorCode(code)).toBe('NATIONAL_CODE_NOT_ISSUED');
      expect(isValidNationalCode(code)).toBe(false);
    }
  });

  it('never echoes the code in the error (a national code is personal data)', () => {
    const parsed = parseNationalCode('0084575940');
    expect(JSON.stringify(parsed)).not.toContain('0084575940');
  });

  test.prop([prefix9])('accepts every nine-digit prefix followed by its check digit', (first9) => {
    const code = `${first9}${nationalCodeCheckDigit(first9)}`;
    expect(parseNationalCode(code)).toEqual({ ok: true, value: code });
    expect(makeNationalCode(first9)).toBe(code);
  });

  test.prop([prefix9, fc.integer({ min: 1, max: 9 })])(
    'refuses every other last digit',
    (first9, shift) => {
      const wrong = (nationalCodeCheckDigit(first9) + shift) % 10;
      expect(isValidNationalCode(`${first9}${wrong}`)).toBe(false);
    },
  );

  /*
   * Does changing one digit of a valid code always make it invalid? Not quite. Changing dᵢ
   * (i < 9) by δ changes s by δ·(10−i); the weights 2…10 and δ (|δ| ≤ 9) are non-zero mod 11,
   * so r always changes. But the check digit maps r = 1 and r = 10 both to 1, so a code with
   * check digit 1 stays valid when the change moves r between 1 and 10 (δ·(10−i) ≡ ±9 mod 11).
   * Precisely: a single-digit change goes undetected iff the original check digit is 1, the
   * changed position is 0…8, and the new r is 1 or 10 — and the result is not all one digit.
   */
  test.prop([prefix9, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 })])(
    'a single changed digit is caught except when r moves between 1 and 10 (check digit 1)',
    (first9, position, shift) => {
      const code = makeNationalCode(first9);
      const digits = Array.from(code);
      digits[position] = String((Number(digits[position]) + shift) % 10);
      const changed = digits.join('');
      const undetectable =
        position < 9 &&
        code.endsWith('1') &&
        [1, 10].includes(remainderOf(changed)) &&
        !/^(\d)\1{9}$/.test(changed);
      expect(isValidNationalCode(changed)).toBe(undetectable);
      if (!code.endsWith('1') || position === 9) expect(isValidNationalCode(changed)).toBe(false);
    },
  );

  it('lets 0000000051 → 0000000061 through: r goes from 10 to 1, both check digit 1', () => {
    expect(isValidNationalCode('0000000051')).toBe(true); // s = 5·2 = 10, r = 10 → 1
    expect(isValidNationalCode('0000000061')).toBe(true); // s = 6·2 = 12, r = 1 → 1
  });

  it('has undetected single-digit changes only among codes whose check digit is 1', () => {
    let undetected = 0;
    for (let n = 0; n < 20_000; n += 7) {
      const first9 = String(n * 19_997)
        .padStart(9, '0')
        .slice(-9);
      if (/^(\d)\1{8}$/.test(first9)) continue;
      const code = makeNationalCode(first9);
      for (let position = 0; position < 10; position++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === code[position]) continue;
          const changed = `${code.slice(0, position)}${d}${code.slice(position + 1)}`;
          if (isValidNationalCode(changed)) {
            undetected++;
            expect(code.endsWith('1') && position < 9).toBe(true);
          }
        }
      }
    }
    expect(undetected).toBeGreaterThan(0);
  });

  it('makeNationalCode refuses a repeated-digit prefix and a malformed prefix', () => {
    expect(() => makeNationalCode('111111111')).toThrow(RangeError);
    expect(() => makeNationalCode('12345')).toThrow(RangeError);
  });
});
