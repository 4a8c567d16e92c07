import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  problem,
  readinessByZone,
  returnsByBranch,
  SUPPLY_CATALOGUE,
  supplyDay,
  type Problem,
} from '@sandogh/core';
import {
  appendAudit,
  createSupplyPlan,
  currentElection,
  shipmentFacts,
  supplyBranches,
  type ElectionSummary,
  type Store,
} from '@sandogh/store';
import { pickListFor } from '@sandogh/hq';
import { instant } from '../flags.js';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh supplies …` (issue 8, docs/OPERATIONS.md §8.2): the three-day plan, the readiness
 * view at any instant, and a zone HQ's Persian pick list, on the store directly — what the
 * support committee runs in bulk or with the HQ server unreachable. The plan is on the audit
 * log, by the `cli` system actor (law 6).
 */

const CLI = { kind: 'system', id: 'cli' } as const;

interface DatabaseFlags {
  readonly database: string;
}

async function loaded(
  store: Store,
): Promise<{ election: ElectionSummary } | { problems: Problem[] }> {
  const election = await currentElection(store);
  return election === undefined ? { problems: [problem('DEFINITION_NOT_LOADED')] } : { election };
}

export function registerSuppliesCommands(program: Command): void {
  const supplies = program
    .command('supplies')
    .description('Supplies for the branches: the three-day plan, readiness, pick lists');

  databaseOption(
    supplies
      .command('plan')
      .description('Create the three-day plan: distribution D-3..D-1 and collection on D+1'),
  ).action(
    action(async (flags: DatabaseFlags) =>
      withStore(flags.database, async (store) => {
        const found = await loaded(store);
        if ('problems' in found) return found.problems;
        const electionId = found.election.id;
        const made = await createSupplyPlan(
          store,
          electionId,
          new Date().toISOString(),
          (trx, shipments) =>
            appendAudit(trx, [
              {
                action: 'logistics.plan.created',
                outcome: 'succeeded',
                actor: CLI,
                electionId,
                details: { shipments },
              },
            ]),
        );
        if (!made.ok) return [made.error];
        say(
          `✔ supply plan: ${made.value.shipments} shipments for ${made.value.branches} branches / برنامهٔ اقلام: ${made.value.shipments.toLocaleString('fa-IR')} محموله`,
        );
        return undefined;
      }),
    ),
  );

  databaseOption(
    supplies
      .command('readiness')
      .description('Branches not fully supplied, per zone HQ, and returns still out, at an instant')
      .option('--at <instant>', 'ISO instant to look at (default: now)')
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: DatabaseFlags & { at?: string; json?: boolean }) => {
      const at = instant(flags.at);
      if (typeof at !== 'number') return [at];
      return withStore(flags.database, async (store) => {
        const found = await loaded(store);
        if ('problems' in found) return found.problems;
        const branches = await supplyBranches(store.db, found.election.id);
        const facts = await shipmentFacts(store.db, found.election.id);
        const zones = readinessByZone(branches, facts, at);
        const returns = returnsByBranch(branches, facts, at).filter((r) => !r.complete);
        if (flags.json === true) {
          process.stdout.write(
            jsonText({ at: new Date(at).toISOString(), zones, returnsOutstanding: returns }),
          );
          return undefined;
        }
        say(`readiness at ${new Date(at).toISOString()}`);
        for (const z of zones) {
          say(`  ${z.zoneHqId}: ${z.ready}/${z.branches} branches fully supplied`);
          for (const b of z.notReady)
            say(
              `    ✘ ${b.branchId}: ${b.missing
                .map((m) => `${SUPPLY_CATALOGUE[m.item].name.en} ${m.have}/${m.needed}`)
                .join(', ')}`,
            );
        }
        if (returns.length > 0)
          say(`returns still out: ${returns.map((r) => r.branchId).join(', ')}`);
        return undefined;
      });
    }),
  );

  databaseOption(
    supplies
      .command('picklist')
      .description("A zone HQ's pick list for one day, in Persian, as print-ready HTML")
      .requiredOption('--zone-hq <id>', 'the zone HQ')
      .requiredOption('--day <day>', `one of ${supplyDay.options.join(', ')}`)
      .option('-o, --output <file>', 'write the HTML here (default: standard output)'),
  ).action(
    action(async (flags: DatabaseFlags & { zoneHq: string; day: string; output?: string }) => {
      const day = supplyDay.safeParse(flags.day);
      if (!day.success)
        return [problem('INPUT_NOT_ALLOWED', { allowed: supplyDay.options.join(', ') })];
      return withStore(flags.database, async (store) => {
        const found = await loaded(store);
        if ('problems' in found) return found.problems;
        const html = await pickListFor(
          { store },
          found.election,
          flags.zoneHq,
          day.data,
          Date.now(),
        );
        if (html === undefined)
          return [problem('SUPPLY_ZONE_HQ_NOT_FOUND', { zoneHq: flags.zoneHq })];
        if (flags.output === undefined) process.stdout.write(html);
        else {
          writeFileSync(flags.output, html);
          say(`✔ pick list written to ${flags.output}`);
        }
        return undefined;
      });
    }),
  );
}
