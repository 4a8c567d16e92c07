import { problem } from './errors.js';
import type { Problem } from './problem.js';
import { removeInvisibleMarks, toLatinDigits } from './persianText.js';
import { err, ok } from './result.js';
import type { Result } from './result.js';

/**
 * An Iranian national code (کد ملی): 10 ASCII digits, leading zeros kept, with a valid check
 * digit (DESIGN §2 "Identity", §9 "Identifiers"). The poll book is keyed on it (law 1), so a
 * mix-up with any other string is dangerous: the only ways in are `parseNationalCode` and
 * `makeNationalCode`.
 */
export type NationalCode = string & { readonly brand: 'NationalCode' };

const NINE_DIGITS = /^[0-9]{9}$/;
const TEN_DIGITS = /^[0-9]{10}$/;
const ALL_SAME_DIGIT = /^([0-9])\1{9}$/;

/**
 * The check digit of the first nine digits: s = Σ_{i=0..8} dᵢ·(10−i), r = s mod 11, and the check
 * digit is r when r < 2, else 11 − r. Throws on anything but nine ASCII digits (a programmer
 * error: parse user input with `parseNationalCode`).
 */
export function nationalCodeCheckDigit(first9: string): number {
  if (!NINE_DIGITS.test(first9))
    throw new RangeError('nationalCodeCheckDigit needs nine ASCII digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 0x30) * (10 - i);
  const remainder = sum % 11;
  return remainder < 2 ? remainder : 11 - remainder;
}

/**
 * Reads a national code as people type or paste it: Persian (۰–۹) and Arabic-Indic (٠–٩) digits
 * become ASCII, surrounding whitespace and invisible bidi/zero-width marks (common when pasted
 * from right-to-left text) are dropped. It must then be exactly ten digits — a shorter input is
 * refused, never left-padded, because a missing leading zero is as likely a missing digit
 * anywhere — with the right check digit. The ten codes of one repeated digit (0000000000 …
 * 9999999999) satisfy the arithmetic but are never issued, so they are refused too.
 *
 * The error never echoes the input: a national code is personal data, errors end up in logs
 * and responses, and the person typing it can already see it.
 */
export function parseNationalCode(input: string): Result<NationalCode, Problem> {
  const code = toLatinDigits(removeInvisibleMarks(input)).trim();
  if (!TEN_DIGITS.test(code)) return err(problem('NATIONAL_CODE_FORMAT', { length: code.length }));
  if (ALL_SAME_DIGIT.test(code)) {
    return err(problem('NATIONAL_CODE_NOT_ISSUED'));
  }
  if (nationalCodeCheckDigit(code.slice(0, 9)) !== code.charCodeAt(9) - 0x30) {
    return err(problem('NATIONAL_CODE_CHECK_DIGIT'));
  }
  return ok(code as NationalCode);
}

export function isValidNationalCode(input: string): boolean {
  return parseNationalCode(input).ok;
}

/**
 * A valid national code from nine ASCII digits and their computed check digit, for fixtures,
 * generators and the simulator. Throws (a programmer error) when the prefix is not nine digits
 * or would give a never-issued all-same-digit code (i.e. the prefix is one digit repeated).
 */
export function makeNationalCode(first9: string): NationalCode {
  const code = `${first9}${nationalCodeCheckDigit(first9)}`;
  const parsed = parseNationalCode(code);
  if (!parsed.ok)
    throw new RangeError(`makeNationalCode: ${first9} gives a code that is never issued`);
  return parsed.value;
}
