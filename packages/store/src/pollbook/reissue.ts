import { err, ok, problem, type NationalCode, type Problem, type Result } from '@sandogh/core';
import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { cardRow, freshCardToken, insertCards, issuedCard, type IssuedCard } from './cards.js';
import { votingDevices } from './checkAndMark.js';
import { pollbookDb } from './tables.js';

/**
 * The override (issue 4): a voter already marked — their card expired or was abandoned, the
 * voting device failed — gets a new card only at the branch that marked them, on the device
 * operator's request approved by the chair or the governor's representative (the two-person
 * rule is the HQ route's; policy 'pollbook.override'). The mark is not made again: its count of
 * cards issued grows by one, so the branch's reconciliation still balances (law 5).
 */
export async function reissueCard(
  store: Store,
  electionId: string,
  nationalCode: NationalCode,
  branchId: string,
  now: Date,
  alsoInTransaction?: (trx: Kysely<Database>) => Promise<unknown>,
): Promise<Result<IssuedCard, Problem>> {
  return store.transaction(async (trx) => {
    const pdb = pollbookDb(trx);
    const mark = await pdb
      .selectFrom('pollbook_marks')
      .select(['branch_id'])
      .where('election_id', '=', electionId)
      .where('national_code', '=', nationalCode)
      .executeTakeFirst();
    if (mark === undefined) return err(problem('POLLBOOK_NOT_MARKED'));
    if (mark.branch_id !== branchId)
      return err(problem('POLLBOOK_OVERRIDE_OTHER_BRANCH', { branch: mark.branch_id }));
    const device = (await votingDevices(trx, electionId, [branchId])).get(branchId);
    if (device === undefined)
      return err(problem('POLLBOOK_NO_VOTING_DEVICE', { branch: branchId }));
    const card = issuedCard(freshCardToken(now.getTime()), device);
    await insertCards(trx, [cardRow(electionId, branchId, card)]);
    await pdb
      .updateTable('pollbook_marks')
      .set((eb) => ({ cards_issued: eb('cards_issued', '+', 1) }))
      .where('election_id', '=', electionId)
      .where('national_code', '=', nationalCode)
      .execute();
    await alsoInTransaction?.(trx);
    return ok(card);
  });
}
