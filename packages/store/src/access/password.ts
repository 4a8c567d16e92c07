import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Staff passwords, hashed with scrypt (RFC 7914), the memory-hard function built into Node.
 * Each hash carries its own parameters in the PHC string format
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, unpadded base64), so the cost can be raised later:
 * a hash made with weaker parameters than the current ones is replaced at the next successful
 * sign-in (`needsRehash`).
 *
 * Parameters (docs/SECURITY.md "Passwords"): N = 2^15, r = 8, p = 1 — 32 MiB and about 165 ms
 * per hash on the 2-core CI machine (measured, ~100–200 ms is the usual target). OWASP's
 * scrypt minimum is N = 2^17 or an equivalent (2^15 with p = 3); we keep p = 1 to bound the
 * CPU an attacker can make the HQ spend per sign-in attempt, and rely on the second factor and
 * on lockout for the rest. Raise `ln` on a faster HQ (SANDOGH_PASSWORD_SCRYPT_LOG_N).
 */
export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const STAFF_PASSWORD_PARAMS: ScryptParams = { logN: 15, r: 8, p: 1 };

/**
 * One-time passwords that HQ generates (100 random bits, `newOneTimePassword`) need no
 * stretching — stretching protects guessable, human-chosen passwords, and 2^100 guesses are out
 * of reach at any cost per guess — so they are hashed cheaply: bulk creation of 20,000 accounts
 * takes seconds, not an hour. The first sign-in must replace them, hashed at the full cost.
 */
export const ONE_TIME_PASSWORD_PARAMS: ScryptParams = { logN: 10, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** A stored hash asking for more than this is refused unread (a tampered row must not OOM us). */
const LIMITS = { logN: 22, r: 32, p: 16 } as const;
const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{16,128})$/;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    // Node refuses a cost whose memory (128·N·r bytes) exceeds maxmem; allow exactly that twice.
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}

const b64 = (bytes: Buffer): string => bytes.toString('base64').replace(/=+$/, '');

/** Hashes a password with a fresh 128-bit salt; runs on libuv's thread pool, not the loop. */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

export function parsePasswordHash(
  encoded: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const m = PHC.exec(encoded);
  if (m === null) return undefined;
  const [, logN, r, p, salt, key] = m;
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (params.logN < 1 || params.logN > LIMITS.logN || params.r < 1 || params.r > LIMITS.r)
    return undefined;
  if (params.p < 1 || params.p > LIMITS.p) return undefined;
  return {
    params,
    salt: Buffer.from(salt ?? '', 'base64'),
    key: Buffer.from(key ?? '', 'base64'),
  };
}

/** Constant-time comparison; false for a malformed or absurd stored hash. */
export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than `current`. */
export function needsRehash(encoded: string, current: ScryptParams): boolean {
  const parsed = parsePasswordHash(encoded);
  if (parsed === undefined) return true;
  const { logN, r, p } = parsed.params;
  return logN < current.logN || r < current.r || p < current.p;
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A one-time password HQ hands out: 20 characters from 32 unambiguous symbols (100 bits), in
 * four groups of five for reading: `k3mzq-…`.
 */
export function newOneTimePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g += 1) {
    let group = '';
    for (let i = 0; i < 5; i += 1) group += ALPHABET.charAt(randomInt(ALPHABET.length));
    groups.push(group);
  }
  return groups.join('-');
}
