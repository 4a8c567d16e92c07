import {
  eligibilityProblem,
  err,
  ok,
  problem,
  type NationalCode,
  type Problem,
  type Result,
} from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { existingMarks, insertMarks } from './checkAndMark.js';
import { chunks, registryVoters, verdictFor, type PollbookElection } from './election.js';
import { pollbookDb, type PollbookMarkTable, type PollbookProvisionalTable } from './tables.js';
import { addTurnout } from './turnout.js';

/**
 * The offline rule (DESIGN §2 "Offline", law 1; docs/POLLBOOK.md). A station that heard
 * nothing from HQ for 10 s checked voters in locally and its voting device sealed their
 * ballots as provisional, each under a random handle. Back online, the station sends its
 * offline marks — national code, local instant, handle — and HQ decides each: confirmed (the
 * person was not marked anywhere and is eligible: the mark is made now, mode `provisional`) or
 * rejected (the earlier mark stands). HQ stores the decision by handle only and the mark by
 * national code only: the handle–voter link exists only in the message being decided, then is
 * gone (law 1). The station excludes each rejected handle's sealed ballot without decrypting it.
 */

export interface OfflineMark {
  readonly nationalCode: NationalCode;
  readonly at: string;
  readonly handle: string;
}

export interface OfflineDecision {
  readonly handle: string;
  readonly decision: 'confirmed' | 'rejected';
  /** For a rejection: the problem code (POLLBOOK_ALREADY_VOTED, VOTER_*). */
  readonly reason: string | null;
  readonly earlierBranchId: string | null;
  readonly earlierAt: string | null;
  /** False when this handle was decided by an earlier delivery of the same marks. */
  readonly fresh: boolean;
}

export interface OfflineBatch {
  readonly branchId: string;
  readonly messageId: string;
  readonly marks: readonly OfflineMark[];
}

function decisionFromRow(row: PollbookProvisionalTable, fresh: boolean): OfflineDecision {
  return {
    handle: row.handle,
    decision: row.decision,
    reason: row.reason,
    earlierBranchId: row.earlier_branch_id,
    earlierAt: row.earlier_at,
    fresh,
  };
}

/**
 * Decides a station's offline marks in one transaction, in the station's order. A handle
 * already decided (a redelivery) keeps its decision; a handle another branch used refuses the
 * whole message (law 8: nothing written). `alsoInTransaction` records the audit entries.
 */
