import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { inclusionProof, merkleRoot, verifyInclusion } from './merkle.js';
import { toHex } from './codec.js';

const code = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex);

describe('Merkle tree over sorted tracking codes (RFC 6962)', () => {
  it('follows RFC 6962: empty tree, one leaf, two leaves', () => {
    expect(merkleRoot([])).toBe(toHex(sha256(new Uint8Array(0))));
    const a = '11'.repeat(32);
    const b = '22'.repeat(32);
    const leaf = (h: string) => sha256(Uint8Array.from([0, ...Buffer.from(h, 'hex')]));
    expect(merkleRoot([a])).toBe(toHex(leaf(a)));
    expect(merkleRoot([b, a])).toBe(toHex(sha256(Uint8Array.from([1, ...leaf(a), ...leaf(b)]))));
  });

  test.prop([fc.uniqueArray(code, { maxLength: 40 })], { numRuns: 30 })(
    'does not depend on the order ballots arrived in',
    (codes) => {
      expect(merkleRoot([...codes].reverse())).toBe(merkleRoot(codes));
    },
  );

  test.prop([fc.uniqueArray(code, { minLength: 1, maxLength: 40 }), code], { numRuns: 30 })(
    'changes when a code is added, dropped or duplicated',
    (codes, extra) => {
      fc.pre(!codes.includes(extra));
      const root = merkleRoot(codes);
      expect(merkleRoot([...codes, extra])).not.toBe(root);
      expect(merkleRoot(codes.slice(1))).not.toBe(root);
      expect(merkleRoot([...codes, codes[0] ?? extra])).not.toBe(root);
    },
  );

  test.prop([fc.uniqueArray(code, { minLength: 1, maxLength: 33 })], { numRuns: 30 })(
    'gives every ballot an inclusion proof that verifies, and only against its root',
    (codes) => {
      const root = merkleRoot(codes);
      for (const c of codes) {
        const proof = inclusionProof(codes, c);
        if (!proof) throw new Error('missing proof');
        expect(verifyInclusion(c, proof, root)).toBe(true);
        expect(verifyInclusion('00'.repeat(32), proof, root)).toBe(false);
      }
      expect(inclusionProof(codes, 'ff'.repeat(31) + '00')).toBeNull();
    },
  );
});
