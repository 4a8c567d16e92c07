// For the CLI's tests only: an election record made with the key of a ceremony the CLI ran
// (its context.json, its transcript, and the members' sealed secrets for the decryption), the
// way the stations and the board will make one — so `sandogh verify` is tested on a record whose
// key no demo helper chose.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleDefinition, type ElectionDefinition } from '@sandogh/core';
import {
  buildBranchRecord,
  ed25519KeyPair,
  combineDecryption,
  contextFromJson,
  encryptBallot,
  openMemberSecret,
  partialDecrypt,
  revealBallot,
  TallyAccumulator,
  writeRecord,
  writeRecordBeforeResult,
  type AnnouncementCommitment,
  type ChallengedBallot,
  type Complaint,
  type CryptoManifest,
  type ElectionContextJson,
  type EncryptedBallot,
  type MemberAnnouncement,
  type SealedMemberSecret,
  type ShareMessage,
} from '@sandogh/crypto';

export type DeviceKeys = Map<string, { publicKey: Uint8Array; secretKey: Uint8Array }>;

/** The sample definition with real device keys and a supervisory board of three. */
export function boardDefinition(): { definition: ElectionDefinition; keys: DeviceKeys } {
  const base = sampleDefinition({ branches: 2, candidates: 4, seats: 2 });
  const keys: DeviceKeys = new Map();
  const devices = base.devices.map((d) => {
    const pair = ed25519KeyPair(createHash('sha256').update(`device ${d.serial}`).digest());
    keys.set(d.serial, pair);
    return { ...d, publicKey: Buffer.from(pair.publicKey).toString('base64') };
  });
  const board = [1, 2, 3].map((i) => ({
    id: `SB-${i}`,
    name: { fa: `عضو ${i} هیات نظارت`, en: `Board member ${i}` },
    role: 'supervisory-board' as const,
    scope: { kind: 'constituency' as const },
  }));
  return { definition: { ...base, devices, staff: [...base.staff, ...board] }, keys };
}

export interface TestRecordInput {
  /** Holds manifest.json, context.json and ceremony/ as `sandogh ceremony key` wrote them. */
  readonly hqDir: string;
  /** Member i's folder holds member-i.sealed. */
  readonly memberDirs: readonly string[];
  readonly passphrases: readonly string[];
  /** Device key pairs by serial: a branch's voting device signs its report. */
  readonly keys: DeviceKeys;
  readonly out: string;
  /** Members who decrypt (default 1 and the last: a threshold of two, one member absent). */
  readonly present?: readonly number[];
  /** False: write the record as HQ publishes it before decryption (no result, no partials). */
  readonly withResult?: boolean;
}

const CAST: Record<string, number[][]> = { '0001': [[0], [1, 2], []], '0002': [[3], [0, 3]] };
const CHALLENGED: Record<string, number[][]> = { '0001': [[2]] };

function json(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export async function buildTestRecord(
  input: TestRecordInput,
): Promise<{ shortCode: string; branchId: string; counts: number[]; expected: number[] }> {
  const manifest = json(join(input.hqDir, 'manifest.json')) as CryptoManifest;
  const contextJson = json(join(input.hqDir, 'context.json')) as ElectionContextJson;
  const ctx = contextFromJson(contextJson);
  const announcements = json(
    join(input.hqDir, 'ceremony', 'announcements.json'),
  ) as MemberAnnouncement[];
  const commitments = json(
    join(input.hqDir, 'ceremony', 'commitments.json'),
  ) as AnnouncementCommitment[];
  const shares = json(join(input.hqDir, 'ceremony', 'shares.json')) as ShareMessage[];
  const complaints = json(join(input.hqDir, 'ceremony', 'complaints.json')) as Complaint[];
  const day = manifest.days[0] ?? '';
  const expected = manifest.candidates.map(() => 0);
  let first: { shortCode: string; branchId: string } | undefined;
  const branches = manifest.branches.map((b) => {
    const cast: EncryptedBallot[] = (CAST[b.id] ?? []).map((choices) => {
      const e = encryptBallot(ctx, { branchId: b.id, day }, choices);
      for (const c of choices) expected[c] = (expected[c] ?? 0) + 1;
      first ??= { shortCode: e.shortCode, branchId: b.id };
      return e.ballot;
    });
    const challenged: ChallengedBallot[] = (CHALLENGED[b.id] ?? []).map((choices) =>
      revealBallot(encryptBallot(ctx, { branchId: b.id, day }, choices)),
    );
    const signer = input.keys.get(`VOTE-${b.id}`);
    return buildBranchRecord(
      ctx.extendedHash,
      b.id,
      manifest.candidates.length,
      cast,
      challenged,
      signer === undefined ? [] : [signer],
    );
  });
  if (input.withResult === false) {
    await writeRecordBeforeResult(input.out, {
      manifest,
      context: contextJson,
      ceremony: { commitments, announcements, shares, complaints },
      branches,
    });
    if (first === undefined) throw new Error('no ballot cast');
    return { ...first, counts: [], expected };
  }
  const total = new TallyAccumulator(manifest.candidates.length);
  for (const b of branches) if (b.report) total.addTally(b.report.tally);
  const tally = total.toJson();
  const present = input.present ?? [1, input.memberDirs.length];
  const partials = present.map((i) => {
    const dir = input.memberDirs[i - 1] ?? '';
    const sealed = json(join(dir, `member-${i}.sealed`)) as SealedMemberSecret;
    return partialDecrypt(ctx, openMemberSecret(sealed, input.passphrases[i - 1] ?? ''), tally);
  });
  const result = combineDecryption(ctx, manifest.contestId, announcements, tally, partials);
  await writeRecord(input.out, {
    manifest,
    context: contextJson,
    ceremony: { commitments, announcements, shares, complaints },
    branches,
    result,
  });
  if (first === undefined) throw new Error('no ballot cast');
  return { ...first, counts: [...result.counts], expected };
}