export async function decideOfflineMarks(
  store: Store,
  election: PollbookElection,
  batch: OfflineBatch,
  now: Date,
  alsoInTransaction?: (
    trx: Kysely<Database>,
    decisions: readonly OfflineDecision[],
  ) => Promise<unknown>,
): Promise<Result<OfflineDecision[], Problem>> {
  const { electionId } = election;
  const codesSeen = new Set(batch.marks.map((m) => m.nationalCode));
  const handlesSeen = new Set(batch.marks.map((m) => m.handle));
  if (codesSeen.size !== batch.marks.length || handlesSeen.size !== batch.marks.length)
    return err(problem('POLLBOOK_OFFLINE_DUPLICATE'));
  return store.transaction(async (trx) => {
    const pdb = pollbookDb(trx);
    const handles = batch.marks.map((m) => m.handle);
    const decided = new Map<string, PollbookProvisionalTable>();
    for (const part of chunks(handles)) {
      const rows = await pdb
        .selectFrom('pollbook_provisional')
        .selectAll()
        .where('election_id', '=', electionId)
        .where('handle', 'in', part)
        .execute();
      for (const r of rows) decided.set(r.handle, r);
    }
    for (const row of decided.values())
      if (row.branch_id !== batch.branchId)
        return err(problem('POLLBOOK_OFFLINE_HANDLE_REUSED', { handle: row.handle }));

    const pending = batch.marks.filter((m) => !decided.has(m.handle));
    const codes = pending.map((m) => m.nationalCode);
    const voters = await registryVoters(trx, electionId, codes);
    const marks = await existingMarks(trx, electionId, codes);
    const decidedAt = now.toISOString();
    const rows: PollbookProvisionalTable[] = [];
    const newMarks: PollbookMarkTable[] = [];
    for (const mark of pending) {
      const base = {
        election_id: electionId,
        handle: mark.handle,
        branch_id: batch.branchId,
        decided_at: decidedAt,
      };
      const earlier = marks.get(mark.nationalCode);
      if (earlier !== undefined) {
        rows.push({
          ...base,
          decision: 'rejected',
          reason: 'POLLBOOK_ALREADY_VOTED',
          earlier_branch_id: earlier.branchId,
          earlier_at: earlier.markedAt,
        });
        continue;
      }
      const verdict = verdictFor(voters.get(mark.nationalCode), election);
      if (verdict.kind !== 'eligible') {
        const reason =
          verdict.kind === 'not-in-registry'
            ? 'VOTER_NOT_IN_REGISTRY'
            : eligibilityProblem(verdict.refusal, verdict.voter, election.eligibility).code;
        rows.push({
          ...base,
          decision: 'rejected',
          reason,
          earlier_branch_id: null,
          earlier_at: null,
        });
        continue;
      }
      rows.push({
        ...base,
        decision: 'confirmed',
        reason: null,
        earlier_branch_id: null,
        earlier_at: null,
      });
      newMarks.push({
        election_id: electionId,
        national_code: mark.nationalCode,
        branch_id: batch.branchId,
        marked_at: mark.at,
        mode: 'provisional',
        decision: 'confirmed',
        message_id: batch.messageId,
        cards_issued: 1,
      });
      marks.set(mark.nationalCode, {
        branchId: batch.branchId,
        markedAt: mark.at,
        messageId: batch.messageId,
      });
    }
    const inserted = await insertMarks(trx, newMarks);
    if (inserted < newMarks.length) {
      // Marked meanwhile by another HQ process: those become rejections, the earlier mark stands.
      const winners = await existingMarks(
        trx,
        electionId,
        newMarks.map((m) => m.national_code),
      );
      const lostHandle = new Map(pending.map((m) => [m.nationalCode as string, m.handle]));
      for (const m of newMarks) {
        const winner = winners.get(m.national_code);
        if (winner === undefined || winner.messageId === batch.messageId) continue;
        const handle = lostHandle.get(m.national_code);
        const at = rows.findIndex((r) => r.handle === handle);
        const row = rows[at];
        if (row !== undefined)
          rows[at] = {
            ...row,
            decision: 'rejected',
            reason: 'POLLBOOK_ALREADY_VOTED',
            earlier_branch_id: winner.branchId,
            earlier_at: winner.markedAt,
          };
      }
    }
    for (const part of chunks(rows, 500))
      await pdb.insertInto('pollbook_provisional').values(part).execute();
    const handleOf = new Map(pending.map((m) => [m.nationalCode as string, m.handle]));
    const confirmed = new Set(rows.filter((r) => r.decision === 'confirmed').map((r) => r.handle));
    await addTurnout(
      trx,
      election,
      newMarks
        .filter((m) => confirmed.has(handleOf.get(m.national_code) ?? ''))
        .map((m) => ({ branchId: m.branch_id, markedAt: m.marked_at })),
    );
    const fresh = new Map(rows.map((r) => [r.handle, r]));
    const decisions = batch.marks.map((m) => {
      const row = fresh.get(m.handle);
      if (row !== undefined) return decisionFromRow(row, true);
      const old = decided.get(m.handle);
      if (old === undefined) throw new Error('offline mark without a decision');
      return decisionFromRow(old, false);
    });
    await alsoInTransaction?.(trx, decisions);
    return ok(decisions);
  });
}

/** Handles whose provisional ballots are excluded (rejected), for the branch's ballot intake. */
export async function excludedProvisionalHandles(
  store: Store,
  electionId: string,
  branchId?: string,
): Promise<string[]> {
  let query = pollbookDb(store.db)
    .selectFrom('pollbook_provisional')
    .select('handle')
    .where('election_id', '=', electionId)
    .where('decision', '=', 'rejected');
  if (branchId !== undefined) query = query.where('branch_id', '=', branchId);
  return (await query.orderBy('handle').execute()).map((r) => r.handle);
}

export interface ProvisionalRejection {
  readonly branchId: string;
  readonly reason: string;
  readonly earlierBranchId: string | null;
  readonly earlierAt: string | null;
  readonly decidedAt: string;
}

/** Rejected provisional check-ins, for supervisors (no handle, no voter). */
export async function provisionalRejections(
  store: Store,
  electionId: string,
): Promise<ProvisionalRejection[]> {
  const rows = await pollbookDb(store.db)
    .selectFrom('pollbook_provisional')
    .select(['branch_id', 'reason', 'earlier_branch_id', 'earlier_at', 'decided_at'])
    .where('election_id', '=', electionId)
    .where('decision', '=', 'rejected')
    .orderBy('decided_at')
    .orderBy('branch_id')
    .execute();
  return rows.map((r) => ({
    branchId: r.branch_id,
    reason: r.reason ?? '',
    earlierBranchId: r.earlier_branch_id,
    earlierAt: r.earlier_at,
    decidedAt: r.decided_at,
  }));
}
