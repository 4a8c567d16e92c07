import type { Command } from 'commander';
import { problem, zoneIncidentFigures } from '@sandogh/core';
import { currentElection, incidentFacts, listIncidents, listZoneHqs } from '@sandogh/store';
import { instant } from '../flags.js';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh incidents …` (issue 8, docs/OPERATIONS.md §8.1): the day's incidents and each zone
 * HQ's figures, read from the store — for the county HQ's report after the day, or when the
 * HQ server is unreachable. Handling incidents (acknowledge, resolve …) is the HQ routes' job.
 */

interface Flags {
  readonly database: string;
  readonly zoneHq?: string;
  readonly open?: boolean;
  readonly at?: string;
  readonly json?: boolean;
}

export function registerIncidentsCommands(program: Command): void {
  const incidents = program
    .command('incidents')
    .description("Election-day incidents: the list and each zone HQ's figures");

  databaseOption(
    incidents
      .command('list')
      .description('Incidents, newest first')
      .option('--zone-hq <id>', 'only this zone HQ')
      .option('--open', 'only those not resolved')
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: Flags) =>
      withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        const rows = await listIncidents(store.db, election.id, {
          zoneHqId: flags.zoneHq,
          openOnly: flags.open === true,
          limit: 100_000,
        });
        if (flags.json === true) {
          process.stdout.write(jsonText(rows));
          return undefined;
        }
        for (const r of rows)
          say(
            `${r.reported_at}  ${r.branch_id}  ${r.kind}/${r.severity} → ${r.team}  ${r.state}${
              r.acknowledge_escalated_at !== null || r.resolve_escalated_at !== null
                ? '  ⚠ escalated'
                : ''
            }`,
          );
        say(`${rows.length} incident(s) / ${rows.length.toLocaleString('fa-IR')} رخداد`);
        return undefined;
      }),
    ),
  );

  databaseOption(
    incidents
      .command('figures')
      .description(
        'Per zone HQ: open incidents, median and 95th-percentile times, branches unable to vote',
      )
      .option('--at <instant>', 'ISO instant to look at (default: now)')
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: Flags) => {
      const at = instant(flags.at);
      if (typeof at !== 'number') return [at];
      return withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        const facts = (await listIncidents(store.db, election.id, { limit: 1_000_000 })).map(
          incidentFacts,
        );
        const zones = (await listZoneHqs(store, election.id)).map((z) =>
          zoneIncidentFigures(z.id, facts, at),
        );
        if (flags.json === true) {
          process.stdout.write(jsonText({ at: new Date(at).toISOString(), zones }));
          return undefined;
        }
        for (const z of zones)
          say(
            `${z.zoneHqId}: ${z.open} open, acknowledge median ${z.acknowledgeSeconds.median ?? '–'} s (p95 ${z.acknowledgeSeconds.p95 ?? '–'}), resolve median ${z.resolveSeconds.median ?? '–'} s (p95 ${z.resolveSeconds.p95 ?? '–'}), ${z.unableToVote.length} branch(es) unable to vote`,
          );
        return undefined;
      });
    }),
  );
}
