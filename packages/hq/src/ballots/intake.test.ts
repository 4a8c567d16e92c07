import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { canonicalJson } from '@sandogh/core';
import type { EncryptedBallot } from '@sandogh/crypto';
import { encryptedBallotSchema } from './schemas.js';
import { ballotCanonicalJson } from './intake.js';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const selection = fc.record({
  alpha: hex64,
  beta: hex64,
  proof: fc.record({ c0: hex64, c1: hex64, v0: hex64, v1: hex64 }),
});
const ballot = fc.record({
  electionHash: hex64,
  branchId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
  day: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  selections: fc.array(selection, { minLength: 1, maxLength: 40 }),
  limit: fc.array(selection, { minLength: 1, maxLength: 11 }),
});

describe('the stored form of a ballot (law 7: the record is canonical JSON)', () => {
  it('is byte for byte the RFC 8785 form of every ballot intake admits', () => {
    fc.assert(
      fc.property(ballot, (b) => {
        const parsed = encryptedBallotSchema.parse(b) as EncryptedBallot;
        expect(ballotCanonicalJson(parsed)).toBe(canonicalJson(parsed));
      }),
      { numRuns: 300 },
    );
  });
});
