import { err, ok, problem, type Problem, type Result } from '@sandogh/core';
import {
  baseHash,
  fromHex,
  judgeComplaint,
  revealMatches,
  sealedFromMessage,
  verifyAnnouncement,
  type AnnouncementCommitment,
  type Complaint,
  type ComplaintVerdict,
  type CryptoManifest,
  type MemberAnnouncement,
  type ShareMessage,
} from '@sandogh/crypto';
import {
  currentCeremony,
  currentElection,
  type Artefact,
  type Ceremony,
  type ComplaintVerdictStored,
  type Store,
} from '@sandogh/store';

/**
 * The ceremony's steps as the HQ sees them (docs/CRYPTO.md §8.2, docs/CEREMONY.md): it relays
 * and keeps the public parts, and refuses anything out of order or that the profile's own
 * checks reject, before anything is written (law 8). It never holds a secret.
 */

export interface LoadedCeremony {
  readonly ceremony: Ceremony;
  readonly manifest: CryptoManifest;
  /** H_B: what every ceremony proof is bound to (§4.2). */
  readonly base: Uint8Array;
}

export type Phase = 'committing' | 'announcing' | 'sharing' | 'complete' | 'failed';

export interface JudgedComplaint extends Complaint {
  readonly verdict: ComplaintVerdictStored;
}

export interface CeremonyState {
  readonly phase: Phase;
  /** The commit round (§8.2 step 0): every member's commitment comes before any announcement. */
  readonly commitments: readonly AnnouncementCommitment[];
  readonly missingCommitments: readonly number[];
  readonly announcements: readonly MemberAnnouncement[];
  readonly shares: readonly ShareMessage[];
  readonly complaints: readonly JudgedComplaint[];
  readonly missingAnnouncements: readonly number[];
  readonly missingShares: readonly { readonly from: number; readonly to: number }[];
  /** Members a complaint proved to have sent a bad share: the ceremony must be rerun. */
  readonly convicted: readonly number[];
}

/** The manifest is parsed once per ceremony: a Tehran manifest with report keys is ~1.5 MB. */
const parsed = new Map<string, LoadedCeremony>();

