import { join } from 'node:path';
import { problem, shortHash, type Problem } from '@sandogh/core';
import { cryptoManifestFromDefinition } from '@sandogh/hq';
import {
  contextFromAnnouncements,
  contextToJson,
  judgeComplaint,
  sealedFromMessage,
  type Complaint,
  type ShareMessage,
} from '@sandogh/crypto';
import { validatedFile } from '../commands/election.js';
import { boundedInteger } from '../flags.js';
import { say } from '../output.js';
import {
  collectAnnouncements,
  collectCommitments,
  electionOf,
  range,
  type Election,
} from './common.js';
import {
  readAnnouncements,
  readCommitments,
  readComplaints,
  readManifest,
  readShares,
  writeNew,
  type Found,
} from './files.js';

/**
 * The board's shared steps (docs/CEREMONY.md): the manifest before the ceremony, judging a
 * complaint, and the joint key at the end. They use public files only and may run on any
 * machine, the HQ's included; every member can rerun them to check the others.
 */

export interface ManifestFlags {
  readonly election: string;
  readonly threshold: string;
  readonly members?: string;
  readonly boardMembers?: string;
  readonly out: string;
  readonly force?: boolean;
}

/** The crypto manifest of docs/CRYPTO.md §4.1 from the election definition (rules: hq/ceremony/manifest.ts). */
export function ceremonyManifest(flags: ManifestFlags): Problem[] | undefined {
  const definition = validatedFile(flags.election);
  if (!definition.ok) return definition.error;
  const k = boundedInteger(flags.threshold, 'threshold', 1, 255);
  const n =
    flags.members === undefined ? undefined : boundedInteger(flags.members, 'members', 1, 255);
  const flagProblems = [k, n].filter((v): v is Problem => typeof v === 'object');
  if (flagProblems.length > 0 || typeof k !== 'number' || typeof n === 'object')
    return flagProblems;
  const members = flags.boardMembers
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const manifest = cryptoManifestFromDefinition(definition.value, { k, n, members });
  if (!manifest.ok) return manifest.error;
  const written = writeNew(flags.out, manifest.value, flags.force === true);
  if (written.length > 0) return written;
  const election = electionOf(manifest.value);
  const m = manifest.value;
  say(`✔ crypto manifest of ${m.electionId} written to ${flags.out}`);
  say(`  manifest hash H_M ${election.hash}`);
  say(`  board: ${m.board.n} members, any ${m.board.k} of them decrypt`);
  say(
    `  ${m.candidates.length} candidates, up to ${m.seats} selections, ${m.branches.length} branches`,
  );
  return undefined;
}

/** Every ordered pair j ≠ ℓ has exactly one well-formed box (check V3's first half). */
function allShares(election: Election, found: Found<ShareMessage>): Problem[] {
  const { n } = election.manifest.board;
  const have = new Map<string, ShareMessage>();
  const problems: Problem[] = [];
  for (const { message } of found) {
    const key = `${message.from}>${message.to}`;
    const other = have.get(key);
    if (other !== undefined && JSON.stringify(other) !== JSON.stringify(message))
      problems.push(problem('CEREMONY_SHARE_DUPLICATE', { from: message.from, to: message.to }));
    have.set(key, message);
  }
  for (const to of range(n)) {
    const missing = range(n).filter((from) => from !== to && !have.has(`${from}>${to}`));
    if (missing.length > 0)
      problems.push(
        problem('CEREMONY_SHARES_INCOMPLETE', { member: to, missing: missing.join(', ') }),
      );
  }
  for (const m of have.values()) {
    try {
      sealedFromMessage(m);
    } catch {
      problems.push(
        problem('CEREMONY_SHARE_INVALID', {
          from: m.from,
          to: m.to,
          reason: 'the ephemeral key is not a group element',
        }),
      );
    }
  }
  return problems;
}

/** Judges complaints on their public evidence (check V3); convictions and invalid ones as problems. */
function judged(
  election: Election,
  announcements: Parameters<typeof judgeComplaint>[1],
  shares: Found<ShareMessage>,
  complaints: Found<Complaint>,
): Problem[] {
  const problems: Problem[] = [];
  for (const { message: c, file } of complaints) {
    const box = shares.find((s) => s.message.from === c.from && s.message.to === c.to)?.message;
    if (box === undefined) {
      problems.push(
        problem('CEREMONY_SHARES_INCOMPLETE', { member: c.to, missing: String(c.from) }),
      );
      continue;
    }
    const verdict = judgeComplaint(election.base, announcements, box, c);
    say(`  ${file}: member ${c.to} against member ${c.from} → ${verdict}`);
    if (verdict === 'sender-at-fault')
      problems.push(problem('CEREMONY_SENDER_CONVICTED', { from: c.from, to: c.to }));
    else if (verdict === 'complaint-invalid')
      problems.push(problem('CEREMONY_COMPLAINT_INVALID', { from: c.from, to: c.to }));
    else say(`  the box from member ${c.from} checks out: the complaint is unfounded`);
  }
  return problems;
}

export interface JudgeFlags {
  readonly manifest: string;
  readonly announcements: string;
  readonly shares: string;
  readonly complaints: string;
}

