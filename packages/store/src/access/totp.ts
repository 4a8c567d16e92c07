import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords, the second factor of every staff account (issue 3): RFC 6238
 * over HOTP (RFC 4226) with HMAC-SHA1, 30-second steps, 6 digits — what every authenticator app
 * speaks by default. A code is accepted one step either side of now (RFC 6238 §5.2, for clock
 * drift and typing time); the step it matched is returned so that the caller can refuse the
 * same code, or an older one, ever again (§5.2: "the verifier MUST NOT accept the second
 * attempt of the same OTP after the successful validation").
 */
export const TOTP = {
  algorithm: 'SHA1',
  digits: 6,
  periodSeconds: 30,
  /** Steps accepted either side of the current one. */
  window: 1,
  /** RFC 4226 §4 R6 recommends 160-bit shared secrets. */
  secretBytes: 20,
  issuer: 'Sandogh',
} as const;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as authenticator apps take secrets. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32.charAt((value << (5 - bits)) & 31);
  return out;
}

/** Decodes base32 (case, spaces and padding ignored); undefined for any other character. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

/** RFC 4226 §5.3: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation, modulo. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4: the step is the number of whole periods since the Unix epoch. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP.periodSeconds);
}

/** The code of a step (default: the current one); undefined for a malformed secret. */
export function totpCode(
  secret: string,
  nowMs: number,
  digits: number = TOTP.digits,
): string | undefined {
  const key = base32Decode(secret);
  return key === undefined ? undefined : hotp(key, totpStep(nowMs), digits);
}

/** Seconds until the current code changes. */
export function totpSecondsLeft(nowMs: number): number {
  return TOTP.periodSeconds - (Math.floor(nowMs / 1000) % TOTP.periodSeconds);
}

/**
 * The step whose code `code` is, within the window around now; undefined when none matches.
 * Every step of the window is computed and compared in constant time, so the time taken
 * says nothing about which step (or digit) was close.
 */
export function matchTotp(secret: string, code: string, nowMs: number): number | undefined {
  const key = base32Decode(secret);
  if (key === undefined || !/^[0-9]{6}$/.test(code)) return undefined;
  const now = totpStep(nowMs);
  let matched: number | undefined;
  for (let step = now - TOTP.window; step <= now + TOTP.window; step += 1) {
    const expected = Buffer.from(hotp(key, step));
    if (timingSafeEqual(expected, Buffer.from(code)) && matched === undefined) matched = step;
  }
  return matched;
}

/** The `otpauth://` URI an authenticator app reads from a QR code (Key Uri Format). */
export function otpauthUri(secret: string, username: string): string {
  const label = encodeURIComponent(`${TOTP.issuer}:${username}`);
  const query = new URLSearchParams({
    secret,
    issuer: TOTP.issuer,
    algorithm: TOTP.algorithm,
    digits: String(TOTP.digits),
    period: String(TOTP.periodSeconds),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
