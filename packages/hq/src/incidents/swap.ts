import { problem, type Problem } from '@sandogh/core';
import type { IncidentRow, Store } from '@sandogh/store';

/**
 * A device swap linked to an incident (issue 8): the faulty device is one of the branch's own
 * (authentication or voting, law 4: only registered boxes), and the replacement is a spare of
 * the same zone HQ — or already assigned to the branch, when the IT committee registered the
 * swap in the device registry first. The registry itself is the devices area's; an incident
 * only names the serials, so the record of the day shows which fault a swap answered.
 */
export async function checkDeviceSwap(
  store: Store,
  incident: IncidentRow,
  swap: { readonly faulty: string; readonly replacement: string },
): Promise<Problem | undefined> {
  if (swap.faulty === swap.replacement)
    return problem('INCIDENT_SWAP_INVALID', { reason: 'the two serials are the same device' });
  const devices = await store.db
    .selectFrom('devices')
    .select(['serial', 'kind', 'branch_id', 'zone_hq_id', 'status'])
    .where('election_id', '=', incident.election_id)
    .where('serial', 'in', [swap.faulty, swap.replacement])
    .execute();
  const faulty = devices.find((d) => d.serial === swap.faulty);
  const replacement = devices.find((d) => d.serial === swap.replacement);
  if (faulty === undefined || faulty.kind === 'spare')
    return problem('INCIDENT_SWAP_INVALID', {
      reason: `"${swap.faulty}" is not a registered authentication or voting device`,
    });
  if (faulty.branch_id !== incident.branch_id && faulty.branch_id !== null)
    return problem('INCIDENT_SWAP_INVALID', {
      reason: `"${swap.faulty}" serves another branch`,
    });
  if (replacement === undefined)
    return problem('INCIDENT_SWAP_INVALID', {
      reason: `"${swap.replacement}" is not a registered device`,
    });
  const spareHere =
    replacement.kind === 'spare' &&
    replacement.branch_id === null &&
    replacement.zone_hq_id === incident.zone_hq_id;
  const alreadyAssigned =
    replacement.branch_id === incident.branch_id && replacement.kind === faulty.kind;
  if (!spareHere && !alreadyAssigned)
    return problem('INCIDENT_SWAP_INVALID', {
      reason: `"${swap.replacement}" is neither a spare of zone HQ ${incident.zone_hq_id} nor already assigned to the branch`,
    });
  if (replacement.status === 'faulty' || replacement.status === 'retired')
    return problem('INCIDENT_SWAP_INVALID', {
      reason: `"${swap.replacement}" is ${replacement.status}`,
    });
  return undefined;
}
