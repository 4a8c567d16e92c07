import type { Command } from 'commander';
import { problem } from '@sandogh/core';
import { currentElection, listZoneHqs } from '@sandogh/store';
import {
  branchExists,
  branchStaffingView,
  zoneHqExists,
  zoneStaffingView,
  type ZoneStaffingView,
} from '@sandogh/hq';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh staffing` (issue 8, docs/OPERATIONS.md §8.3): the branches flagged before opening
 * for want of their chair, device operator, quorum or governor's representative — per zone HQ,
 * or one branch's people and their attendance — read from the store with the same computation
 * as `GET /api/v1/zone-hqs/:zoneHqId/staffing` and `GET /api/v1/branches/:branchId/staffing`.
 * Recording attendance is the HQ routes' job.
 */
interface Flags {
  readonly database: string;
  readonly zoneHq?: string;
  readonly branch?: string;
  readonly json?: boolean;
}

function sayZone(z: ZoneStaffingView): void {
  say(`${z.zoneHqId}: ${z.ready}/${z.branches} branches ready, ${z.flagged.length} flagged`);
  for (const f of z.flagged)
    say(
      `  ✘ ${f.branchId}: ${f.gaps.join(', ')}${f.unknown > 0 ? ` (${f.unknown} not recorded)` : ''}`,
    );
}

export function registerStaffingCommands(program: Command): void {
  databaseOption(
    program
      .command('staffing')
      .description(
        "Staff in place: branches flagged before opening per zone HQ, or one branch's people and attendance",
      )
      .option('--zone-hq <id>', 'only this zone HQ')
      .option('--branch <id>', "this branch's people and their attendance")
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: Flags) => {
      if (flags.zoneHq !== undefined && flags.branch !== undefined)
        return [problem('CLI_USAGE', { reason: 'give at most one of --zone-hq, --branch' })];
      return withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        if (flags.branch !== undefined) {
          if (!(await branchExists(store, election.id, flags.branch)))
            return [problem('BRANCH_NOT_FOUND', { branch: flags.branch })];
          const view = await branchStaffingView(store, election.id, flags.branch);
          if (flags.json === true) {
            process.stdout.write(jsonText(view));
            return undefined;
          }
          say(
            `${view.branchId}: ${view.ready ? 'ready' : `✘ not ready (${view.gaps.join(', ')})`}, ${view.present.length} present, ${view.absent.length} absent, ${view.unknown.length} not recorded`,
          );
          for (const p of view.people)
            say(
              `  ${p.id}  ${p.role}${p.trusteeRole === null ? '' : `/${p.trusteeRole}`}${p.deviceOperator ? ' (device operator)' : ''}  ${p.attendance ?? '—'}  ${p.at ?? '—'}  ${p.name.fa} / ${p.name.en}`,
            );
          return undefined;
        }
        if (flags.zoneHq !== undefined && !(await zoneHqExists(store, election.id, flags.zoneHq)))
          return [problem('DEVICE_STATUS_ZONE_UNKNOWN', { zoneHq: flags.zoneHq })];
        const zoneIds =
          flags.zoneHq === undefined
            ? (await listZoneHqs(store, election.id)).map((z) => z.id)
            : [flags.zoneHq];
        const zones: ZoneStaffingView[] = [];
        for (const z of zoneIds) zones.push(await zoneStaffingView(store, election.id, z));
        if (flags.json === true) {
          process.stdout.write(jsonText(flags.zoneHq === undefined ? { zones } : zones[0]));
          return undefined;
        }
        for (const z of zones) sayZone(z);
        const flagged = zones.reduce((n, z) => n + z.flagged.length, 0);
        say(
          `${flagged} branch(es) flagged / ${flagged.toLocaleString('fa-IR')} شعبهٔ نیازمند پیگیری`,
        );
        return undefined;
      });
    }),
  );
}
