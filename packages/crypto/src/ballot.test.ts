import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { baseMul, randomScalar } from './group.js';
import { BallotInputError, encryptBallot, revealBallot } from './ballot.js';
import {
  limitBits,
  limitWeights,
  normaliseShortCode,
  shortCodePrefixHex,
  shortTrackingCode,
  trackingCode,
} from './ballotFormat.js';
import {
  checkBallotShape,
  verifyBallot,
  verifyBallotProofs,
  verifyChallengedBallot,
  verifyChallengedOpening,
} from './verifyBallot.js';

const ctx = {
  extendedHash: new Uint8Array(32).fill(9),
  jointKey: baseMul(randomScalar()),
  seats: 4,
  candidateCount: 6,
  days: ['2024-05-10'],
};
const header = { branchId: 'b7', day: '2024-05-10' };

function verifies(ballot: ReturnType<typeof encryptBallot>['ballot']): boolean {
  const parsed = checkBallotShape(ctx, ballot, 'b7');
  if (typeof parsed === 'string') return false;
  const v = verifyBallotProofs(ctx, ballot, parsed);
  return v.badSelections.length === 0 && v.limitOk;
}

describe('range weights for 0..L', () => {
  test.prop([fc.integer({ min: 1, max: 64 })])(
    'every sum of weighted bits is in 0..L and every value of 0..L has bits',
    (seats) => {
      const w = limitWeights(seats);
      expect(w.reduce((a, b) => a + b, 0)).toBe(seats);
      for (let s = 0; s <= seats; s++) {
        const bits = limitBits(s, seats);
        expect(bits.reduce<number>((acc, b, i) => acc + b * (w[i] ?? 0), 0)).toBe(s);
      }
    },
  );

  it('uses 5 bits (1, 2, 4, 8, 1) for the 16 seats of the Tehran runoff', () => {
    expect(limitWeights(16)).toEqual([1, 2, 4, 8, 1]);
  });
});

describe('ballot encryption', () => {
  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 4 })], { numRuns: 8 })(
    'any 0..L distinct choices verify',
    (choices) => {
      const e = encryptBallot(ctx, header, choices);
      expect(verifies(e.ballot)).toBe(true);
      expect(e.trackingCode).toBe(trackingCode(e.ballot));
    },
  );

  it('accepts a blank ballot and refuses over-votes, repeats and unknown candidates', () => {
    expect(verifies(encryptBallot(ctx, header, []).ballot)).toBe(true);
    expect(() => encryptBallot(ctx, header, [0, 1, 2, 3, 4])).toThrow(BallotInputError);
    expect(() => encryptBallot(ctx, header, [1, 1])).toThrow(BallotInputError);
    expect(() => encryptBallot(ctx, header, [6])).toThrow(BallotInputError);
    expect(() => encryptBallot(ctx, { ...header, day: '2024-05-10T08:00' }, [])).toThrow(
      BallotInputError,
    );
  });

  it('is deterministic given the seed, and carries no time finer than the day', () => {
    const seed = new Uint8Array(32).fill(3);
    const a = encryptBallot(ctx, header, [2], { seed });
    const b = encryptBallot(ctx, header, [2], { seed });
    expect(a.trackingCode).toBe(b.trackingCode);
    expect(Object.keys(a.ballot).sort()).toEqual([
      'branchId',
      'day',
      'electionHash',
      'limit',
      'selections',
    ]);
  });

  it('prints a short code of 4×4 Crockford base32 characters that reads back forgivingly', () => {
    const e = encryptBallot(ctx, header, [1]);
    expect(e.shortCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(shortTrackingCode(e.trackingCode)).toBe(e.shortCode);
    expect(normaliseShortCode(e.shortCode.toLowerCase().replace(/-/g, ' '))).toBe(e.shortCode);
    expect(normaliseShortCode('too-short')).toBeNull();
  });

  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 })])(
    'gives back the first 80 bits of the full code from the short one',
    (bytes) => {
      const full = Buffer.from(bytes).toString('hex');
      expect(shortCodePrefixHex(shortTrackingCode(full))).toBe(full.slice(0, 20));
      expect(shortCodePrefixHex('not a code')).toBeNull();
    },
  );
});

describe('Benaloh challenge', () => {
  it('the opening re-creates the ballot, and a different claim does not', () => {
    const e = encryptBallot(ctx, header, [0, 5]);
    const challenged = revealBallot(e);
    const parsed = checkBallotShape(ctx, challenged.ballot, 'b7');
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(
      verifyChallengedOpening(ctx, parsed, challenged.reveal.seed, challenged.reveal.choices),
    ).toBe(true);
    expect(verifyChallengedOpening(ctx, parsed, challenged.reveal.seed, [0, 4])).toBe(false);
    expect(verifyChallengedOpening(ctx, parsed, '00'.repeat(32), [0, 5])).toBe(false);
    expect(verifyChallengedBallot(ctx, challenged)).toBe(true);
    expect(
      verifyChallengedBallot(ctx, {
        ...challenged,
        reveal: { ...challenged.reveal, choices: [5] },
      }),
    ).toBe(false);
    expect(verifyBallot(ctx, challenged.ballot, 'b7').ok).toBe(true);
    expect(verifyBallot(ctx, challenged.ballot, 'b8').problem).toMatch(/branch/);
  });
});

describe('ballot nonce stream (docs/CRYPTO.md §7.2)', () => {
  it('is the ChaCha20 keystream with nonce "LibsodiumDRG" and counter 0', async () => {
    const sodium = (await import('libsodium-wrappers-sumo')).default;
    const { chacha20Stream } = await import('./symmetric.js');
    const key = new Uint8Array(32).map((_, i) => i);
    const nonce = new TextEncoder().encode('LibsodiumDRG');
    expect(chacha20Stream(key, 256)).toEqual(
      sodium.crypto_stream_chacha20_ietf_xor(new Uint8Array(256), nonce, key),
    );
  });
});
