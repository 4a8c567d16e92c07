import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { err, ok, problem, shortHash, type Problem } from '@sandogh/core';
import {
  ARGON2ID_MODERATE,
  ARGON2ID_TEST_ONLY,
  createMember,
  jointCommitments,
  publicShareKey,
  receiveShares,
  sealMemberSecret,
  sendShares,
  toHex,
  type Argon2idParams,
} from '@sandogh/crypto';
import { boundedInteger } from '../flags.js';
import { say } from '../output.js';
import {
  collectAnnouncements,
  collectCommitments,
  electionOf,
  openSecret,
  ownAnnouncementMatches,
  secretBelongs,
  sharesFor,
} from './common.js';
import {
  freshFolder,
  readAnnouncements,
  readCommitments,
  readManifest,
  readSealedSecret,
  readShares,
  replaceAtomically,
  writeNew,
} from './files.js';
import { newPassphrase, type PassphraseSource } from './passphrase.js';

/**
 * A board member's own steps, each on their own machine (docs/CRYPTO.md §8.2 steps 1–3,
 * docs/CEREMONY.md): pure functions of @sandogh/crypto with the file handling around them.
 */

export type KdfLevel = 'moderate' | 'test-only';

/** libsodium's MODERATE (3 passes over 256 MiB); the test level exists for the test suite only. */
const KDF: Record<KdfLevel, Argon2idParams> = {
  moderate: ARGON2ID_MODERATE,
  'test-only': ARGON2ID_TEST_ONLY,
};

export interface CreateFlags extends PassphraseSource {
  readonly manifest: string;
  readonly index: string;
  readonly outSecret?: string;
  readonly outAnnouncement?: string;
  readonly outCommitment?: string;
  readonly kdf: KdfLevel;
  readonly force?: boolean;
}

/** Step 1: draw the polynomial and transport key, seal them, write the announcement. */
export async function memberCreate(flags: CreateFlags): Promise<Problem[] | undefined> {
  const manifest = readManifest(flags.manifest);
  if (!manifest.ok) return manifest.error;
  const election = electionOf(manifest.value);
  const { n } = manifest.value.board;
  const index = boundedInteger(flags.index, 'index', 1, 255);
  if (typeof index !== 'number') return [index];
  if (index > n) return [problem('CEREMONY_MEMBER_INDEX', { index, n })];
  const secretFile = flags.outSecret ?? `member-${index}.sealed`;
  const announcementFile = flags.outAnnouncement ?? `ann-${index}.json`;
  const commitmentFile = flags.outCommitment ?? `commit-${index}.json`;
  const force = flags.force === true;
  const taken = [secretFile, announcementFile, commitmentFile].filter(
    (f) => existsSync(f) && !force,
  );
  if (taken.length > 0) return taken.map((file) => problem('FILE_EXISTS', { file }));
  const passphrase = await newPassphrase(flags, `member ${index}'s new secret file`);
  if (!passphrase.ok) return [passphrase.error];
  if (flags.kdf === 'test-only')
    process.stderr.write(
      '⚠ --kdf test-only: a weak key derivation, for tests only — never for a real election\n',
    );
  const { secret, announcement, commitment } = createMember(manifest.value, index);
  say(`… sealing the secret under the passphrase (Argon2id, memory-hard: a second or so)`);
  const sealed = sealMemberSecret(secret, passphrase.value, KDF[flags.kdf]);
  mkdirSync(dirname(secretFile), { recursive: true });
  mkdirSync(dirname(announcementFile), { recursive: true });
  mkdirSync(dirname(commitmentFile), { recursive: true });
  replaceAtomically(secretFile, sealed, 0o600);
  replaceAtomically(announcementFile, announcement, 0o644);
  replaceAtomically(commitmentFile, commitment, 0o644);
  say(
    `✔ member ${index} of ${n} (threshold ${manifest.value.board.k}), manifest ${shortHash(election.hash)}`,
  );
  say(`  secret (stays on this machine, never copied): ${secretFile}`);
  say(`  commitment (give to the other members and the HQ now): ${commitmentFile}`);
  say(
    `  announcement (keep it back until every member's commitment is in, then give it): ${announcementFile}`,
  );
  return undefined;
}

export interface SendFlags extends PassphraseSource {
  readonly manifest: string;
  readonly secret: string;
  readonly announcements: string;
  readonly commitments?: string;
  readonly out?: string;
  readonly force?: boolean;
}

/**
 * What steps 2 and 3 both read first: the manifest, this member's sealed secret (checked to
 * belong to this election) and every member's announcement, checked.
 */
