import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { baseMul, randomScalar, scalarAdd, SCALAR_ONE } from './group.js';
import { encrypt, encryptBit } from './elgamal.js';
import {
  proveBit,
  proveDleq,
  proveSchnorr,
  verifyBit,
  verifyDleq,
  verifySchnorr,
} from './proofs.js';
import type { ProofBinding } from './proofs.js';

const bind: ProofBinding = { tag: 'test', context: new Uint8Array(32).fill(1), index: 7 };
const other: ProofBinding = { ...bind, index: 8 };

describe('Σ-protocols with Fiat–Shamir', () => {
  it('Schnorr: proves knowledge of a discrete log, bound to its context', () => {
    const a = randomScalar();
    const p = proveSchnorr(a, baseMul(a), bind);
    expect(verifySchnorr(baseMul(a), p, bind)).toBe(true);
    expect(verifySchnorr(baseMul(a), p, other)).toBe(false);
    expect(verifySchnorr(baseMul(randomScalar()), p, bind)).toBe(false);
  });

  it('Chaum–Pedersen: proves log_g A = log_B M and nothing else', () => {
    const s = randomScalar();
    const b = baseMul(randomScalar());
    const p = proveDleq(s, baseMul(s), b, baseMul(s), bind);
    expect(verifyDleq(baseMul(s), b, baseMul(s), p, bind)).toBe(false);
    const q = proveDleq(s, baseMul(s), b, baseMul(randomScalar()), bind);
    expect(verifyDleq(baseMul(s), b, baseMul(randomScalar()), q, bind)).toBe(false);
  });

  test.prop([fc.constantFrom<0 | 1>(0, 1)], { numRuns: 6 })(
    '0/1 proof: completeness for either bit',
    (bit) => {
      const k = baseMul(randomScalar());
      const r = randomScalar();
      const ct = encryptBit(k, bit, r);
      const p = proveBit(k, ct, bit, r, bind);
      expect(verifyBit(k, ct, p, bind)).toBe(true);
      expect(verifyBit(k, ct, p, other)).toBe(false);
      expect(verifyBit(k, { alpha: ct.beta, beta: ct.alpha }, p, bind)).toBe(false);
    },
  );

  it('0/1 proof: an encryption of 2 cannot be proven either way', () => {
    const k = baseMul(randomScalar());
    const r = randomScalar();
    const one = encryptBit(k, 1, r);
    // (g^r, g^2·K^r): β·g⁻¹ = g·K^r is not K^r, so neither branch is a DH tuple.
    const two = encrypt(k, scalarAdd(SCALAR_ONE, SCALAR_ONE), r);
    expect(two.alpha).toEqual(one.alpha);
    for (const bit of [0, 1] as const) {
      expect(verifyBit(k, two, proveBit(k, two, bit, r, bind), bind)).toBe(false);
    }
  });
});