export function complaintJudge(flags: JudgeFlags): Problem[] | undefined {
  const manifest = readManifest(flags.manifest);
  if (!manifest.ok) return manifest.error;
  const election = electionOf(manifest.value);
  const found = readAnnouncements(flags.announcements);
  if (!found.ok) return found.error;
  const announcements = collectAnnouncements(election, found.value);
  if (!announcements.ok) return announcements.error;
  const shares = readShares(flags.shares);
  if (!shares.ok) return shares.error;
  const complaints = readComplaints(flags.complaints);
  if (!complaints.ok) return complaints.error;
  say(`Judging ${complaints.value.length} complaint(s) on their public evidence (CRYPTO.md §8.3):`);
  const problems = judged(election, announcements.value, shares.value, complaints.value);
  return problems.length > 0 ? problems : undefined;
}

export interface CommitmentsFlags {
  readonly manifest: string;
  readonly commitments: string;
  readonly announcements?: string;
}

/**
 * The commit round (docs/CRYPTO.md §8.2 step 0): before anyone reveals an announcement, every
 * member's commitment must be in; after, each revealed announcement must be the one committed
 * to (check V18). Public files only: any member, or the HQ, runs it.
 */
export function commitmentsCheck(flags: CommitmentsFlags): Problem[] | undefined {
  const manifest = readManifest(flags.manifest);
  if (!manifest.ok) return manifest.error;
  const election = electionOf(manifest.value);
  const found = readCommitments(flags.commitments);
  if (!found.ok) return found.error;
  let revealed;
  if (flags.announcements !== undefined) {
    const read = readAnnouncements(flags.announcements);
    if (!read.ok) return read.error;
    const announcements = collectAnnouncements(election, read.value);
    if (!announcements.ok) return announcements.error;
    revealed = announcements.value;
  }
  const commitments = collectCommitments(election, found.value, revealed);
  if (!commitments.ok) return commitments.error;
  const { n } = manifest.value.board;
  if (revealed === undefined) {
    say(`✔ all ${n} members have committed (manifest ${shortHash(election.hash)})`);
    say('  the commit round is over: each member may now give out their announcement');
  } else say(`✔ all ${n} announcements are the ones committed to (check V18): go on to the shares`);
  return undefined;
}

export interface KeyFlags {
  readonly manifest: string;
  readonly commitments: string;
  readonly announcements: string;
  readonly shares?: string;
  readonly complaints?: string;
  readonly out: string;
  readonly transcript?: string;
  readonly force?: boolean;
}

/**
 * The end of the ceremony (§8.2 step 4): the joint key and the election context, published only
 * when every announcement checks out and is the one its member committed to (V18), and — given the boxes and complaints — every box is there
 * and no complaint convicts anyone.
 */
export function ceremonyKey(flags: KeyFlags): Problem[] | undefined {
  const manifest = readManifest(flags.manifest);
  if (!manifest.ok) return manifest.error;
  const election = electionOf(manifest.value);
  const found = readAnnouncements(flags.announcements);
  if (!found.ok) return found.error;
  const announcements = collectAnnouncements(election, found.value);
  if (!announcements.ok) return announcements.error;
  const committed = readCommitments(flags.commitments);
  if (!committed.ok) return committed.error;
  const commitments = collectCommitments(election, committed.value, announcements.value);
  if (!commitments.ok) return commitments.error;
  let shares: Found<ShareMessage> = [];
  let complaints: Found<Complaint> = [];
  if (flags.shares !== undefined) {
    const read = readShares(flags.shares);
    if (!read.ok) return read.error;
    shares = read.value;
    const incomplete = allShares(election, shares);
    if (incomplete.length > 0) return incomplete;
  }
  if (flags.complaints !== undefined) {
    const read = readComplaints(flags.complaints);
    if (!read.ok) return read.error;
    complaints = read.value;
    const convicted = judged(election, announcements.value, shares, complaints).filter(
      (p) => p.code !== 'CEREMONY_COMPLAINT_INVALID',
    );
    if (convicted.length > 0) return convicted;
  }
  const context = contextToJson(contextFromAnnouncements(manifest.value, announcements.value));
  const written = writeNew(flags.out, context, flags.force === true);
  if (written.length > 0) return written;
  if (flags.transcript !== undefined) {
    const byPair = (a: { from: number; to: number }, b: { from: number; to: number }) =>
      a.from - b.from || a.to - b.to;
    const sorted = <T extends { from: number; to: number }>(list: Found<T>): T[] =>
      [...new Map(list.map((f) => [`${f.message.from}>${f.message.to}`, f.message])).values()].sort(
        byPair,
      );
    for (const [name, value] of [
      ['commitments.json', commitments.value],
      ['announcements.json', announcements.value],
      ['shares.json', sorted(shares)],
      ['complaints.json', sorted(complaints)],
    ] as const) {
      const out = writeNew(join(flags.transcript, name), value, flags.force === true);
      if (out.length > 0) return out;
    }
  }
  say(`✔ election context written to ${flags.out} (manifest ${shortHash(election.hash)})`);
  say(`  joint election key K   ${context.jointKey}`);
  say(`  extended hash H_E      ${context.extendedHash}`);
  say('  read both aloud and write them in the minutes; every voting device shows H_E');
  return undefined;
}
