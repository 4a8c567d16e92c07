import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  add,
  baseMul,
  elementEquals,
  GENERATOR,
  GROUP_ORDER,
  IDENTITY,
  isElement,
  isScalar,
  mul,
  scalarAdd,
  scalarFromBigint,
  scalarInvert,
  scalarMul,
  scalarToBigint,
  sub,
} from './group.js';
import { CodecError, parseElement, parseScalar, toHex } from './codec.js';

const scalar = fc.bigInt({ min: 0n, max: GROUP_ORDER - 1n }).map(scalarFromBigint);

describe('ristretto255 group (RFC 9496)', () => {
  it('has the RFC 9496 §A.1 generator encoding', () => {
    expect(toHex(GENERATOR)).toBe(
      'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
    );
    expect(toHex(baseMul(scalarFromBigint(2n)))).toBe(
      '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
    );
  });

  test.prop([scalar, scalar], { numRuns: 20 })(
    'g^a · g^b = g^(a+b) and (g^a)^b = g^(ab)',
    (a, b) => {
      expect(elementEquals(add(baseMul(a), baseMul(b)), baseMul(scalarAdd(a, b)))).toBe(true);
      expect(elementEquals(mul(baseMul(a), b), baseMul(scalarMul(a, b)))).toBe(true);
      expect(elementEquals(sub(baseMul(a), baseMul(a)), IDENTITY)).toBe(true);
    },
  );

  it('treats zero scalars and the identity without error', () => {
    expect(elementEquals(baseMul(scalarFromBigint(0n)), IDENTITY)).toBe(true);
    expect(elementEquals(mul(IDENTITY, scalarFromBigint(5n)), IDENTITY)).toBe(true);
    expect(elementEquals(baseMul(scalarFromBigint(GROUP_ORDER)), IDENTITY)).toBe(true);
  });

  test.prop([scalar.filter((s) => scalarToBigint(s) !== 0n)], { numRuns: 10 })(
    'inverts non-zero scalars',
    (a) => {
      expect(scalarToBigint(scalarMul(a, scalarInvert(a)))).toBe(1n);
    },
  );

  it('rejects non-canonical scalars and invalid element encodings', () => {
    const q = scalarFromBigint(0n);
    expect(isScalar(q)).toBe(true);
    const over = new Uint8Array(32).fill(0xff);
    expect(isScalar(over)).toBe(false);
    expect(() => parseScalar(toHex(over))).toThrow(CodecError);
    // RFC 9496 §A.2: a non-canonical field element and a negative one are not valid encodings.
    expect(
      isElement(
        Uint8Array.from(
          Buffer.from('00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', 'hex'),
        ),
      ),
    ).toBe(false);
    expect(
      isElement(
        Uint8Array.from(
          Buffer.from('0100000000000000000000000000000000000000000000000000000000000000', 'hex'),
        ),
      ),
    ).toBe(false);
    expect(() => parseElement('zz')).toThrow(CodecError);
    expect(() => parseElement(toHex(GENERATOR).toUpperCase())).toThrow(CodecError);
  });
});

describe('hashing into the group', () => {
  it('is deterministic and separated by tag', async () => {
    const { hashToElement, hashToScalar } = await import('./hash.js');
    const data = new Uint8Array([1, 2, 3]);
    expect(hashToElement('a', data)).toEqual(hashToElement('a', data));
    expect(elementEquals(hashToElement('a', data), hashToElement('b', data))).toBe(false);
    expect(isElement(hashToElement('a', data))).toBe(true);
    expect(isScalar(hashToScalar('a', data))).toBe(true);
  });
});
