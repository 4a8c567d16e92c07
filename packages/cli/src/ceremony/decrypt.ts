import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalHash, canonicalJson, problem, type Problem } from '@sandogh/core';
import {
  branchesToDecrypt,
  combineBranches,
  combineDecryption,
  contextFromAnnouncements,
  contextToJson,
  DecryptionError,
  partialDecrypt,
  partialDecryptBranches,
  readRecordBeforeResult,
  tallyOfRecord,
  writeResult,
  type BranchPartial,
  type BranchTally,
  type ElectionResult,
  type EncryptedTally,
  type PartialDecryption,
  type RecordBeforeResult,
} from '@sandogh/crypto';
import { PARTIAL_FORMAT, partialFileBody, type PartialFile } from '@sandogh/hq';
import { readJsonFile } from '../files.js';
import { progressBar, say } from '../output.js';
import { electionOf, openSecret, secretBelongs } from './common.js';
import { readSealedSecret, writeNew } from './files.js';
import type { PassphraseSource } from './passphrase.js';

/**
 * Decryption by the supervisory board (docs/CRYPTO.md §9.2–9.3, docs/CEREMONY.md): each
 * member present, on their own machine, recomputes the totals from the published record and
 * decrypts that sum partially with proofs (`decrypt`); anyone then combines k or more valid
 * partials into the result, written into the record for the verifier (`combine`).
 */

interface Prepared {
  readonly record: RecordBeforeResult;
  readonly context: ReturnType<typeof contextFromAnnouncements>;
  readonly tally: EncryptedTally;
  readonly branches: readonly BranchTally[];
  readonly totalsHash: string;
}

function tallyOrProblems(record: RecordBeforeResult) {
  const bar = progressBar('summing the ballots of every branch', record.branches.length);
  const summed = tallyOfRecord(record, (done) => {
    bar.update(done);
  });
  bar.stop();
  return summed;
}

/** The record before its result, its context recomputed and its totals recomputed. */
async function prepare(
  dir: string,
): Promise<{ ok: true; value: Prepared } | { ok: false; problems: Problem[] }> {
  let record: RecordBeforeResult;
  try {
    record = await readRecordBeforeResult(dir);
  } catch (e) {
    return {
      ok: false,
      problems: [
        problem('DECRYPT_RECORD_UNREADABLE', {
          dir,
          reason: e instanceof Error ? e.message.slice(0, 200) : String(e),
        }),
      ],
    };
  }
  let context;
  try {
    context = contextFromAnnouncements(record.manifest, record.ceremony.announcements);
  } catch {
    return { ok: false, problems: [problem('DECRYPT_CONTEXT_MISMATCH')] };
  }
  if (canonicalJson(contextToJson(context)) !== canonicalJson(record.context))
    return { ok: false, problems: [problem('DECRYPT_CONTEXT_MISMATCH')] };
  const summed = tallyOrProblems(record);
  if (!summed.ok)
    return {
      ok: false,
      problems: [
        problem('DECRYPT_TOTALS_REFUSED', {
          branches: summed.problems
            .slice(0, 20)
            .map((p) => `${p.branchId} (${p.fault})`)
            .join(', '),
        }),
      ],
    };
  const { tally, branches } = summed;
  return {
    ok: true,
    value: { record, context, tally, branches, totalsHash: canonicalHash({ tally, branches }) },
  };
}

export interface DecryptFlags extends PassphraseSource {
  readonly record: string;
  readonly secret: string;
  readonly out?: string;
  readonly force?: boolean;
}

