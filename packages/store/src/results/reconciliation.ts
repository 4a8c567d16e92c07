import type { Kysely } from 'kysely';
import {
  canonicalJson,
  err,
  flagItems,
  reconcileBranches,
  undecidedBranches,
  ok,
  problem,
  sha256Hex,
  type BranchLifecycle,
  type BranchReconciliationInput,
  type ElectionDefinition,
  type FlagDecisionKind,
  type FlagItem,
  type Problem,
  type ReconciliationCode,
  type RecordedFlagDecision,
  type Result,
} from '@sandogh/core';
import { constraintViolation } from '../bulk.js';
import { stationDb } from '../ballots/tables.js';
import type { Database } from '../database.js';
import { pollbookDb } from '../pollbook/tables.js';
import type { Store } from '../store.js';
import { resultsDb, type FlagDecisionTable } from './tables.js';

/**
 * Reconciliation at the HQ (law 5, docs/RESULTS.md §3): the branches' decrypted counts, the
 * figures of every branch read from what HQ itself holds, and the supervisors' decisions on
 * flags — append-only, a later decision a new row.
 */

/** One branch's decrypted counts as published in the record's decryption/branches.json. */
export interface BranchCountsInput {
  readonly branchId: string;
  readonly ballotCount: number;
  /** Votes per candidate in the definition's (the manifest's) order. */
  readonly counts: readonly number[];
}

export interface StoredBranchCounts {
  readonly branchId: string;
  readonly ballotCount: number;
  readonly counts: readonly { readonly code: string; readonly votes: number }[];
  readonly digest: string;
  readonly storedBy: string;
  readonly storedAt: string;
}

/** SHA-256 of the canonical {branchId, ballotCount, counts}: the published entry's own fields. */
export function branchCountsDigest(entry: BranchCountsInput): string {
  return sha256Hex(
    canonicalJson({
      branchId: entry.branchId,
      ballotCount: entry.ballotCount,
      counts: entry.counts,
    }),
  );
}

/** Every problem of the list at once (law 8): unknown or repeated branch, wrong length, impossible counts. */
export function checkBranchCounts(
  definition: ElectionDefinition,
  entries: readonly BranchCountsInput[],
): Problem[] {
  const known = new Set(definition.branches.map((b) => b.id));
  const seen = new Set<string>();
  const candidates = definition.candidates.length;
  const max = definition.contest.maxSelections;
  const problems: Problem[] = [];
  for (const e of entries) {
    const branch = e.branchId;
    if (!known.has(branch)) problems.push(problem('RESULTS_UNKNOWN_BRANCH', { branch }));
    if (seen.has(branch)) problems.push(problem('RESULTS_DUPLICATE_BRANCH', { branch }));
    seen.add(branch);
    if (e.counts.length !== candidates) {
      problems.push(
        problem('RESULTS_CANDIDATES_MISMATCH', {
          branch,
          reason: `${e.counts.length} counts for ${candidates} candidates`,
        }),
      );
      continue;
    }
    const total = e.counts.reduce((a, b) => a + b, 0);
    if (e.counts.some((c) => c > e.ballotCount))
      problems.push(
        problem('RESULTS_COUNTS_IMPOSSIBLE', {
          branch,
          reason: 'a candidate has more votes than ballots',
        }),
      );
    else if (total > max * e.ballotCount)
      problems.push(
        problem('RESULTS_COUNTS_IMPOSSIBLE', {
          branch,
          reason: `more votes than ${max} × ballots`,
        }),
      );
  }
  return problems;
}

export async function listBranchCounts(
  db: Kysely<Database>,
  electionId: string,
): Promise<StoredBranchCounts[]> {
  const rows = await resultsDb(db)
    .selectFrom('branch_decrypted_counts')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('branch_id')
    .execute();
  return rows.map((r) => ({
    branchId: r.branch_id,
    ballotCount: r.ballot_count,
    counts: JSON.parse(r.counts) as StoredBranchCounts['counts'],
    digest: r.digest,
    storedBy: r.stored_by,
    storedAt: r.stored_at,
  }));
}

/**
 * Stores the branches' decrypted counts, all or nothing. A branch already stored with the same
 * digest is left as it is (a retry); with another digest the whole list is refused — the
 * decryption's output is fixed once published.
 */
