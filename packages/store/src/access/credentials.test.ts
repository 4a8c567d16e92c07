import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hashPassword,
  needsRehash,
  newOneTimePassword,
  ONE_TIME_PASSWORD_PARAMS,
  parsePasswordHash,
  STAFF_PASSWORD_PARAMS,
  verifyPassword,
} from './password.js';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  totpCode,
  totpSecondsLeft,
  totpStep,
} from './totp.js';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP and TOTP', () => {
  it('gives the HOTP values of RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('gives the SHA-1 TOTP values of RFC 6238 Appendix B (8 digits, and their last 6)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1_111_111_109, '07081804'],
      [1_111_111_111, '14050471'],
      [1_234_567_890, '89005924'],
      [2_000_000_000, '69279037'],
      [20_000_000_000, '65353130'],
    ];
    const secret = base32Encode(RFC_KEY);
    for (const [seconds, code] of vectors) {
      expect(totpCode(secret, seconds * 1000, 8)).toBe(code);
      expect(totpCode(secret, seconds * 1000)).toBe(code.slice(2));
    }
  });

  it('accepts a code one step either side of now, and says which step', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    for (const offset of [-1, 0, 1]) {
      const code = hotp(RFC_KEY, step + offset);
      expect(matchTotp(secret, code, now)).toBe(step + offset);
    }
    expect(matchTotp(secret, hotp(RFC_KEY, step + 2), now)).toBeUndefined();
    expect(matchTotp(secret, hotp(RFC_KEY, step - 2), now)).toBeUndefined();
    expect(matchTotp(secret, '12345', now)).toBeUndefined();
    expect(matchTotp('not base32!', '123456', now)).toBeUndefined();
  });

  it('round-trips base32 (RFC 4648 vectors, and any bytes)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw6ytboi======')?.toString()).toBe('foobar');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('MZXW6YTBOI', 'sa1')).toBe(
      'otpauth://totp/Sandogh%3Asa1?secret=MZXW6YTBOI&issuer=Sandogh&algorithm=SHA1&digits=6&period=30',
    );
    expect(totpSecondsLeft(59_000)).toBe(1);
    expect(totpSecondsLeft(60_000)).toBe(30);
  });
});

describe('passwords', () => {
  const fast = { logN: 8, r: 8, p: 1 };

  it('hash with a fresh salt and their parameters, and verify', async () => {
    const a = await hashPassword('گذرواژهٔ بسیار خوب', fast);
    const b = await hashPassword('گذرواژهٔ بسیار خوب', fast);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\$scrypt\$ln=8,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(a, 'گذرواژهٔ بسیار خوب')).toBe(true);
    expect(await verifyPassword(a, 'گذرواژهٔ بسیار خوب ')).toBe(false);
    // NFC: the same text typed with a decomposed character is the same password.
    const composed = await hashPassword('café-password', fast);
    expect(await verifyPassword(composed, 'cafe\u0301-password')).toBe(true);
  });

  it('refuse malformed or absurd stored hashes instead of running them', async () => {
    expect(await verifyPassword('plain', 'plain')).toBe(false);
    const absurd = (await hashPassword('x', fast)).replace('ln=8', 'ln=40');
    expect(parsePasswordHash(absurd)).toBeUndefined();
    expect(await verifyPassword(absurd, 'x')).toBe(false);
  });

  it('ask for a rehash when the parameters were raised', async () => {
    const old = await hashPassword('x', ONE_TIME_PASSWORD_PARAMS);
    expect(needsRehash(old, STAFF_PASSWORD_PARAMS)).toBe(true);
    expect(needsRehash(old, ONE_TIME_PASSWORD_PARAMS)).toBe(false);
  });

  it('run the staff parameters (N = 2^15, r = 8, p = 1) within Node’s memory guard', async () => {
    const started = performance.now();
    const hash = await hashPassword('correct horse battery staple', STAFF_PASSWORD_PARAMS);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(hash.startsWith('$scrypt$ln=15,r=8,p=1$')).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(20); // memory-hard, not instant
  });

  it('issue one-time passwords of 100 random bits in four readable groups', () => {
    const seen = new Set(Array.from({ length: 200 }, newOneTimePassword));
    expect(seen.size).toBe(200);
    for (const p of seen) expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
  });
});