/** A member's partial decryption of the totals they recomputed themselves. */
export async function memberDecrypt(flags: DecryptFlags): Promise<Problem[] | undefined> {
  const sealed = readSealedSecret(flags.secret);
  if (!sealed.ok) return sealed.error;
  const prepared = await prepare(flags.record);
  if (!prepared.ok) return prepared.problems;
  const { record, context, tally, branches, totalsHash } = prepared.value;
  const election = electionOf(record.manifest);
  const foreign = secretBelongs(election, sealed.value, flags.secret);
  if (foreign.length > 0) return foreign;
  const out = flags.out ?? `partial-${sealed.value.index}.json`;
  if (existsSync(out) && flags.force !== true) return [problem('FILE_EXISTS', { file: out })];
  const opened = await openSecret(sealed.value, flags.secret, flags);
  if (!opened.ok) return [opened.error];
  let partial: PartialDecryption;
  let perBranch: BranchPartial[];
  try {
    partial = partialDecrypt(context, opened.value.secret, tally);
    // Branches whose totals are the identity pair (no ballots) decrypt to 0 under any key and
    // are skipped: no partial, no proof (docs/CRYPTO.md §9.2, V17).
    const todo = branchesToDecrypt(branches);
    const bar = progressBar('decrypting each branch with ballots', todo.length);
    perBranch = partialDecryptBranches(context, opened.value.secret, todo, (done) => {
      bar.update(done);
    });
    bar.stop();
  } catch (e) {
    if (e instanceof DecryptionError)
      return [problem('CEREMONY_NOT_COMPLETE', { reason: e.message })];
    throw e;
  }
  const written = writeNew(
    out,
    {
      format: PARTIAL_FORMAT,
      manifestHash: election.hash,
      totalsHash,
      partial,
      branches: perBranch,
    },
    flags.force === true,
  );
  if (written.length > 0) return written;
  say(
    `✔ member ${partial.index}: partial decryption of ${tally.ballotCount} ballots' totals written to ${out}`,
  );
  return undefined;
}

export interface CombineFlags {
  readonly record: string;
  readonly partials: string;
  readonly force?: boolean;
}

function readPartials(
  dir: string,
  manifestHash: string,
  totalsHash: string,
): { partials: PartialFile[]; problems: Problem[] } {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];
  const partials: PartialFile[] = [];
  const problems: Problem[] = [];
  if (files.length === 0) problems.push(problem('FILE_NOT_FOUND', { file: dir }));
  for (const file of files) {
    const raw = readJsonFile(file);
    if (!raw.ok) {
      problems.push(raw.error);
      continue;
    }
    // One partial per file, or the HQ's answer (`{"partials": […]}`, GET /ceremony/partials) as is.
    const value = raw.value;
    const list: unknown[] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && 'partials' in value
        ? ([] as unknown[]).concat(value.partials)
        : [value];
    for (const item of list) {
      const parsed = partialFileBody.safeParse(item);
      if (
        !parsed.success ||
        parsed.data.manifestHash !== manifestHash ||
        parsed.data.totalsHash !== totalsHash
      )
        problems.push(problem('DECRYPT_PARTIAL_FOREIGN', { file: basename(file) }));
      else partials.push(parsed.data);
    }
  }
  return { partials, problems };
}

/** Combines k or more valid partials and writes the result into the record. */
export async function boardCombine(flags: CombineFlags): Promise<Problem[] | undefined> {
  const prepared = await prepare(flags.record);
  if (!prepared.ok) return prepared.problems;
  const { record, context, tally, branches, totalsHash } = prepared.value;
  if (existsSync(join(flags.record, 'result.json')) && flags.force !== true)
    return [problem('FILE_EXISTS', { file: join(flags.record, 'result.json') })];
  const election = electionOf(record.manifest);
  const { partials, problems } = readPartials(flags.partials, election.hash, totalsHash);
  if (problems.length > 0) return problems;
  let result: ElectionResult;
  const { contestId } = record.manifest;
  const { announcements } = record.ceremony;
  try {
    const constituency = combineDecryption(
      context,
      contestId,
      announcements,
      tally,
      partials.map((p) => p.partial),
    );
    const bar = progressBar('combining each branch', branches.length);
    const byBranch = new Map<string, PartialDecryption[]>();
    for (const p of partials)
      for (const x of p.branches)
        byBranch.set(x.branchId, [...(byBranch.get(x.branchId) ?? []), x.partial]);
    const perBranch = combineBranches(
      context,
      contestId,
      announcements,
      branches,
      (id) => byBranch.get(id) ?? [],
      undefined,
      (done) => {
        bar.update(done);
      },
    );
    bar.stop();
    result = { ...constituency, branches: perBranch };
  } catch (e) {
    if (e instanceof DecryptionError)
      return [problem('DECRYPT_NOT_ENOUGH', { k: context.k, reason: e.message })];
    throw e;
  }
  await writeResult(flags.record, result);
  say(
    `✔ result written into ${flags.record}: ${result.ballotCount} ballots, members ${result.present.join(', ')} decrypted`,
  );
  record.manifest.candidates.forEach((code, i) => {
    say(`  ${code}: ${result.counts[i] ?? 0}`);
  });
  say(`  check it: sandogh verify ${flags.record}`);
  return undefined;
}
