import { itineraryInstant } from '@sandogh/core';
import type { ElectionSummary } from '@sandogh/store';
import type { HqContext } from '../context.js';
import { reportIncident } from '../incidents/report.js';
import { electionTimeZone, mobileBranches, stopViews } from './itineraries.js';

/**
 * A mobile branch late at a stop raises an incident by itself (issue 8): voters waiting at a
 * hospital or barracks cannot vote until it comes, so the incident is `cannot-vote`, routed
 * to the zone HQ (kind `other`), and there is one per late stop however often the sweep runs
 * (a unique index on the stop). Only on the voting day itself, in the election's time zone: a
 * test run or a replay on another day raises nothing. Returns how many were raised now.
 */
export async function raiseLateStops(
  ctx: Pick<HqContext, 'store' | 'audit'>,
  election: ElectionSummary,
  now: number,
): Promise<number> {
  const zone = await electionTimeZone(ctx.store, election);
  const dayStart = itineraryInstant(election.votingDay, '00:00', zone);
  if (now < dayStart || now >= dayStart + 24 * 3_600_000) return 0;
  let raised = 0;
  for (const branch of await mobileBranches(ctx.store, election.id)) {
    for (const view of await stopViews(ctx.store, election, branch, now)) {
      if (view.status !== 'late') continue;
      const made = await reportIncident(
        ctx,
        election.id,
        branch.id,
        {
          kind: 'other',
          severity: 'cannot-vote',
          description: `شعبهٔ سیار ${view.lateMinutes} دقیقه پس از زمان برنامه به توقف ${view.stopId} نرسیده است. / The mobile branch has not reached stop ${view.stopId}, ${view.lateMinutes} minutes after its planned arrival.`,
        },
        { source: 'hq', by: 'hq', stopId: view.stopId },
        now,
      );
      if (made.created) raised += 1;
    }
  }
  return raised;
}
