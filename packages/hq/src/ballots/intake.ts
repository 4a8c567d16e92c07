import {
  branchPackageHash,
  err,
  isTrainingBallot,
  ok,
  problem,
  sha256Hex,
  type Problem,
  type Result,
} from '@sandogh/core';
import {
  checkBallotShape,
  contextFromAnnouncements,
  trackingCode,
  verifyBallotProofs,
  type BallotCheckContext,
  type EncryptedBallot,
} from '@sandogh/crypto';
import {
  listArtefacts,
  readDefinition,
  type HqSigningKey,
  type IncomingBallot,
  type Store,
} from '@sandogh/store';
import { ceremonyState, incompleteBecause, loadCeremony } from '../ceremony/rules.js';
import { buildBranchPackage } from '../devices/package.js';
import type { BallotBatchBody } from './schemas.js';

/**
 * What HQ checks of each ballot before storing it (issue 5, docs/STATION.md "Intake"):
 * check V5 of docs/CRYPTO.md — every element decodes, one selection per candidate, the range
 * proof's length, this election's H_E, the sending branch and its voting day — and computes
 * the tracking code. The zero-knowledge proofs (V7, V8) cost ~100 group operations per
 * ballot; they are checked at intake only when `verifyProofs` is set, and always by the
 * verifier over the whole record before any total is decrypted (law 7). Measured figures and
 * the reasoning: docs/STATION.md.
 */

export interface IntakeContext {
  readonly electionId: string;
  readonly electionHash: string;
  readonly check: BallotCheckContext;
}

/**
 * A completed ceremony's key is final (docs/CEREMONY.md), so the context is kept per store and
 * ceremony once complete: a message costs the two light queries of `loadCeremony` (which
 * election, which ceremony) instead of also re-reading every artefact of the ceremony (the
 * intake profile, docs/BENCHMARKS.md).
 */
const contexts = new WeakMap<
  Store,
  { readonly ceremonyId: string; readonly value: IntakeContext }
>();

export async function intakeContext(store: Store): Promise<Result<IntakeContext, Problem>> {
  const loaded = await loadCeremony(store);
  if (!loaded.ok) return err(problem('BALLOTS_NO_ELECTION_KEY'));
  const { ceremony, manifest } = loaded.value;
  const known = contexts.get(store);
  if (known?.ceremonyId === ceremony.id) return ok(known.value);
  const artefacts = await listArtefacts(store.db, ceremony.id);
  const state = ceremonyState(ceremony.n, artefacts);
  if (incompleteBecause(state) !== undefined) return err(problem('BALLOTS_NO_ELECTION_KEY'));
  const stored = await readDefinition(store, ceremony.electionId);
  if (!stored.ok) return err(stored.error);
  const context = contextFromAnnouncements(manifest, state.announcements);
  const value: IntakeContext = {
    electionId: ceremony.electionId,
    electionHash: stored.value.summary.hash,
    check: {
      extendedHash: context.extendedHash,
      jointKey: context.jointKey,
      seats: context.seats,
      candidateCount: context.candidateCount,
      days: manifest.days,
    },
  };
  contexts.set(store, { ceremonyId: ceremony.id, value });
  return ok(value);
}

/**
 * What identifies a device message's content for exactly-once (law 3): the SHA-256 of its
 * signature. The access layer verified that signature over the canonical message, so another
 * content under the same id cannot carry the same signature; hashing the signature spares a
 * second canonicalisation of the whole message (up to MBs) per request. The device-swap import
 * uses the same digest, so a message that arrives by both roads is recognised.
 */
export function messageDigest(signed: { readonly signature: string }): string {
  return sha256Hex(`sandogh/device-message:${signed.signature}`);
}

/**
 * Each branch's package hash, built once per store and key, and forgotten on any registry
 * change made through this HQ (devices/routes.ts). An HQ of several processes sharing one
 * store would need the registry's changes announced to all of them: docs/STATION.md.
 */
let packageHashes = new WeakMap<Store, Map<string, string>>();

export function forgetPackageHashes(): void {
  packageHashes = new WeakMap();
}

export async function currentPackageHash(
  store: Store,
  branchId: string,
  key: HqSigningKey,
): Promise<string | undefined> {
  let known = packageHashes.get(store);
  if (known === undefined) {
    known = new Map();
    packageHashes.set(store, known);
  }
  const slot = `${key.keyId}:${branchId}`;
  const hash = known.get(slot);
  if (hash !== undefined) return hash;
  const built = await buildBranchPackage(store, branchId, key);
  if (!built.ok) return undefined;
  const computed = branchPackageHash(built.value.package);
  known.set(slot, computed);
  return computed;
}

/** The batch's ballots as stored, or the first refusal; a ballot twice in one batch counts once. */
export function checkBatch(
  ctx: IntakeContext,
  branchId: string,
  body: BallotBatchBody,
  options: { readonly verifyProofs: boolean },
): Result<IncomingBallot[], Problem> {
  const out = new Map<string, IncomingBallot>();
  for (const [index, raw] of body.batch.entries()) {
    const ballot = raw as EncryptedBallot;
    // Issue 8: a ballot made in training mode never enters a count, whatever message carries it.
    if (isTrainingBallot(ballot))
      return err(
        problem('TRAINING_BALLOT_REFUSED', { index }, ['message', 'body', 'batch', index]),
      );
    if (ballot.branchId !== branchId || !ctx.check.days.includes(ballot.day))
      return err(problem('BALLOTS_WRONG_BRANCH', { index }, ['message', 'body', 'batch', index]));
    const parsed = checkBallotShape(ctx.check, ballot, branchId);
    if (typeof parsed === 'string')
      return err(
        problem('BALLOTS_MALFORMED', { index, reason: parsed }, [
          'message',
          'body',
          'batch',
          index,
        ]),
      );
    if (options.verifyProofs) {
      const proofs = verifyBallotProofs(ctx.check, ballot, parsed);
      if (proofs.badSelections.length > 0 || !proofs.limitOk)
        return err(
          problem('BALLOTS_MALFORMED', { index, reason: 'a proof does not verify' }, [
            'message',
            'body',
            'batch',
            index,
          ]),
        );
    }
    const code = trackingCode(ballot);
    out.set(code, { trackingCode: code, document: ballotCanonicalJson(ballot) });
  }
  return ok([...out.values()]);
}

type Selection = EncryptedBallot['selections'][number];

function selectionJson(s: Selection): string {
  return `{"alpha":"${s.alpha}","beta":"${s.beta}","proof":{"c0":"${s.proof.c0}","c1":"${s.proof.c1}","v0":"${s.proof.v0}","v1":"${s.proof.v1}"}}`;
}

/**
 * RFC 8785 for exactly the ballot shape intake admits (schemas.ts: a strict object of hex,
 * a branch id and a date — ASCII that JSON never escapes), keys in the RFC's order: the very
 * bytes `canonicalJson` gives (a property test holds them equal), without its generic walk
 * over ~250 strings per ballot (the intake profile, docs/BENCHMARKS.md).
 */
export function ballotCanonicalJson(b: EncryptedBallot): string {
  return `{"branchId":"${b.branchId}","day":"${b.day}","electionHash":"${b.electionHash}","limit":[${b.limit.map(selectionJson).join(',')}],"selections":[${b.selections.map(selectionJson).join(',')}]}`;
}
