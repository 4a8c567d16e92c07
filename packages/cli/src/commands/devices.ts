import type { Command } from 'commander';
import { problem, zoneDeviceReadiness } from '@sandogh/core';
import { currentElection } from '@sandogh/store';
import { deviceReadinessNow, resolvePackageKey, zoneHqExists } from '@sandogh/hq';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh devices readiness` (issue 8, docs/OPERATIONS.md §8.6): the IT committee's view of
 * every device — registered, assigned, configured with its branch's current package, self-tested,
 * opened — and the spares at each zone HQ, on the store directly (the same computation as
 * `GET /api/v1/devices/readiness`). The expected package hashes are those HQ signs with its
 * key file beside the store (or `--key-file`).
 */
interface ReadinessFlags {
  readonly database: string;
  readonly zone?: string;
  readonly keyFile?: string;
  readonly json?: boolean;
}

export function registerDevicesCommands(program: Command): void {
  const devices = program
    .command('devices')
    .description("Branch devices: the IT committee's readiness view");

  databaseOption(
    devices
      .command('readiness')
      .description(
        'Every device: assigned, current package, self-test, branch opened; spares per zone HQ',
      )
      .option('--zone <zoneHqId>', 'only this zone HQ')
      .option('--key-file <file>', "HQ's key file (default: beside the store)")
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: ReadinessFlags) =>
      withStore(flags.database, async (store) => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        if (flags.zone !== undefined && !(await zoneHqExists(store, election.id, flags.zone)))
          return [problem('DEVICE_STATUS_ZONE_UNKNOWN', { zoneHq: flags.zone })];
        const key = resolvePackageKey(flags.database, { keyFile: flags.keyFile });
        const whole = await deviceReadinessNow(store, election.id, key);
        const view = flags.zone === undefined ? whole : zoneDeviceReadiness(whole, flags.zone);
        if (flags.json === true) {
          process.stdout.write(jsonText(view));
          return undefined;
        }
        for (const z of view.zones)
          say(
            `${z.zoneHqId}: ${z.ready}/${z.devices} devices ready, ${z.sparesAvailable} spares available, ${z.branchesMissingDevices} branches missing a device`,
          );
        for (const d of view.devices)
          if (!d.ready && d.kind !== 'spare')
            say(`  ✘ ${d.serial} (${d.kind}, ${d.branchId ?? '—'}): ${d.gaps.join(', ')}`);
        for (const g of view.branchesMissingDevices)
          say(`  ✘ branch ${g.branchId}: no ${g.missing.join(' and ')} device in service`);
        for (const s of view.spares)
          say(`  spare ${s.serial} at ${s.zoneHqId}${s.available ? '' : ` (${s.status})`}`);
        return undefined;
      }),
    ),
  );
}