export async function loadCeremony(store: Store): Promise<Result<LoadedCeremony, Problem>> {
  const election = await currentElection(store);
  if (election === undefined) return err(problem('DEFINITION_NOT_LOADED'));
  const ceremony = await currentCeremony(store.db, election.id);
  if (ceremony === undefined) return err(problem('CEREMONY_NOT_OPEN'));
  const cached = parsed.get(ceremony.id);
  if (cached !== undefined) return ok(cached);
  const loaded: LoadedCeremony = {
    ceremony,
    manifest: JSON.parse(ceremony.manifest) as CryptoManifest,
    base: baseHash(fromHex(ceremony.manifestHash, 32), ceremony.n, ceremony.k),
  };
  parsed.clear();
  parsed.set(ceremony.id, loaded);
  return ok(loaded);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** Where the ceremony stands, from what the store holds (docs/CEREMONY.md "Phases"). */
export function ceremonyState(n: number, artefacts: readonly Artefact[]): CeremonyState {
  const of = <T>(kind: Artefact['kind']): T[] =>
    artefacts.filter((a) => a.kind === kind).map((a) => JSON.parse(a.document) as T);
  const commitments = of<AnnouncementCommitment>('commitment');
  const announcements = of<MemberAnnouncement>('announcement');
  const shares = of<ShareMessage>('share');
  const complaints = artefacts
    .filter((a) => a.kind === 'complaint')
    .map((a) => ({
      ...(JSON.parse(a.document) as Complaint),
      verdict: a.verdict ?? 'complaint-unfounded',
    }));
  const committed = new Set(commitments.map((c) => c.index));
  const missingCommitments = range(n).filter((i) => !committed.has(i));
  const announced = new Set(announcements.map((a) => a.index));
  const delivered = new Set(shares.map((s) => `${s.from}>${s.to}`));
  const missingAnnouncements = range(n).filter((i) => !announced.has(i));
  const missingShares = range(n).flatMap((from) =>
    range(n)
      .filter((to) => to !== from && !delivered.has(`${from}>${to}`))
      .map((to) => ({ from, to })),
  );
  const convicted = [
    ...new Set(complaints.filter((c) => c.verdict === 'sender-at-fault').map((c) => c.from)),
  ].sort((a, b) => a - b);
  const phase: Phase =
    convicted.length > 0
      ? 'failed'
      : missingAnnouncements.length > 0
        ? missingCommitments.length > 0
          ? 'committing'
          : 'announcing'
        : missingShares.length > 0
          ? 'sharing'
          : 'complete';
  return {
    phase,
    commitments,
    missingCommitments,
    announcements,
    shares,
    complaints,
    missingAnnouncements,
    missingShares,
    convicted,
  };
}

function members(list: readonly number[]): string {
  return list.join(', ');
}

/** A convicted ceremony takes nothing more but complaints: it must be rerun (§8.2 step 4). */
function notFailed(state: CeremonyState): Problem | undefined {
  const [first] = state.complaints.filter((c) => c.verdict === 'sender-at-fault');
  return first === undefined
    ? undefined
    : problem('CEREMONY_SENDER_CONVICTED', { from: first.from, to: first.to });
}

function inBoard(loaded: LoadedCeremony, index: number, path: string): Problem | undefined {
  const { n } = loaded.ceremony;
  return index > n ? problem('CEREMONY_MEMBER_INDEX', { index, n }, ['body', path]) : undefined;
}

/**
 * Step 0, the commit round: a member's commitment to the announcement they will reveal. Only
 * before the announcements: once one is revealed, a late commitment could be chosen after it.
 */
export function checkCommitment(
  loaded: LoadedCeremony,
  state: CeremonyState,
  c: AnnouncementCommitment,
): Problem | undefined {
  const outside = inBoard(loaded, c.index, 'index');
  if (outside !== undefined) return outside;
  const failed = notFailed(state);
  if (failed !== undefined) return failed;
  if (state.announcements.length > 0 && !state.commitments.some((x) => x.index === c.index))
    return problem('CEREMONY_NOT_READY', {
      reason: 'announcements are already being revealed: the commit round is over',
    });
  return undefined;
}

/**
 * Step 1: a member's announcement, checked exactly as checks V2 and V18 will check it: only
 * once every member has committed, and only the announcement committed to.
 */
export function checkAnnouncement(
  loaded: LoadedCeremony,
  state: CeremonyState,
  a: MemberAnnouncement,
): Problem | undefined {
  const outside = inBoard(loaded, a.index, 'index');
  if (outside !== undefined) return outside;
  const failed = notFailed(state);
  if (failed !== undefined) return failed;
  if (state.missingCommitments.length > 0)
    return problem('CEREMONY_NOT_READY', {
      reason: `commitments are still missing from members ${members(state.missingCommitments)}`,
    });
  const committed = state.commitments.find((c) => c.index === a.index);
  if (committed === undefined || !revealMatches(loaded.base, committed, a))
    return problem('CEREMONY_REVEAL_MISMATCH', { member: a.index });
  const { k } = loaded.ceremony;
  if (a.commitments.length !== k || a.commitmentProofs.length !== k)
    return problem('CEREMONY_ANNOUNCEMENT_INVALID', {
      member: a.index,
      reason: `${k} commitments with ${k} proofs are needed`,
    });
  if (!verifyAnnouncement(loaded.base, k, a))
    return problem('CEREMONY_ANNOUNCEMENT_INVALID', {
      member: a.index,
      reason: 'a proof of knowledge does not verify',
    });
  return undefined;
}

/** Step 2: a share box, once every member has announced (its sender checked them all). */
export function checkShare(
  loaded: LoadedCeremony,
  state: CeremonyState,
  m: ShareMessage,
): Problem | undefined {
  const outside = inBoard(loaded, m.from, 'from') ?? inBoard(loaded, m.to, 'to');
  if (outside !== undefined) return outside;
  if (m.from === m.to)
    return problem('CEREMONY_SHARE_INVALID', {
      from: m.from,
      to: m.to,
      reason: 'a member sends no share to themself',
    });
  const failed = notFailed(state);
  if (failed !== undefined) return failed;
  if (state.missingAnnouncements.length > 0)
    return problem('CEREMONY_NOT_READY', {
      reason: `announcements are still missing from members ${members(state.missingAnnouncements)}`,
    });
  try {
    sealedFromMessage(m);
  } catch {
    return problem('CEREMONY_SHARE_INVALID', {
      from: m.from,
      to: m.to,
      reason: 'the ephemeral key is not a group element',
    });
  }
  return undefined;
}

/** Step 3: a complaint, judged on its public evidence at once (check V3). */
export function judgeSubmittedComplaint(
  loaded: LoadedCeremony,
  state: CeremonyState,
  c: Complaint,
): Result<ComplaintVerdictStored, Problem> {
  const outside = inBoard(loaded, c.from, 'from') ?? inBoard(loaded, c.to, 'to');
  if (outside !== undefined) return err(outside);
  const message = state.shares.find((s) => s.from === c.from && s.to === c.to);
  if (c.from === c.to || message === undefined)
    return err(
      problem('CEREMONY_NOT_READY', {
        reason: `there is no share box from member ${c.from} to member ${c.to} to complain about`,
      }),
    );
  const verdict: ComplaintVerdict = judgeComplaint(loaded.base, state.announcements, message, c);
  if (verdict === 'complaint-invalid')
    return err(problem('CEREMONY_COMPLAINT_INVALID', { from: c.from, to: c.to }));
  return ok(verdict);
}

/** Why the joint key may not be published yet, if it may not. */
export function incompleteBecause(state: CeremonyState): Problem | undefined {
  switch (state.phase) {
    case 'complete':
      return undefined;
    case 'failed':
      return notFailed(state);
    case 'committing':
      return problem('CEREMONY_NOT_COMPLETE', {
        reason: `commitments are missing from members ${members(state.missingCommitments)}`,
      });
    case 'announcing':
      return problem('CEREMONY_NOT_COMPLETE', {
        reason: `announcements are missing from members ${members(state.missingAnnouncements)}`,
      });
    case 'sharing':
      return problem('CEREMONY_NOT_COMPLETE', {
        reason: `${state.missingShares.length} share box(es) are missing`,
      });
  }
}
