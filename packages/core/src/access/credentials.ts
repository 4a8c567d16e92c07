import { z } from 'zod';
import { toLatinDigits } from '../persianText.js';

/**
 * The rules for what people type when they sign in (issue 3), shared by the HQ routes and the
 * CLI: one place, so the server and the operator's tools never disagree.
 */

/** Usernames are staff ids or chosen names; compared without regard to case. */
export const usernameInput = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
  .transform((s) => s.toLowerCase());

/** Longest password accepted: enough for any passphrase, short enough to bound the work. */
export const PASSWORD_MAX_LENGTH = 256;
/** NIST SP 800-63B §5.1.1.2: at least 8; we ask for 12 since the HQ is a prime target. */
export const PASSWORD_MIN_LENGTH = 12;

export const passwordInput = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/**
 * A TOTP code as typed: six digits, in Latin, Persian or Arabic digits (DESIGN §9: Persian
 * digits are accepted at input and normalised), spaces allowed between groups.
 */
export const totpCodeInput = z
  .string()
  .max(16)
  .transform((s) => toLatinDigits(s).replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/));

/** Why a new password is refused; the caller maps it to ACCESS_PASSWORD_WEAK. */
export type PasswordWeakness = 'too-short' | 'too-long' | 'contains-username';

const graphemes = new Intl.Segmenter('fa', { granularity: 'grapheme' });

/**
 * NIST SP 800-63B rules, deliberately few: long enough, not the username; no composition rules
 * (they make passwords weaker in practice). Length counts graphemes, so Persian passwords are
 * measured as people see them.
 */
export function passwordWeakness(
  candidate: string,
  forUsername: string,
): PasswordWeakness | undefined {
  const length = Array.from(graphemes.segment(candidate.normalize('NFC'))).length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  if (candidate.toLowerCase().includes(forUsername.toLowerCase())) return 'contains-username';
  return undefined;
}
