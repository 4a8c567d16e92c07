import { canonicalHash } from '../canonical.js';
import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok } from '../result.js';
import type { Result } from '../result.js';
import type { ResultState } from './compute.js';
import { resultStates } from './compute.js';

/**
 * The versions of a result (issue 7): every publication of a result is a version in a hash
 * chain, so a certified result cannot be altered silently — changing any past version changes
 * its hash, which the next version names. A correction after certification is a new version
 * with a reason and the supervisory board's signatures, never an overwrite (the vxsuite lesson:
 * "results marked official too early and not revertible").
 */

export const RESULT_VERSION_GENESIS = '0'.repeat(64);

/** A person who signed the version, as the HQ's access layer authenticated them. */
export interface VersionSigner {
  readonly staffId: string;
  readonly role: 'supervisory-board' | 'executive-board' | 'hq-staff';
  /** ISO 8601 instant, UTC. */
  readonly signedAt: string;
}

export interface ResultVersion {
  /** 1, 2, 3…: the version number. */
  readonly version: number;
  /** `hash` of the previous version; the genesis value for version 1. */
  readonly previousHash: string;
  readonly state: ResultState;
  /** SHA-256 of the canonical JSON of the result this version publishes. */
  readonly resultsHash: string;
  /** Why this version exists; required for a certification and for every later version. */
  readonly reason: string;
  readonly signers: readonly VersionSigner[];
  /** ISO 8601 instant, UTC. */
  readonly createdAt: string;
}

export interface HashedResultVersion extends ResultVersion {
  /** SHA-256 of the canonical JSON of every field above. */
  readonly hash: string;
}

export type VersionDraft = Omit<ResultVersion, 'version' | 'previousHash'>;

export function versionHash(version: ResultVersion): string {
  const { version: number, previousHash, state, resultsHash, reason, signers, createdAt } = version;
  return canonicalHash({
    version: number,
    previousHash,
    state,
    resultsHash,
    reason,
    signers,
    createdAt,
  });
}

/** Supervisory board signatures a certification or a correction needs (DESIGN §2). */
export const MIN_CERTIFYING_SIGNERS = 2;

function boardSigners(signers: readonly VersionSigner[]): number {
  return new Set(signers.filter((s) => s.role === 'supervisory-board').map((s) => s.staffId)).size;
}

/**
 * Refuses what may not follow: nothing moves after certification except a signed correction
 * (another certified version); a certification needs a final result; before certification a
 * result may move either way between partial, provisional and final (a late flag sends a final
 * result back to provisional).
 */
function transitionProblem(from: ResultState | undefined, draft: VersionDraft): Problem | null {
  const needsSignatures = draft.state === 'certified';
  if (
    needsSignatures &&
    (draft.reason.trim() === '' || boardSigners(draft.signers) < MIN_CERTIFYING_SIGNERS)
  ) {
    return problem('RESULTS_VERSION_UNSIGNED', {
      version: 'new',
      minimum: MIN_CERTIFYING_SIGNERS,
    });
  }
  if (from === 'certified' && draft.state !== 'certified')
    return problem('RESULTS_STATE_ORDER', {
      from,
      to: draft.state,
      reason: 'after certification only a signed correction may follow',
    });
  if (draft.state === 'certified' && from !== 'final' && from !== 'certified')
    return problem('RESULTS_STATE_ORDER', {
      from: from ?? 'none',
      to: draft.state,
      reason: 'only a final result (every branch reconciled) can be certified',
    });
  return null;
}

/** Appends a version to the chain, or says why it may not follow the last one. */
export function appendVersion(
  chain: readonly HashedResultVersion[],
  draft: VersionDraft,
): Result<HashedResultVersion, Problem> {
  if (!resultStates.includes(draft.state))
    return err(problem('INPUT_NOT_ALLOWED', { allowed: resultStates.join(', ') }, ['state']));
  const last = chain[chain.length - 1];
  const refused = transitionProblem(last?.state, draft);
  if (refused !== null) return err(refused);
  const version: ResultVersion = {
    version: (last?.version ?? 0) + 1,
    previousHash: last?.hash ?? RESULT_VERSION_GENESIS,
    state: draft.state,
    resultsHash: draft.resultsHash,
    reason: draft.reason,
    signers: draft.signers,
    createdAt: draft.createdAt,
  };
  return ok({ ...version, hash: versionHash(version) });
}

/**
 * Checks a whole chain as anyone can from the published versions: numbering 1…n, each hash
 * recomputed, each previous hash the one before, each transition allowed. Names the first
 * version that fails.
 */
export function verifyVersionChain(chain: readonly HashedResultVersion[]): Result<true, Problem> {
  let previous: HashedResultVersion | undefined;
  for (const version of chain) {
    const broken = (reason: string): Result<true, Problem> =>
      err(problem('RESULTS_VERSION_CHAIN_BROKEN', { version: version.version, reason }));
    if (version.version !== (previous?.version ?? 0) + 1) return broken('numbering');
    if (version.previousHash !== (previous?.hash ?? RESULT_VERSION_GENESIS))
      return broken('previous hash');
    if (versionHash(version) !== version.hash) return broken('hash');
    const refused = transitionProblem(previous?.state, version);
    if (refused !== null) return broken(refused.message.en);
    previous = version;
  }
  return ok(true);
}
