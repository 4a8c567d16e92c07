import { readFileSync } from 'node:fs';
import { problem } from '@sandogh/core';
import {
  combineBranches,
  combineDecryption,
  contextFromAnnouncements,
  DiscreteLog,
  openMemberSecret,
  partialDecrypt,
  partialDecryptBranches,
  readRecordBeforeResult,
  tallyOfRecord,
  writeResult,
  type PartialDecryption,
  type SealedMemberSecret,
} from '@sandogh/crypto';
import { DemoStepError } from './hqApi.js';
import type { BoardMember } from './board.js';

/**
 * The board's threshold decryption for the demo (docs/CEREMONY.md "Decryption, after the
 * count"), the same steps as `sandogh ceremony decrypt` and `combine` — each member recomputes
 * the totals from the published record and decrypts only those, with proofs; k partials are
 * combined and written into the record — played for k members in one process.
 *
 * As there, a branch that closed without ballots has the identity pair as its encrypted totals,
 * whose decryption is 0 under any key: it gets no partial decryption nor proof, and is published
 * as 0 for every candidate, which the verifier checks by itself (CRYPTO.md §9.2, V17).
 */
export async function decryptRecord(
  recordDir: string,
  members: readonly BoardMember[],
  k: number,
): Promise<{ ballotCount: number; present: readonly number[] }> {
  const record = await readRecordBeforeResult(recordDir);
  const context = contextFromAnnouncements(record.manifest, record.ceremony.announcements);
  const summed = tallyOfRecord(record);
  if (!summed.ok)
    throw new DemoStepError(
      problem('DECRYPT_TOTALS_REFUSED', {
        branches: summed.problems.map((p) => `${p.branchId} (${p.fault})`).join(', '),
      }),
    );
  const present = members.slice(0, k);
  const secrets = present.map((m) =>
    openMemberSecret(
      JSON.parse(readFileSync(m.secretFile, 'utf8')) as SealedMemberSecret,
      m.passphrase,
    ),
  );
  const { contestId } = record.manifest;
  const { announcements } = record.ceremony;
  const dlog = new DiscreteLog(summed.tally.ballotCount, record.manifest.candidates.length);
  const partials = secrets.map((s) => partialDecrypt(context, s, summed.tally));
  const constituency = combineDecryption(
    context,
    contestId,
    announcements,
    summed.tally,
    partials,
    dlog,
  );
  const byBranch = new Map<string, PartialDecryption[]>();
  for (const s of secrets)
    for (const x of partialDecryptBranches(context, s, summed.branches))
      byBranch.set(x.branchId, [...(byBranch.get(x.branchId) ?? []), x.partial]);
  const branches = combineBranches(
    context,
    contestId,
    announcements,
    summed.branches,
    (id) => byBranch.get(id) ?? [],
    dlog,
  );
  await writeResult(recordDir, { ...constituency, branches });
  return { ballotCount: constituency.ballotCount, present: constituency.present };
}