export async function storeBranchCounts(
  store: Store,
  electionId: string,
  definition: ElectionDefinition,
  entries: readonly BranchCountsInput[],
  by: string,
  at: string,
  alsoInTransaction?: (
    trx: Kysely<Database>,
    outcome: { stored: number; unchanged: number },
  ) => Promise<unknown>,
): Promise<Result<{ stored: number; unchanged: number }, readonly Problem[]>> {
  const problems = checkBranchCounts(definition, entries);
  if (problems.length > 0) return err(problems);
  const codes = definition.candidates.map((c) => c.code);
  try {
    return await store.transaction(async (trx) => {
      const existing = new Map(
        (await listBranchCounts(trx, electionId)).map((b) => [b.branchId, b.digest]),
      );
      const fresh: BranchCountsInput[] = [];
      const conflicts: Problem[] = [];
      for (const e of entries) {
        const had = existing.get(e.branchId);
        if (had === undefined) fresh.push(e);
        else if (had !== branchCountsDigest(e))
          conflicts.push(problem('RESULTS_BRANCH_COUNTS_CONFLICT', { branch: e.branchId }));
      }
      if (conflicts.length > 0) return err(conflicts);
      for (let i = 0; i < fresh.length; i += 500)
        await resultsDb(trx)
          .insertInto('branch_decrypted_counts')
          .values(
            fresh.slice(i, i + 500).map((e) => ({
              election_id: electionId,
              branch_id: e.branchId,
              ballot_count: e.ballotCount,
              counts: canonicalJson(codes.map((code, k) => ({ code, votes: e.counts[k] ?? 0 }))),
              digest: branchCountsDigest(e),
              stored_by: by,
              stored_at: at,
            })),
          )
          .execute();
      const outcome = { stored: fresh.length, unchanged: entries.length - fresh.length };
      await alsoInTransaction?.(trx, outcome);
      return ok(outcome);
    });
  } catch (e) {
    // Two stores racing on one branch: the loser is told to read again, nothing half-written.
    if (constraintViolation(e)?.kind === 'unique')
      return err([problem('RESULTS_BRANCH_COUNTS_CONFLICT', { branch: 'concurrent' })]);
    throw e;
  }
}

const n = (v: number | string | bigint): number => Number(v);

/**
 * Every branch's figures as HQ holds them (docs/RESULTS.md §3 "At the HQ"). A branch is
 * reconciled once anything of it reached HQ: a check-in, a card, a ballot, a lifecycle past
 * configuration, decrypted counts; a branch with nothing has not reported (the result's
 * `partial` state covers it).
 */
