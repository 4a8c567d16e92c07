import { readFileSync } from 'node:fs';
import { canonicalJson, problem } from '@sandogh/core';
import {
  combineDecryption,
  contextFromAnnouncements,
  DiscreteLog,
  openMemberSecret,
  partialDecrypt,
  readRecordBeforeResult,
  tallyOfRecord,
  writeResult,
  type BranchResult,
  type EncryptedTally,
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
 * One shortcut, and why it is sound: a branch that closed without ballots has the identity as
 * its encrypted totals, the same ciphertexts in every such branch, and a partial decryption's
 * proof is bound to the election, the ciphertext and the member only (CRYPTO.md §9.2). So each
 * member's partial decryption of those totals is computed once and is the valid one for every
 * empty branch; the verifier checks each copy (V17) as it would any other.
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
  const cache = new Map<string, { partials: PartialDecryption[]; counts: readonly number[] }>();
  const decrypt = (tally: EncryptedTally) => {
    const key = canonicalJson(tally);
    let done = cache.get(key);
    if (done === undefined) {
      const partials = secrets.map((s) => partialDecrypt(context, s, tally));
      const combined = combineDecryption(context, contestId, announcements, tally, partials, dlog);
      done = { partials, counts: combined.counts };
      cache.set(key, done);
    }
    return done;
  };
  const partials = secrets.map((s) => partialDecrypt(context, s, summed.tally));
  const constituency = combineDecryption(
    context,
    contestId,
    announcements,
    summed.tally,
    partials,
    dlog,
  );
  const branches: BranchResult[] = summed.branches.map((b) => {
    const done = decrypt(b.tally);
    return {
      branchId: b.branchId,
      ballotCount: b.tally.ballotCount,
      counts: done.counts,
      present: constituency.present,
      partials: done.partials,
    };
  });
  await writeResult(recordDir, { ...constituency, branches });
  return { ballotCount: constituency.ballotCount, present: constituency.present };
}
