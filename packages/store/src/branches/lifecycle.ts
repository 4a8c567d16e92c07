import type { Kysely } from 'kysely';
import { canonicalJson, type BranchLifecycle } from '@sandogh/core';
import type { Database } from '../database.js';
import { stationDb } from '../ballots/tables.js';

/**
 * Each branch's lifecycle state (core branches/lifecycle.ts) as HQ keeps it (issue 5): one row
 * per branch, written with a version check so two HQ requests racing on one branch cannot
 * both move it (the loser re-reads and is refused by the machine, or retries).
 */
export interface StoredLifecycle {
  readonly state: BranchLifecycle;
  /** 0 when the branch has no row yet. */
  readonly version: number;
}

export async function readBranchLifecycle(
  db: Kysely<Database>,
  electionId: string,
  branchId: string,
): Promise<StoredLifecycle | undefined> {
  const row = await stationDb(db)
    .selectFrom('branch_lifecycles')
    .select(['state', 'version'])
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { state: JSON.parse(row.state) as BranchLifecycle, version: row.version };
}

/** Writes the next state if the row is still at `version`; false when someone moved it first. */
export async function writeBranchLifecycle(
  trx: Kysely<Database>,
  electionId: string,
  branchId: string,
  state: BranchLifecycle,
  version: number,
  at: string,
): Promise<boolean> {
  const db = stationDb(trx);
  if (version === 0) {
    const r = await db
      .insertInto('branch_lifecycles')
      .values({
        election_id: electionId,
        branch_id: branchId,
        phase: state.phase,
        state: canonicalJson(state),
        version: 1,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['election_id', 'branch_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const r = await db
    .updateTable('branch_lifecycles')
    .set({ phase: state.phase, state: canonicalJson(state), version: version + 1, updated_at: at })
    .where('election_id', '=', electionId)
    .where('branch_id', '=', branchId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
