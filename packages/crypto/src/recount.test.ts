import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  add,
  baseMul,
  GENERATOR,
  IDENTITY,
  isElement,
  randomScalar,
  scalarFromInt,
  sub,
} from './group.js';
import type { Element } from './group.js';
import { toHex } from './codec.js';
import { RecountAccumulator, recountBallots, recountIsValid } from './recount.js';
import { RECOUNT_WASM_BASE64, RECOUNT_WASM_SHA256 } from './recountWasm.js';
import { sumBallots, TallyAccumulator } from './tally.js';
import { demoManifest, runDemoElection } from './demoElection.js';
import type { EncryptedTally } from './elgamal.js';

/**
 * The recount's decoded-form arithmetic (packages/crypto/wasm/recount.c) is checked against
 * libsodium, the profile's reference implementation: the same validity verdict on any 32 bytes,
 * the same sums on any elements. The verifier never uses it.
 */

const P = 2n ** 255n - 19n;
const leBytes = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};

const point = fc
  .tuple(fc.nat({ max: 3 }), fc.integer({ min: 0, max: 1_000 }))
  .map(([kind, small]) =>
    kind === 0 ? IDENTITY : kind === 1 ? baseMul(scalarFromInt(small)) : baseMul(randomScalar()),
  );

/** A tally of one "candidate" per pair of points: the accumulator's own input format. */
const tallyOf = (pairs: readonly (readonly [Element, Element])[]): EncryptedTally => ({
  ballotCount: 1,
  totals: pairs.map(([a, b]) => ({ alpha: toHex(a), beta: toHex(b) })),
});

describe('the recount module agrees with libsodium', () => {
  test.prop([fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 4 })], {
    numRuns: 400,
  })('on the validity of any 32 bytes (canonical, non-negative, on the curve)', (raw, tweak) => {
    const bytes = Uint8Array.from(raw);
    if (tweak === 0) bytes[0] = (bytes[0] ?? 0) & 0xfe; // non-negative s: half the time valid
    if (tweak === 1) bytes.set(baseMul(randomScalar()));
    if (tweak === 2) bytes.set(add(baseMul(randomScalar()), GENERATOR));
    expect(recountIsValid(bytes)).toBe(isElement(bytes));
  });

  it('on the edge cases: identity, p and above, the top bit, negative s', () => {
    const cases = [
      IDENTITY,
      leBytes(P), // non-canonical 0
      leBytes(P + 2n),
      leBytes(P - 1n),
      leBytes(2n ** 255n), // the top bit alone
      Uint8Array.from(GENERATOR).map((b, i) => (i === 31 ? b | 0x80 : b)),
      Uint8Array.from(GENERATOR).map((b, i) => (i === 0 ? b ^ 1 : b)),
      new Uint8Array(32).fill(0xff),
      GENERATOR,
    ];
    for (const c of cases) expect(recountIsValid(c), toHex(c)).toBe(isElement(c));
    expect(recountIsValid(new Uint8Array(31))).toBe(false);
  });

  test.prop(
    [fc.array(fc.array(fc.tuple(point, point), { minLength: 3, maxLength: 3 }), { maxLength: 12 })],
    { numRuns: 60 },
  )('on sums of any elements, the identity and opposites included', (rows) => {
    const reference = new TallyAccumulator(3);
    const recount = new RecountAccumulator(3);
    for (const row of rows) {
      reference.addTally(tallyOf(row));
      recount.addTally(tallyOf(row));
      // P + (−P) = identity, through the decoded form.
      const [first] = row;
      if (first !== undefined) {
        const opposite = tallyOf(
          row.map(([a, b]) => [sub(IDENTITY, a), sub(IDENTITY, b)] as const),
        );
        reference.addTally(opposite);
        recount.addTally(opposite);
      }
    }
    expect(recount.toJson()).toEqual(reference.toJson());
  });

  it('sums a record’s ballots exactly as sumBallots does', () => {
    const manifest = demoManifest({ candidates: 32, seats: 16, branches: 1, n: 1, k: 1 });
    const cast = Array.from({ length: 12 }, (_, i) => ({
      branchId: 'b1',
      choices: Array.from({ length: i }, (_, j) => (j * 5 + i) % 32),
    }));
    const ballots = runDemoElection({ manifest, cast }).record.branches[0]?.cast ?? [];
    expect(recountBallots(32, ballots)).toEqual(sumBallots(32, ballots));
    expect(recountBallots(32, [])).toEqual(new TallyAccumulator(32).toJson());
  });

  it('refuses bad input: bad hex changes nothing, an invalid element voids the totals', () => {
    const g = toHex(GENERATOR);
    const good = tallyOf([[GENERATOR, GENERATOR]]);
    const acc = new RecountAccumulator(1).addTally(good);
    for (const alpha of [g.toUpperCase(), g.slice(2), `${g}00`, 7 as unknown as string])
      expect(() => acc.addTally({ ballotCount: 1, totals: [{ alpha, beta: g }] })).toThrow(
        RangeError,
      );
    expect(() => acc.addTally({ ballotCount: 1, totals: [] })).toThrow(RangeError);
    expect(acc.toJson()).toEqual(new TallyAccumulator(1).addTally(good).toJson());
    expect(() =>
      acc.addTally({ ballotCount: 1, totals: [{ alpha: 'ff'.repeat(32), beta: g }] }),
    ).toThrow(/invalid ristretto255/);
    expect(() => acc.toJson()).toThrow(RangeError);
    expect(() => new RecountAccumulator(100_000)).toThrow(RangeError);
  });

  it('runs the module that build.sh made from recount.c', () => {
    const embedded = Buffer.from(RECOUNT_WASM_BASE64, 'base64');
    expect(createHash('sha256').update(embedded).digest('hex')).toBe(RECOUNT_WASM_SHA256);
    const file = readFileSync(new URL('../wasm/recount.wasm', import.meta.url));
    expect(createHash('sha256').update(file).digest('hex')).toBe(RECOUNT_WASM_SHA256);
  });
});
