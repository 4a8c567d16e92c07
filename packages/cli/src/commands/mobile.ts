import type { Command } from 'commander';
import { problem } from '@sandogh/core';
import { currentElection, listZoneHqs } from '@sandogh/store';
import { zoneHqExists, zoneMobileView, type ItineraryView } from '@sandogh/hq';
import { instant } from '../flags.js';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh mobile` (issue 8, docs/OPERATIONS.md §8.4): every mobile branch's itinerary — where
 * it is, each stop's planned and recorded times and voters, the stops it is late for — read
 * from the store with the same computation as `GET /api/v1/zone-hqs/:zoneHqId/mobile`.
 * Recording arrivals and departures is the HQ routes' job.
 */
interface Flags {
  readonly database: string;
  readonly zoneHq?: string;
  readonly at?: string;
  readonly json?: boolean;
}

function sayBranch(b: ItineraryView): void {
  const current = b.stops.find((s) => s.stopId === b.currentStop);
  const where =
    current === undefined
      ? 'itinerary done'
      : current.status === 'here'
        ? `at ${current.stopId}`
        : `heading for ${current.stopId}`;
  say(
    `${b.branchId} (${b.zoneHqId}): ${where}${b.late.length > 0 ? `  ⚠ late for ${b.late.join(', ')}` : ''}`,
  );
  for (const s of b.stops)
    say(
      `  ${s.stopId}  ${s.status}${s.lateMinutes > 0 ? ` (${s.lateMinutes} min late)` : ''}  planned ${s.plannedArrival ?? '—'} → ${s.plannedDeparture ?? '—'}  recorded ${s.arrivedAt ?? '—'} → ${s.departedAt ?? '—'}  voters ${s.voters ?? '—'}`,
    );
}

export function registerMobileCommands(program: Command): void {
  databaseOption(
    program
      .command('mobile')
      .description('Mobile branches: each itinerary, the current stop, the late stops')
      .option('--zone-hq <id>', 'only this zone HQ')
      .option('--at <instant>', 'ISO instant to look at (default: now)')
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: Flags) => {
      const at = instant(flags.at);
      if (typeof at !== 'number') return [at];
      return withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        if (flags.zoneHq !== undefined && !(await zoneHqExists(store, election.id, flags.zoneHq)))
          return [problem('DEVICE_STATUS_ZONE_UNKNOWN', { zoneHq: flags.zoneHq })];
        const zoneIds =
          flags.zoneHq === undefined
            ? (await listZoneHqs(store, election.id)).map((z) => z.id)
            : [flags.zoneHq];
        const zones = [];
        for (const z of zoneIds) zones.push(await zoneMobileView(store, election, z, at));
        if (flags.json === true) {
          process.stdout.write(jsonText(flags.zoneHq === undefined ? { zones } : zones[0]));
          return undefined;
        }
        const branches = zones.flatMap((z) => z.branches);
        for (const b of branches) sayBranch(b);
        const late = branches.filter((b) => b.late.length > 0).length;
        say(
          `${branches.length} mobile branch(es), ${late} late / ${branches.length.toLocaleString('fa-IR')} شعبهٔ سیار، ${late.toLocaleString('fa-IR')} با تاخیر`,
        );
        return undefined;
      });
    }),
  );
}
