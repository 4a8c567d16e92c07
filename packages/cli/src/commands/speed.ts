import type { Command } from 'commander';
import { DEFAULT_TARGET_SECONDS, problem, type Problem } from '@sandogh/core';
import { currentElection } from '@sandogh/store';
import { speedView, zoneHqExists, zoneSpeedView, type ZoneSpeedView } from '@sandogh/hq';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh speed` (issue 8, docs/OPERATIONS.md §8.5): time per voter, median and 95th
 * percentile per branch, slowest first, with the latest queue and an alert where a branch's
 * median is over its target — read from the store with the same computation as
 * `GET /api/v1/zone-hqs/:zoneHqId/speed` and `GET /api/v1/speed`.
 */
interface Flags {
  readonly database: string;
  readonly zoneHq?: string;
  readonly targetSeconds?: string;
  readonly json?: boolean;
}

/** The routes' bounds on the target (speed.ts): whole seconds from 5 to 3600. */
function target(text: string | undefined): number | Problem {
  if (text === undefined) return DEFAULT_TARGET_SECONDS;
  const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isInteger(n) && n >= 5 && n <= 3_600
    ? n
    : problem('CLI_USAGE', {
        reason: `--target-seconds must be a whole number of seconds from 5 to 3600, not "${text}"`,
      });
}

const sec = (s: number | null) => (s === null ? '–' : `${Math.round(s * 10) / 10} s`);

function sayBranch(b: ZoneSpeedView['branches'][number]): void {
  say(
    `${b.branchId} (${b.zoneHqId}): median ${sec(b.voters.median)}, p95 ${sec(b.voters.p95)}, ${b.voters.count} voter(s)${
      b.queue === null ? '' : `, queue ${b.queue.length} at ${b.queue.at}`
    }${b.overTarget ? `  ⚠ over the ${b.targetSeconds} s target` : ''}`,
  );
}

export function registerSpeedCommands(program: Command): void {
  databaseOption(
    program
      .command('speed')
      .description(
        'Time per voter: median and 95th percentile per branch, slowest first, with over-target alerts',
      )
      .option('--zone-hq <id>', "this zone HQ's branches (default: every zone HQ, 20 slowest)")
      .option('--target-seconds <n>', `median target per voter (default ${DEFAULT_TARGET_SECONDS})`)
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: Flags) => {
      const targetSeconds = target(flags.targetSeconds);
      if (typeof targetSeconds !== 'number') return [targetSeconds];
      return withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        if (flags.zoneHq !== undefined) {
          if (!(await zoneHqExists(store, election.id, flags.zoneHq)))
            return [problem('DEVICE_STATUS_ZONE_UNKNOWN', { zoneHq: flags.zoneHq })];
          const view = await zoneSpeedView(store, election.id, flags.zoneHq, targetSeconds);
          if (flags.json === true) {
            process.stdout.write(jsonText(view));
            return undefined;
          }
          for (const b of view.branches) sayBranch(b);
          say(
            `${view.zoneHqId}: median ${sec(view.voters?.median ?? null)}, p95 ${sec(view.voters?.p95 ?? null)}; ${view.alerts.length} branch(es) over target / ${view.alerts.length.toLocaleString('fa-IR')} شعبه بیش از هدف`,
          );
          return undefined;
        }
        const view = await speedView(store, election.id, targetSeconds);
        if (flags.json === true) {
          process.stdout.write(jsonText(view));
          return undefined;
        }
        for (const z of view.zones)
          say(
            `${z.zoneHqId}: median ${sec(z.voters.median)}, p95 ${sec(z.voters.p95)}, ${z.voters.count} voter(s)${
              z.overTarget.length > 0 ? `  ⚠ over target: ${z.overTarget.join(', ')}` : ''
            }`,
          );
        for (const b of view.slowest) sayBranch(b);
        const alerts = view.zones.reduce((n, z) => n + z.overTarget.length, 0);
        say(`${alerts} branch(es) over target / ${alerts.toLocaleString('fa-IR')} شعبه بیش از هدف`);
        return undefined;
      });
    }),
  );
}
