// The election record as a directory of JSON files (docs/CRYPTO.md §11), so a candidate's
// observer can copy it anywhere and run the verifier on it. The only file here that touches disk.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BranchTallyReport } from './branchReport.js';
import type { ChallengedBallot, EncryptedBallot } from './ballotFormat.js';
import type { BranchResult, ElectionResult, PartialDecryption } from './decryptionFormat.js';
import { BRANCH_ID } from './manifest.js';
import type { BranchRecord, ElectionRecord, RecordBeforeResult } from './record.js';

export const RECORD_FORMAT = 'sandogh/v1/election-record';

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 1)}\n`, 'utf8');
}

/** Ballot files: a JSON array with one compact ballot per line (~16 KB each instead of ~22 KB). */
async function writeJsonList(path: string, items: readonly unknown[]): Promise<void> {
  const body = items.map((i) => JSON.stringify(i)).join(',\n');
  await writeFile(path, items.length === 0 ? '[]\n' : `[\n${body}\n]\n`, 'utf8');
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/**
 * The record before decryption: everything but result.json and decryption/ — what HQ publishes
 * when the last branch is in, so that each board member recomputes the totals from it and
 * decrypts only those (`sandogh ceremony decrypt`).
 */
export async function writeRecordBeforeResult(
  dir: string,
  record: RecordBeforeResult,
): Promise<void> {
  await mkdir(join(dir, 'ceremony'), { recursive: true });
  await mkdir(join(dir, 'branches'), { recursive: true });
  await writeJson(join(dir, 'manifest.json'), record.manifest);
  await writeJson(join(dir, 'context.json'), record.context);
  await writeJson(join(dir, 'ceremony', 'commitments.json'), record.ceremony.commitments);
  await writeJson(join(dir, 'ceremony', 'announcements.json'), record.ceremony.announcements);
  await writeJson(join(dir, 'ceremony', 'shares.json'), record.ceremony.shares);
  await writeJson(join(dir, 'ceremony', 'complaints.json'), record.ceremony.complaints);
  for (const b of record.branches) {
    if (!BRANCH_ID.test(b.branchId))
      throw new RangeError(`branch id not usable as a file name: ${b.branchId}`);
    const bdir = join(dir, 'branches', b.branchId);
    await mkdir(bdir, { recursive: true });
    await writeJsonList(join(bdir, 'cast.json'), b.cast);
    await writeJsonList(join(bdir, 'challenged.json'), b.challenged);
    if (b.report) await writeJson(join(bdir, 'report.json'), b.report);
  }
  // Last: a reader takes record.json for "the record is here".
  await writeJson(join(dir, 'record.json'), {
    format: RECORD_FORMAT,
    branches: record.branches.map((b) => b.branchId),
  });
}

/** Adds the decrypted result and the partial decryptions it combines to a record. */
export async function writeResult(dir: string, result: ElectionResult): Promise<void> {
  await mkdir(join(dir, 'decryption'), { recursive: true });
  const { partials, branches, ...rest } = result;
  await writeJson(join(dir, 'decryption', 'partials.json'), partials);
  if (branches !== undefined)
    await writeJsonList(join(dir, 'decryption', 'branches.json'), branches);
  await writeJson(join(dir, 'result.json'), rest);
}

export async function writeRecord(dir: string, record: ElectionRecord): Promise<void> {
  await writeRecordBeforeResult(dir, record);
  await writeResult(dir, record.result);
}

async function readBranch(dir: string, branchId: string): Promise<BranchRecord> {
  const bdir = join(dir, 'branches', branchId);
  const files = await readdir(bdir);
  return {
    branchId,
    cast: await readJson<EncryptedBallot[]>(join(bdir, 'cast.json')),
    challenged: files.includes('challenged.json')
      ? await readJson<ChallengedBallot[]>(join(bdir, 'challenged.json'))
      : [],
    report: files.includes('report.json')
      ? await readJson<BranchTallyReport>(join(bdir, 'report.json'))
      : null,
  };
}

/** Reads every branch directory present on disk (not only those record.json lists), so an added branch is seen. */
export async function readRecordBeforeResult(dir: string): Promise<RecordBeforeResult> {
  const branchIds = (await readdir(join(dir, 'branches'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const ceremonyFiles = await readdir(join(dir, 'ceremony'));
  return {
    manifest: await readJson(join(dir, 'manifest.json')),
    context: await readJson(join(dir, 'context.json')),
    ceremony: {
      // A record made before the commit round (§8.2 step 0) has none: check V18 then fails.
      commitments: ceremonyFiles.includes('commitments.json')
        ? await readJson(join(dir, 'ceremony', 'commitments.json'))
        : [],
      announcements: await readJson(join(dir, 'ceremony', 'announcements.json')),
      shares: await readJson(join(dir, 'ceremony', 'shares.json')),
      complaints: await readJson(join(dir, 'ceremony', 'complaints.json')),
    },
    branches: await Promise.all(branchIds.map((id) => readBranch(dir, id))),
  };
}

export async function readRecord(dir: string): Promise<ElectionRecord> {
  const before = await readRecordBeforeResult(dir);
  const result = await readJson<Omit<ElectionResult, 'partials' | 'branches'>>(
    join(dir, 'result.json'),
  );
  const decryption = await readdir(join(dir, 'decryption'));
  return {
    ...before,
    result: {
      ...result,
      partials: await readJson<PartialDecryption[]>(join(dir, 'decryption', 'partials.json')),
      ...(decryption.includes('branches.json')
        ? { branches: await readJson<BranchResult[]>(join(dir, 'decryption', 'branches.json')) }
        : {}),
    },
  };
}

/**
 * The branch reports alone (each `branches/<id>/report.json`, null where a branch has none),
 * without reading a single ballot: what the HQ checks a partial decryption's totals against.
 */
export async function readBranchReports(
  dir: string,
): Promise<{ branchId: string; report: BranchTallyReport | null }[]> {
  const branchIds = (await readdir(join(dir, 'branches'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return Promise.all(
    branchIds.map(async (branchId) => {
      const files = await readdir(join(dir, 'branches', branchId));
      return {
        branchId,
        report: files.includes('report.json')
          ? await readJson<BranchTallyReport>(join(dir, 'branches', branchId, 'report.json'))
          : null,
      };
    }),
  );
}
