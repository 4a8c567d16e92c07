import { computeResults, type ElectionDefinition } from '@sandogh/core';
import {
  buildBranchReport,
  contextFromJson,
  ed25519KeyPair,
  readRecord,
  verifyRecord,
  writeRecordBeforeResult,
  type AnnouncementCommitment,
  type BranchRecord,
  type Complaint,
  type CryptoManifest,
  type ElectionContextJson,
  type EncryptedBallot,
  type MemberAnnouncement,
  type ShareMessage,
  type VerificationReport,
} from '@sandogh/crypto';
import { stationDb, type CurrentFlags, type Store } from '@sandogh/store';
import { writeResultFiles, type WrittenResultFiles } from '../commands/results.js';
import { DemoStepError, type HqApi } from './hqApi.js';
import type { BoardMember } from './board.js';
import type { ClosedStation, DeviceKey } from './stations.js';
import { problem } from '@sandogh/core';

/**
 * After closing (docs/ARCHITECTURE.md, "the flow of a ballot", steps 4–5): the HQ publishes the
 * record before the result from the ballots it received and each branch's closing report signed
 * by its voting device; the board decrypts (`sandogh ceremony decrypt`, `combine`); the verifier
 * checks the record end to end; the HQ reconciles every branch (law 5) and the result is
 * computed and exported.
 */
export interface BranchClosing {
  readonly station: ClosedStation;
  readonly voting: DeviceKey;
  /** Check-ins HQ marked for the branch. */
  readonly authenticated: number;
  readonly blank: number;
}

export async function publishRecord(
  api: HqApi,
  store: Store,
  electionId: string,
  hqToken: string,
  manifest: CryptoManifest,
  context: ElectionContextJson,
  closings: readonly BranchClosing[],
  members: readonly BoardMember[],
  recordDir: string,
  commitments: readonly AnnouncementCommitment[],
  /** The voting device of every branch, by branch id. */
  emptyBranchKeys: ReadonlyMap<string, DeviceKey>,
): Promise<void> {
  const ctx = contextFromJson(context);
  const { announcements } = (await api.must(
    'announcements',
    'GET',
    '/ceremony/announcements',
    undefined,
    hqToken,
  )) as {
    announcements: MemberAnnouncement[];
  };
  const shares: ShareMessage[] = [];
  for (const m of members) {
    const got = (await api.must(
      'shares',
      'GET',
      `/ceremony/shares?to=${m.index}`,
      undefined,
      hqToken,
    )) as {
      shares: ShareMessage[];
    };
    shares.push(...got.shares);
  }
  const complaintsAnswer = (await api.must(
    'complaints',
    'GET',
    '/ceremony/complaints',
    undefined,
    hqToken,
  )) as { complaints?: Complaint[] } | Complaint[];
  const complaints = Array.isArray(complaintsAnswer)
    ? complaintsAnswer
    : (complaintsAnswer.complaints ?? []);
  const branches: BranchRecord[] = [];
  for (const c of closings) {
    const rows = await stationDb(store.db)
      .selectFrom('ballots')
      .select('document')
      .where('election_id', '=', electionId)
      .where('branch_id', '=', c.station.branchId)
      .orderBy('tracking_code')
      .execute();
    const atHq = rows.map((r) => JSON.parse(r.document) as EncryptedBallot);
    // The closing report is the station's own: its sealed ballots, signed with its device key.
    const own = c.station.ballots.map((b) => JSON.parse(b) as EncryptedBallot);
    const signer = ed25519KeyPair(Buffer.from(c.voting.seedHex, 'hex'));
    branches.push({
      branchId: c.station.branchId,
      cast: atHq,
      challenged: [],
      report: buildBranchReport(
        ctx.extendedHash,
        c.station.branchId,
        manifest.candidates.length,
        own,
        [],
        [signer],
      ),
    });
  }
  // Branches outside the sample held no vote: each closes with an empty report, signed with its
  // own voting device's key (the demo's key file), as its station would sign it (check V11).
  const sampled = new Set(closings.map((c) => c.station.branchId));
  for (const b of manifest.branches) {
    if (sampled.has(b.id)) continue;
    const key = emptyBranchKeys.get(b.id);
    const signers = key === undefined ? [] : [ed25519KeyPair(Buffer.from(key.seedHex, 'hex'))];
    branches.push({
      branchId: b.id,
      cast: [],
      challenged: [],
      report: buildBranchReport(
        ctx.extendedHash,
        b.id,
        manifest.candidates.length,
        [],
        [],
        signers,
      ),
    });
  }
  await writeRecordBeforeResult(recordDir, {
    manifest,
    context,
    ceremony: { commitments, announcements, shares, complaints },
    branches,
  });
}

export interface Counted {
  readonly verification: VerificationReport;
  /** HQ's reconciliation (law 5) from what it holds, the decrypted counts included. */
  readonly reconciliation: CurrentFlags;
  readonly files: WrittenResultFiles;
  /** The result's counts as decrypted, by candidate code, and the plain count of the demo's script. */
  readonly decrypted: Record<string, number>;
}

export async function countAndPublish(
  api: HqApi,
  hqToken: string,
  definition: ElectionDefinition,
  registered: number,
  recordDir: string,
  resultsDir: string,
  closings: readonly BranchClosing[],
): Promise<Counted> {
  const record = await readRecord(recordDir);
  const verification = await verifyRecord(record);
  const codes = record.manifest.candidates;
  const branchResults = record.result.branches ?? [];
  const byBranch = new Map(branchResults.map((b) => [b.branchId, b]));
  // HQ keeps each branch's decrypted counts and reconciles every branch on its own data:
  // authenticated = cast + abandoned, received at HQ = tally report = decrypted (law 5).
  await api.must(
    "store the branches' decrypted counts",
    'POST',
    '/results/branch-counts',
    {
      // The branches that opened and closed at HQ (the stations' sample); the others of the
      // demo never opened, their empty reports are the record's only (docs/RESULTS.md §7).
      branches: closings.map((c) => {
        const b = byBranch.get(c.station.branchId);
        return {
          branchId: c.station.branchId,
          ballotCount: b?.ballotCount ?? 0,
          counts: b?.counts ?? codes.map(() => 0),
        };
      }),
    },
    hqToken,
  );
  const reconciliation = (await api.must(
    'read the reconciliation flags',
    'GET',
    '/results/flags',
    undefined,
    hqToken,
  )) as CurrentFlags;
  const computed = computeResults(definition, {
    branchCounts: closings.map((c) => {
      const b = byBranch.get(c.station.branchId);
      return {
        branchId: c.station.branchId,
        votes: codes.map((code, i) => ({ code, votes: b?.counts[i] ?? 0 })),
        blankBallots: c.blank,
        ballotsCast: b?.ballotCount ?? 0,
      };
    }),
    registeredVoters: registered,
    unreconciledBranches: reconciliation.undecided,
  });
  if (!computed.ok)
    throw new DemoStepError(computed.error[0] ?? problem('INTERNAL', { requestId: 'compute' }));
  const files = writeResultFiles(resultsDir, definition, computed.value);
  if (!files.ok)
    throw new DemoStepError(files.error[0] ?? problem('INTERNAL', { requestId: 'export' }));
  const decrypted = Object.fromEntries(
    codes.map((code, i) => [code, record.result.counts[i] ?? 0]),
  );
  return { verification, reconciliation, files: files.value, decrypted };
}
