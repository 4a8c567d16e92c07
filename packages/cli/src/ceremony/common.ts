import {
  canonicalJson,
  err,
  ok,
  problem,
  shortHash,
  type Problem,
  type Result,
} from '@sandogh/core';
import {
  baseHash,
  baseMul,
  manifestHash,
  openMemberSecret,
  parseScalar,
  revealMatches,
  SecretFileError,
  toHex,
  verifyAnnouncement,
  type AnnouncementCommitment,
  type CryptoManifest,
  type MemberAnnouncement,
  type MemberSecret,
  type SealedMemberSecret,
  type ShareMessage,
} from '@sandogh/crypto';
import { progressBar, say } from '../output.js';
import type { Found } from './files.js';
import { askPassphrase, type PassphraseSource } from './passphrase.js';

/** What every step knows once it has read the manifest (docs/CRYPTO.md §4). */
export interface Election {
  readonly manifest: CryptoManifest;
  /** H_M, hex. */
  readonly hash: string;
  /** H_B: every ceremony proof is bound to it. */
  readonly base: Uint8Array;
}

export function electionOf(manifest: CryptoManifest): Election {
  const hm = manifestHash(manifest);
  return { manifest, hash: toHex(hm), base: baseHash(hm, manifest.board.n, manifest.board.k) };
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A sealed secret made for this election and a member of this board, before any passphrase. */
export function secretBelongs(
  election: Election,
  sealed: SealedMemberSecret,
  file: string,
): Problem[] {
  if (sealed.manifestHash !== election.hash)
    return [
      problem('CEREMONY_WRONG_ELECTION', {
        file,
        found: shortHash(sealed.manifestHash),
        expected: shortHash(election.hash),
      }),
    ];
  const { n } = election.manifest.board;
  return sealed.index > n ? [problem('CEREMONY_MEMBER_INDEX', { index: sealed.index, n })] : [];
}

/** Opens the member's secret: ~1 s of Argon2id at the default cost, said so beforehand. */
export async function openSecret(
  sealed: SealedMemberSecret,
  file: string,
  source: PassphraseSource,
): Promise<Result<{ secret: MemberSecret; passphrase: string }, Problem>> {
  const passphrase = await askPassphrase(source, `member ${sealed.index}'s secret file`);
  if (!passphrase.ok) return passphrase;
  say(`… opening ${file} (Argon2id, memory-hard: a second or so)`);
  try {
    return ok({ secret: openMemberSecret(sealed, passphrase.value), passphrase: passphrase.value });
  } catch (e) {
    if (e instanceof SecretFileError) return err(problem('CEREMONY_SECRET_LOCKED', { file }));
    throw e;
  }
}

/**
 * One announcement from each member 1..n, each proven (check V2), read from whatever files the
 * member collected: identical copies are one, two different ones for a member are refused.
 */
export function collectAnnouncements(
  election: Election,
  found: Found<MemberAnnouncement>,
): Result<MemberAnnouncement[], Problem[]> {
  const { n, k } = election.manifest.board;
  const byMember = new Map<number, { text: string; file: string; a: MemberAnnouncement }[]>();
  const problems: Problem[] = [];
  for (const { file, message } of found) {
    if (message.index > n) {
      problems.push(problem('CEREMONY_MEMBER_INDEX', { index: message.index, n }));
      continue;
    }
    const text = canonicalJson(message);
    const seen = byMember.get(message.index) ?? [];
    if (!seen.some((s) => s.text === text)) seen.push({ text, file, a: message });
    byMember.set(message.index, seen);
  }
  for (const [member, versions] of byMember)
    if (versions.length > 1)
      problems.push(
        problem('CEREMONY_ANNOUNCEMENT_DUPLICATE', {
          member,
          files: versions.map((v) => v.file).join(', '),
        }),
      );
  const missing = range(n).filter((i) => !byMember.has(i));
  if (missing.length > 0)
    problems.push(problem('CEREMONY_ANNOUNCEMENTS_INCOMPLETE', { n, missing: missing.join(', ') }));
  if (problems.length > 0) return err(problems);
  const announcements = range(n).map((i) => byMember.get(i)?.[0]?.a);
  const bar = progressBar('checking announcements', n);
  announcements.forEach((a, i) => {
    if (a === undefined) return;
    const reason =
      a.commitments.length !== k || a.commitmentProofs.length !== k
        ? `${k} commitments with ${k} proofs are needed`
        : verifyAnnouncement(election.base, k, a)
          ? undefined
          : 'a proof of knowledge does not verify';
    if (reason !== undefined)
      problems.push(problem('CEREMONY_ANNOUNCEMENT_INVALID', { member: a.index, reason }));
    bar.update(i + 1);
  });
  bar.stop();
  return problems.length > 0
    ? err(problems)
    : ok(announcements.filter((a): a is MemberAnnouncement => a !== undefined));
}

/**
 * The folder's announcement for this member must be the one made from this secret: otherwise
 * someone swapped it, and every share this member sends would be judged against the wrong
 * commitments (docs/CEREMONY.md "What can go wrong").
 */
export function ownAnnouncementMatches(
  secret: MemberSecret,
  announcements: readonly MemberAnnouncement[],
): Problem[] {
  const mine = announcements.find((a) => a.index === secret.index);
  const expected = secret.coefficients.map((c) => toHex(baseMul(parseScalar(c))));
  const same =
    mine !== undefined &&
    mine.commitments.length === expected.length &&
    mine.commitments.every((c, m) => c === expected[m]) &&
    mine.transportKey === toHex(baseMul(parseScalar(secret.transportSecret)));
  return same ? [] : [problem('CEREMONY_OWN_ANNOUNCEMENT_MISMATCH', { member: secret.index })];
}

/** The share boxes addressed to one member: one from every other member, conflicts refused. */
export function sharesFor(
  election: Election,
  member: number,
  found: Found<ShareMessage>,
): Result<ShareMessage[], Problem[]> {
  const { n } = election.manifest.board;
  const bySender = new Map<number, ShareMessage[]>();
  const problems: Problem[] = [];
  for (const { message } of found) {
    if (message.to !== member) continue;
    if (message.from > n || message.from === member) {
      problems.push(problem('CEREMONY_MEMBER_INDEX', { index: message.from, n }));
      continue;
    }
    const seen = bySender.get(message.from) ?? [];
    if (!seen.some((s) => canonicalJson(s) === canonicalJson(message))) seen.push(message);
    bySender.set(message.from, seen);
  }
  for (const [from, versions] of bySender)
    if (versions.length > 1)
      problems.push(problem('CEREMONY_SHARE_DUPLICATE', { from, to: member }));
  const missing = range(n).filter((i) => i !== member && !bySender.has(i));
  if (missing.length > 0)
    problems.push(problem('CEREMONY_SHARES_INCOMPLETE', { member, missing: missing.join(', ') }));
  if (problems.length > 0) return err(problems);
  return ok([...bySender.values()].flatMap((v) => v.slice(0, 1)));
}

/**
 * The commit round (docs/CRYPTO.md §8.2 step 0, check V18): one commitment from each member
 * 1..n, identical copies counting once; given the revealed announcements, each must be the one
 * its member committed to.
 */
export function collectCommitments(
  election: Election,
  found: Found<AnnouncementCommitment>,
  announcements?: readonly MemberAnnouncement[],
): Result<AnnouncementCommitment[], Problem[]> {
  const { n } = election.manifest.board;
  const byMember = new Map<number, { file: string; c: AnnouncementCommitment }[]>();
  const problems: Problem[] = [];
  for (const { file, message } of found) {
    if (message.index > n) {
      problems.push(problem('CEREMONY_MEMBER_INDEX', { index: message.index, n }));
      continue;
    }
    const seen = byMember.get(message.index) ?? [];
    if (!seen.some((s) => s.c.digest === message.digest)) seen.push({ file, c: message });
    byMember.set(message.index, seen);
  }
  for (const [member, versions] of byMember)
    if (versions.length > 1)
      problems.push(
        problem('CEREMONY_COMMITMENT_DUPLICATE', {
          member,
          files: versions.map((v) => v.file).join(', '),
        }),
      );
  const missing = range(n).filter((i) => !byMember.has(i));
  if (missing.length > 0)
    problems.push(problem('CEREMONY_COMMITMENTS_INCOMPLETE', { n, missing: missing.join(', ') }));
  if (problems.length > 0) return err(problems);
  const commitments = range(n).flatMap((i) => byMember.get(i)?.[0]?.c ?? []);
  for (const a of announcements ?? []) {
    const c = commitments.find((x) => x.index === a.index);
    if (c === undefined || !revealMatches(election.base, c, a))
      problems.push(problem('CEREMONY_REVEAL_MISMATCH', { member: a.index }));
  }
  return problems.length > 0 ? err(problems) : ok(commitments);
}
