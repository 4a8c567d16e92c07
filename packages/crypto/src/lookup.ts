// "Is my ballot in the record?" (DESIGN §5): a voter types the code from their slip; the answer
// says whether it was cast or challenged, in which branch, and gives an RFC 6962 inclusion proof
// against the branch report's signed root. It reveals nothing about the ballot's content.
import { normaliseShortCode, shortTrackingCode, trackingCode } from './ballotFormat.js';
import type { Hex } from './codec.js';
import { inclusionProof } from './merkle.js';
import type { ElectionRecord } from './record.js';

export interface TrackingLookup {
  readonly status: 'cast' | 'challenged';
  readonly branchId: string;
  readonly trackingCode: Hex;
  readonly shortCode: string;
  /** Root signed in the branch's closing report, and the audit path to it. */
  readonly root: Hex | null;
  readonly proof: { index: number; size: number; path: Hex[] } | null;
}

export interface TrackingIndex {
  readonly lookup: (code: string) => TrackingLookup | null;
}

/** Hashes every ballot once; lookups are then O(1). Accepts the full hex code or the short form. */
export function buildTrackingIndex(record: ElectionRecord): TrackingIndex {
  const byFull = new Map<Hex, { status: 'cast' | 'challenged'; branchId: string }>();
  const byShort = new Map<string, Hex>();
  const codesOf = new Map<string, { cast: Hex[]; challenged: Hex[] }>();
  for (const b of record.branches) {
    const cast = b.cast.map(trackingCode);
    const challenged = b.challenged.map((c) => trackingCode(c.ballot));
    codesOf.set(b.branchId, { cast, challenged });
    for (const [status, list] of [
      ['cast', cast],
      ['challenged', challenged],
    ] as const) {
      for (const code of list) {
        byFull.set(code, { status, branchId: b.branchId });
        byShort.set(shortTrackingCode(code), code);
      }
    }
  }
  return {
    lookup(input: string): TrackingLookup | null {
      const trimmed = input.trim().toLowerCase();
      const full = /^[0-9a-f]{64}$/.test(trimmed)
        ? trimmed
        : byShort.get(normaliseShortCode(input) ?? '');
      const hit = full ? byFull.get(full) : undefined;
      if (!full || !hit) return null;
      const branch = record.branches.find((b) => b.branchId === hit.branchId);
      const codes = codesOf.get(hit.branchId);
      const root = branch?.report
        ? hit.status === 'cast'
          ? branch.report.castRoot
          : branch.report.challengedRoot
        : null;
      const proof = codes
        ? inclusionProof(hit.status === 'cast' ? codes.cast : codes.challenged, full)
        : null;
      return {
        status: hit.status,
        branchId: hit.branchId,
        trackingCode: full,
        shortCode: shortTrackingCode(full),
        root,
        proof,
      };
    },
  };
}

export function lookupTrackingCode(record: ElectionRecord, code: string): TrackingLookup | null {
  return buildTrackingIndex(record).lookup(code);
}