export async function reconciliationInputs(
  db: Kysely<Database>,
  electionId: string,
): Promise<BranchReconciliationInput[]> {
  const pb = pollbookDb(db);
  const st = stationDb(db);
  const marks = await pb
    .selectFrom('pollbook_marks')
    .select(['branch_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('election_id', '=', electionId)
    .groupBy('branch_id')
    .execute();
  const cards = await pb
    .selectFrom('pollbook_cards')
    .select(['branch_id', 'state', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('election_id', '=', electionId)
    .groupBy(['branch_id', 'state'])
    .execute();
  const provisional = await pb
    .selectFrom('pollbook_provisional')
    .select(['branch_id', 'decision', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('election_id', '=', electionId)
    .groupBy(['branch_id', 'decision'])
    .execute();
  const ballots = await st
    .selectFrom('ballots')
    .select(['branch_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('election_id', '=', electionId)
    .groupBy('branch_id')
    .execute();
  const lifecycles = await st
    .selectFrom('branch_lifecycles')
    .select(['branch_id', 'state'])
    .where('election_id', '=', electionId)
    .execute();
  const decrypted = await listBranchCounts(db, electionId);

  interface Figures {
    marks: number;
    used: number;
    abandoned: number;
    confirmed: number;
    rejected: number;
    received: number;
    report: BranchLifecycle['reports'];
    decrypted?: number;
  }
  const byBranch = new Map<string, Figures>();
  const of = (branch: string): Figures => {
    let f = byBranch.get(branch);
    if (f === undefined) {
      f = { marks: 0, used: 0, abandoned: 0, confirmed: 0, rejected: 0, received: 0, report: [] };
      byBranch.set(branch, f);
    }
    return f;
  };
  for (const r of marks) of(r.branch_id).marks = n(r.n);
  for (const r of cards) {
    const f = of(r.branch_id);
    if (r.state === 'used') f.used += n(r.n);
    // An active card at reconciliation time was never used: it counts as abandoned.
    else f.abandoned += n(r.n);
  }
  for (const r of provisional)
    if (r.decision === 'confirmed') of(r.branch_id).confirmed = n(r.n);
    else of(r.branch_id).rejected = n(r.n);
  for (const r of ballots) of(r.branch_id).received = n(r.n);
  for (const r of lifecycles) {
    const state = JSON.parse(r.state) as BranchLifecycle;
    if (state.phase === 'not-configured' || state.phase === 'configured') continue;
    of(r.branch_id).report = state.reports;
  }
  for (const d of decrypted) of(d.branchId).decrypted = d.ballotCount;

  return [...byBranch.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([branchId, f]) => {
      const reported = f.report.length > 0;
      const sum = (k: 'authenticated' | 'cast' | 'abandoned' | 'provisional') =>
        f.report.reduce((a, r) => a + r[k], 0);
      // Offline ballots reach HQ only through the report's count and the poll book's decisions.
      const provisionalCast = reported ? sum('provisional') : f.confirmed + f.rejected;
      return {
        branchId,
        // Rejected provisional voters were authenticated at this branch too (offline).
        authenticated: f.marks + f.rejected,
        cast: f.used + provisionalCast,
        abandoned: f.abandoned,
        provisional: { cast: provisionalCast, confirmed: f.confirmed, excluded: f.rejected },
        receivedAtHq: f.received,
        tallyReport: reported
          ? { authenticated: sum('authenticated'), cast: sum('cast'), abandoned: sum('abandoned') }
          : null,
        ...(f.decrypted !== undefined ? { decryptedBallotCount: f.decrypted } : {}),
      };
    });
}

function decisionOf(row: FlagDecisionTable): RecordedFlagDecision {
  return {
    branchId: row.branch_id,
    code: row.code as ReconciliationCode,
    ...(row.field !== '' ? { field: row.field } : {}),
    decision: row.decision,
    reason: row.reason,
    decidedBy: row.decided_by,
    sequence: row.sequence,
    decidedAt: row.decided_at,
    numbers: JSON.parse(row.numbers) as Record<string, unknown>,
  };
}

export async function listFlagDecisions(
  db: Kysely<Database>,
  electionId: string,
): Promise<RecordedFlagDecision[]> {
  const rows = await resultsDb(db)
    .selectFrom('flag_decisions')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('branch_id')
    .orderBy('code')
    .orderBy('field')
    .orderBy('sequence')
    .execute();
  return rows.map(decisionOf);
}

export interface FlagDecisionDraft {
  readonly branchId: string;
  readonly code: ReconciliationCode;
  readonly field?: string;
  readonly decision: FlagDecisionKind;
  readonly reason: string;
  readonly numbers: Readonly<Record<string, unknown>>;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

/**
 * Appends a decision to its flag's history: the next sequence number, read and written in one
 * transaction; a concurrent decision taking the same number loses on the primary key.
 */
export async function recordFlagDecision(
  store: Store,
  electionId: string,
  draft: FlagDecisionDraft,
  alsoInTransaction?: (trx: Kysely<Database>, decision: RecordedFlagDecision) => Promise<unknown>,
): Promise<Result<RecordedFlagDecision, Problem>> {
  const field = draft.field ?? '';
  try {
    return await store.transaction(async (trx) => {
      const last = await resultsDb(trx)
        .selectFrom('flag_decisions')
        .select('sequence')
        .where('election_id', '=', electionId)
        .where('branch_id', '=', draft.branchId)
        .where('code', '=', draft.code)
        .where('field', '=', field)
        .orderBy('sequence', 'desc')
        .limit(1)
        .executeTakeFirst();
      const row: FlagDecisionTable = {
        election_id: electionId,
        branch_id: draft.branchId,
        code: draft.code,
        field,
        sequence: (last?.sequence ?? 0) + 1,
        decision: draft.decision,
        reason: draft.reason,
        numbers: canonicalJson(draft.numbers),
        decided_by: draft.decidedBy,
        decided_at: draft.decidedAt,
      };
      await resultsDb(trx).insertInto('flag_decisions').values(row).execute();
      const recorded = decisionOf(row);
      await alsoInTransaction?.(trx, recorded);
      return ok(recorded);
    });
  } catch (e) {
    if (constraintViolation(e)?.kind === 'unique')
      return err(problem('RESULTS_FLAG_DECISION_CONCURRENT'));
    throw e;
  }
}

export interface CurrentFlags {
  /** Branches reconciled: those of which anything reached HQ. */
  readonly branches: number;
  readonly flags: readonly FlagItem[];
  /** Branches with a flag no supervisor has decided on: they block certification. */
  readonly undecided: readonly string[];
}

/** The flags as of now, each with its decisions: the HQ's routes and the CLI ask this. */
export async function reconciliationFlags(
  db: Kysely<Database>,
  electionId: string,
): Promise<CurrentFlags> {
  const inputs = await reconciliationInputs(db, electionId);
  const report = reconcileBranches(inputs);
  // reconciliationInputs builds well-formed inputs; a refusal here is a programmer's error.
  if (!report.ok)
    throw new Error(`reconciliation inputs refused: ${report.error[0]?.code ?? 'unknown'}`);
  const flags = flagItems(report.value, await listFlagDecisions(db, electionId));
  return { branches: inputs.length, flags, undecided: undecidedBranches(flags) };
}
