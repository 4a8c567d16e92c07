import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { branchPackageShortHash, branchPackageText, problem, type Problem } from '@sandogh/core';
import { devicePublicKeyOf } from '@sandogh/crypto';
import { buildBranchPackage, resolvePackageKey } from '@sandogh/hq';
import {
  httpStatusSender,
  openStation,
  selfTestRunner,
  stationServer,
  type SelfTestReport,
} from '@sandogh/station';
import { action } from '../program.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

interface PackageFlags {
  database: string;
  out: string;
  hqKeyFile?: string;
}

interface RunFlags {
  package: string;
  key: string;
  authKey?: string;
  hq?: string;
  hqPublicKey: string;
  data: string;
  port: string;
  printer: boolean;
}

function readText(file: string): string | Problem {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    return problem('FILE_UNREADABLE', { file, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** A device's seed file: 64 hex digits. */
function readSeed(file: string): string | Problem {
  const seed = readText(file);
  if (typeof seed !== 'string') return seed;
  const seedHex = seed.trim();
  return /^[0-9a-f]{64}$/.test(seedHex)
    ? seedHex
    : problem('FILE_UNREADABLE', { file, reason: 'not a 64-hex-digit seed' });
}

/** The package's device with this key ('' when none: openStation then refuses the package). */
function serialOf(packageText: string, publicKey: string): string {
  try {
    const parsed = JSON.parse(packageText) as {
      package?: { devices?: { serial: string; publicKey: string }[] };
    };
    return parsed.package?.devices?.find((d) => d.publicKey === publicKey)?.serial ?? '';
  } catch {
    return '';
  }
}

/** One line for the operator: the self-test's checks and what HQ made of the report. */
function selfTestLine(report: SelfTestReport): string {
  const failed = report.selfTest.checks.filter((c) => !c.passed).map((c) => c.name);
  const checks = report.selfTest.passed ? 'passed' : `FAILED (${failed.join(', ')})`;
  const hq =
    report.hq.state === 'accepted'
      ? `reported to HQ: ${JSON.stringify(report.hq.answer)}`
      : report.hq.state === 'no-hq'
        ? 'not reported (no --hq)'
        : `NOT reported: ${report.hq.problem.code} ${report.hq.problem.message.en}`;
  return `${report.selfTest.passed ? '✔' : '✘'} self-test ${checks}; ${hq}`;
}

/**
 * `sandogh station package|run` (issue 5, docs/STATION.md): HQ writes a branch's signed
 * configuration package; a station runs from it with its device key, talking to HQ.
 */
export function registerStationCommands(program: Command): void {
  const station = program
    .command('station')
    .description('A branch station: its signed configuration package, and the station itself');

  databaseOption(
    station
      .command('package <branch>')
      .description("Write a branch's configuration package, signed with HQ's key")
      .requiredOption('-o, --out <file>', 'where to write the package')
      .option('--hq-key-file <file>', "HQ's key file (default: beside the store, as `serve` uses)"),
  ).action(
    action(async (branch: string, flags: PackageFlags) =>
      withStore(flags.database, async (store) => {
        const key = resolvePackageKey(flags.database, { keyFile: flags.hqKeyFile });
        const built = await buildBranchPackage(store, branch, key);
        if (!built.ok) return [built.error];
        writeFileSync(flags.out, branchPackageText(built.value));
        say(`✔ package of branch ${branch}: ${branchPackageShortHash(built.value.package)}`);
        say(`  signed by HQ key ${key.keyId} (${key.publicKey})`);
        return undefined;
      }),
    ),
  );

  station
    .command('run')
    .description('Run a voting device: its local interface on 127.0.0.1 and its outbox to HQ')
    .requiredOption('--package <file>', 'the signed configuration package')
    .requiredOption('--key <file>', "the device's Ed25519 seed (64 hex digits)")
    .requiredOption(
      '--hq-public-key <key>',
      "HQ's public key (base64), provisioned with the station",
    )
    .option(
      '--auth-key <file>',
      "the branch's authentication device seed: this program runs it too (POST /pollbook/check-in; needs --hq)",
    )
    .option('--hq <url>', 'HQ address; without it ballots stay in the outbox')
    .option('--data <file>', 'the station store (SQLite)', 'station.sqlite')
    .option('--port <port>', 'the local interface port', '7070')
    .option('--no-printer', 'the receipt printer does not answer (the self-test reports it)')
    .action(
      action(async (flags: RunFlags) => {
        const packageText = readText(flags.package);
        if (typeof packageText !== 'string') return [packageText];
        const seedHex = readSeed(flags.key);
        if (typeof seedHex !== 'string') return [seedHex];
        const serial = serialOf(packageText, devicePublicKeyOf(seedHex));
        const authSeed = flags.authKey === undefined ? undefined : readSeed(flags.authKey);
        if (authSeed !== undefined && typeof authSeed !== 'string') return [authSeed];
        const opened = openStation({
          packageText,
          hqPublicKey: flags.hqPublicKey,
          deviceSerial: serial,
          seedHex,
          dataFile: flags.data,
          ...(flags.hq === undefined ? {} : { hqUrl: flags.hq }),
          ...(authSeed === undefined
            ? {}
            : {
                authentication: {
                  deviceSerial: serialOf(packageText, devicePublicKeyOf(authSeed)),
                  seedHex: authSeed,
                },
              }),
        });
        if (!opened.ok) return [opened.error];
        // Issue 8: the self-test runs at start and on the kiosk's request (POST /self-test);
        // each run is signed and sent to HQ's readiness view as a devices.status message.
        const selfTest = selfTestRunner(opened.value, {
          printerReady: () => flags.printer,
          ...(flags.hq === undefined ? {} : { send: httpStatusSender(flags.hq) }),
        });
        const app = await stationServer(opened.value, { selfTest });
        const address = await app.listen({ host: '127.0.0.1', port: Number(flags.port) });
        opened.value.outbox?.start();
        say(
          `✔ station ${opened.value.identity.serial} of branch ${opened.value.identity.branch} on ${address}; package ${opened.value.opened.shortHash}`,
        );
        say(selfTestLine(await selfTest.run()));
        const stop = () => {
          opened.value.outbox?.stop();
          opened.value.pollbook?.stop();
          void app.close().then(() => {
            opened.value.store.close();
          });
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
        return undefined;
      }),
    );
}
