import { canonicalJson } from '../canonical.js';
import { isValidNationalCode } from '../nationalCode.js';
import { AuditEntryError } from './types.js';

/**
 * What an audit entry's `details` may hold (docs/AUDIT.md "What details may hold"): a small
 * JSON object of facts about the act — counts, codes, hashes, phase names, the problem codes
 * of a refusal — never a secret and never a person's data (issue 3 "no secret or personal
 * data in logs", law 2). The log is kept for years and exported to observers, so what goes
 * in cannot be taken back: these checks refuse the usual mistakes before anything is written.
 */
export type AuditDetailValue =
  | string
  | number
  | boolean
  | null
  | readonly AuditDetailValue[]
  | { readonly [key: string]: AuditDetailValue };

export interface AuditDetails {
  readonly [key: string]: AuditDetailValue;
}

/** Canonical JSON of the details, at most this many bytes. */
export const AUDIT_DETAILS_MAX_BYTES = 4_096;

const MAX_DEPTH = 4;

/**
 * Words of a key (camelCase, snake_case or kebab-case) that name a credential or a person's
 * data; `sessionId`, `session_token`, `privateKey` and `NationalCode` are all caught.
 */
const FORBIDDEN_WORDS = new Set([
  'password',
  'passphrase',
  'passwd',
  'secret',
  'token',
  'cookie',
  'session',
  'otp',
  'totp',
  'pin',
  'seed',
  'fingerprint',
  'phone',
  'email',
  'address',
  'birth',
  'birthday',
  'birthdate',
  'privatekey',
  'nationalcode',
  'ballotcard',
  'firstname',
  'lastname',
  'fullname',
  'fathername',
]);

function forbiddenKey(key: string): boolean {
  const words = key
    .split(/(?=[A-Z])|[_.-]/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (FORBIDDEN_WORDS.has(word) || FORBIDDEN_WORDS.has(word + (words[i + 1] ?? ''))) return true;
  }
  return FORBIDDEN_WORDS.has(words.join(''));
}

/** Ten digits in any of the scripts a national code is typed in (core/nationalCode.ts). */
const TEN_DIGITS = /^[0-9\u06F0-\u06F9\u0660-\u0669]{10}$/;

/** Not a valid field-name shape: details keys are written by code, never copied from input. */
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function refuse(action: string, why: string): never {
  throw new AuditEntryError(`audit entry ${action}: details ${why}`);
}

function walk(action: string, value: unknown, depth: number, path: string): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(action, `${path} is not a finite number`);
    return;
  }
  if (typeof value === 'string') {
    // A national code is the one personal identifier this system holds for every voter; a
    // ten-digit string that passes its check digit is refused wherever it appears.
    if (TEN_DIGITS.test(value) && isValidNationalCode(value))
      refuse(action, `${path} looks like a national code`);
    return;
  }
  if (depth >= MAX_DEPTH) refuse(action, `nest deeper than ${MAX_DEPTH} levels at ${path}`);
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      walk(action, item, depth + 1, `${path}[${i}]`);
    });
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (!KEY.test(key)) refuse(action, `key ${JSON.stringify(key)} has a bad form`);
      if (forbiddenKey(key)) refuse(action, `key "${key}" may carry a secret or personal data`);
      walk(action, item, depth + 1, `${path}.${key}`);
    }
    return;
  }
  refuse(action, `${path} is not plain JSON`);
}

/** The details' canonical JSON, or a thrown TypeError naming what is not allowed. */
export function checkDetails(action: string, details: AuditDetails): string {
  walk(action, details, 0, '$');
  const text = canonicalJson(details);
  // UTF-8 needs at most 3 bytes per UTF-16 unit: only a long text is worth encoding to count.
  if (
    text.length * 3 > AUDIT_DETAILS_MAX_BYTES &&
    new TextEncoder().encode(text).length > AUDIT_DETAILS_MAX_BYTES
  )
    refuse(action, `exceed ${AUDIT_DETAILS_MAX_BYTES} bytes`);
  return text;
}