function memberInputs(flags: {
  manifest: string;
  secret: string;
  announcements: string;
  commitments?: string;
}) {
  const manifest = readManifest(flags.manifest);
  if (!manifest.ok) return err(manifest.error);
  const election = electionOf(manifest.value);
  const sealed = readSealedSecret(flags.secret);
  if (!sealed.ok) return err(sealed.error);
  const belongs = secretBelongs(election, sealed.value, flags.secret);
  if (belongs.length > 0) return err(belongs);
  const found = readAnnouncements(flags.announcements);
  if (!found.ok) return err(found.error);
  const announcements = collectAnnouncements(election, found.value);
  if (!announcements.ok) return err(announcements.error);
  if (flags.commitments !== undefined) {
    const commitments = readCommitments(flags.commitments);
    if (!commitments.ok) return err(commitments.error);
    const revealed = collectCommitments(election, commitments.value, announcements.value);
    if (!revealed.ok) return err(revealed.error);
  }
  return ok({
    manifest: manifest.value,
    election,
    sealed: sealed.value,
    announcements: announcements.value,
  });
}

/** Step 2: check every announcement, then seal P_i(ℓ) for every other member ℓ. */
export async function sharesSend(flags: SendFlags): Promise<Problem[] | undefined> {
  const inputs = memberInputs(flags);
  if (!inputs.ok) return inputs.error;
  const { manifest, sealed, announcements } = inputs.value;
  const me = sealed.index;
  const out = flags.out ?? `shares-from-${me}`;
  const fresh = freshFolder(out, flags.force === true);
  if (fresh.length > 0) return fresh;
  const opened = await openSecret(sealed, flags.secret, flags);
  if (!opened.ok) return [opened.error];
  const swapped = ownAnnouncementMatches(opened.value.secret, announcements);
  if (swapped.length > 0) return swapped;
  const messages = sendShares(manifest, opened.value.secret, announcements);
  for (const m of messages) writeNew(join(out, `share-${m.from}-to-${m.to}.json`), m, true);
  say(`✔ ${messages.length} sealed share boxes from member ${me} in ${out}/`);
  say(
    `  give each member the box addressed to them (share-${me}-to-ℓ.json), or submit them to the HQ`,
  );
  return undefined;
}

export interface ReceiveFlags extends PassphraseSource {
  readonly manifest: string;
  readonly secret: string;
  readonly announcements: string;
  readonly shares: string;
  readonly complaintsOut?: string;
}

/**
 * Step 3: open and check the boxes addressed to this member. All good: the member's key share
 * goes into the sealed secret (rewritten atomically). A bad box: a complaint with evidence.
 */
export async function sharesReceive(flags: ReceiveFlags): Promise<Problem[] | undefined> {
  const inputs = memberInputs(flags);
  if (!inputs.ok) return inputs.error;
  const { manifest, election, sealed, announcements } = inputs.value;
  const me = sealed.index;
  const boxes = readShares(flags.shares);
  if (!boxes.ok) return boxes.error;
  const mine = sharesFor(election, me, boxes.value);
  if (!mine.ok) return mine.error;
  const opened = await openSecret(sealed, flags.secret, flags);
  if (!opened.ok) return [opened.error];
  const { secret, passphrase } = opened.value;
  const swapped = ownAnnouncementMatches(secret, announcements);
  if (swapped.length > 0) return swapped;
  const result = receiveShares(manifest, secret, announcements, mine.value);
  if (result.complaints.length > 0) {
    const dir = flags.complaintsOut ?? 'complaints';
    return result.complaints.map((c) => {
      const file = join(dir, `complaint-${c.to}-against-${c.from}.json`);
      writeNew(file, c, true);
      return problem('CEREMONY_COMPLAINT_FILED', { from: c.from, to: c.to, file });
    });
  }
  const share = result.secret.share;
  const shareKey = toHex(publicShareKey(jointCommitments(announcements, manifest.board.k), me));
  if (secret.share !== undefined && secret.share !== share)
    return [problem('CEREMONY_SHARE_ALREADY_SET', { member: me })];
  if (secret.share === undefined) {
    const { opslimit, memlimit } = sealed.kdf;
    say('… sealing the key share into the secret file');
    replaceAtomically(
      flags.secret,
      sealMemberSecret(result.secret, passphrase, { opslimit, memlimit }),
    );
    say(
      `✔ member ${me}: all ${mine.value.length} shares check out; key share sealed in ${flags.secret}`,
    );
  } else say(`✔ member ${me}: the key share was already in ${flags.secret}; unchanged`);
  say(`  public share key S_${me} = ${shareKey}`);
  say('  (anyone can compute it from the announcements: read it aloud to the board)');
  return undefined;
}
