import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  electionHash,
  formatJalaliDate,
  parseIsoDate,
  shortHash,
  toPersianDigits,
  type Problem,
} from '@sandogh/core';
import { DEFAULT_SEED, FULL_BRANCHES } from '@sandogh/demo';
import { hqConfigFromEnv, parseHqConfig, startHq } from '@sandogh/hq';
import { loadDefinition, openStore, totpCode } from '@sandogh/store';
import { boundedInteger } from '../flags.js';
import { say } from '../output.js';
import { prepareDatabaseUrl } from '../storeOption.js';
import { generateDemoFiles } from './demo.js';
import { validatedFile } from './election.js';
import { DEMO_ACCOUNTS_FILE, ensureDemoAccounts } from './demoAccounts.js';
import { printSummary, readSummary, runDemoElection, SUMMARY_FILE } from '../demoElection/run.js';
import { DemoStepError } from '../demoElection/hqApi.js';

interface DemoServeFlags {
  dir: string;
  voters: string;
  host?: string;
  port?: string;
  database: string;
  /** False with --no-election. */
  election?: boolean;
  electionVoters?: string;
  electionBranches?: string;
  stationPort?: string;
  exitAfterElection?: boolean;
}

/**
 * The README's main job on the embedded default: the Tehran demo generated (once) and
 * loaded, and the HQ serving it. Grows with each area into the whole election-day demo.
 */
export async function runDemoServe(flags: DemoServeFlags): Promise<readonly Problem[] | undefined> {
  const voters = boundedInteger(flags.voters, 'voters', 1, 100_000_000);
  if (typeof voters !== 'number') return [voters];
  const electionVoters = boundedInteger(
    flags.electionVoters ?? '1000',
    'election-voters',
    1,
    1_000_000,
  );
  const electionBranches = boundedInteger(
    flags.electionBranches ?? '8',
    'election-branches',
    1,
    200,
  );
  const stationPort =
    flags.stationPort === undefined
      ? undefined
      : boundedInteger(flags.stationPort, 'station-port', 1024, 65_000);
  const bad = [electionVoters, electionBranches, stationPort ?? 0].filter(
    (v): v is Problem => typeof v !== 'number',
  );
  if (bad.length > 0) return bad;
  // Quiet request logs by default so the summary stays readable; SANDOGH_LOG_LEVEL overrides.
  // Plain http on loopback: the session cookie cannot be Secure (SANDOGH_COOKIE_SECURE overrides).
  const config = parseHqConfig(
    { logLevel: 'warn', cookieSecure: false },
    hqConfigFromEnv(process.env),
    {
      host: flags.host,
      port: flags.port,
      databaseUrl: prepareDatabaseUrl(flags.database),
    },
  );
  if (!config.ok) return config.error;

  const file = join(flags.dir, 'election.json');
  if (!existsSync(file)) {
    say(`Generating the Tehran demo in ${flags.dir} …`);
    await generateDemoFiles(flags.dir, { seed: DEFAULT_SEED, voters, branches: FULL_BRANCHES });
  }
  const definition = validatedFile(file);
  if (!definition.ok) return definition.error;
  const hash = electionHash(definition.value);

  const store = await openStore(config.value.databaseUrl);
  const loaded = await loadDefinition(store, definition.value, hash);
  if (!loaded.ok) {
    await store.close();
    return [loaded.error];
  }
  const demoAccounts = await ensureDemoAccounts(store, flags.dir, definition.value, Date.now());
  if (!demoAccounts.ok) {
    await store.close();
    return [demoAccounts.error];
  }
  const hq = await startHq(config.value, { store });
  const d = definition.value;
  const votingDay = parseIsoDate(d.election.votingDay);
  const day = votingDay.ok ? votingDay.value : new Date(d.election.votingDay);
  const mobile = d.branches.filter((b) => b.kind === 'mobile').length;
  say('');
  say(`Sandogh HQ — ${d.election.title.en}`);
  say(`  ${d.election.title.fa} — ${formatJalaliDate(day, 'fa')}`);
  say(
    `  voting day ${formatJalaliDate(day, 'en')}, ${d.election.hours.opens}–${d.election.hours.closes} ${d.election.timeZone}`,
  );
  say(
    `  ${d.constituency.seats} seats, ${d.candidates.length} candidates; ${d.branches.length} branches (${mobile} mobile) in ${d.zones.length} zones and ${d.zoneHqs.length} zone HQs; ${d.devices.length} devices; ${d.staff.length} staff`,
  );
  say(
    `  ${toPersianDigits(String(d.branches.length))} شعبه (${toPersianDigits(String(mobile))} سیار)، ${toPersianDigits(String(d.candidates.length))} نامزد برای ${toPersianDigits(String(d.constituency.seats))} کرسی`,
  );
  say(
    `  election hash ${shortHash(hash)} (${loaded.value.outcome === 'loaded' ? 'loaded now' : 'already loaded'} into ${store.display})`,
  );
  say('');
  say(`  HQ:        ${hq.url}`);
  if (config.value.webDir !== undefined)
    say(
      `  web app:   ${hq.url}/  (Persian; English from the switch at the top; sign in at /sign-in)`,
    );
  say(`  API docs:  ${hq.url}/docs`);
  say(`  try:       ${hq.url}/api/v1/election   ${hq.url}/api/v1/branches?kind=mobile&limit=5`);
  say(
    `  files:     ${flags.dir} (election.json, round1-results.json, registry.csv, device-keys.json)`,
  );
  say('');
  say(`  Demo accounts (demo only; also in ${join(flags.dir, DEMO_ACCOUNTS_FILE)}):`);
  const now = Date.now();
  for (const a of demoAccounts.value)
    say(
      `    ${a.username.padEnd(20)} ${a.password}  code ${totpCode(a.totpSecret, now) ?? ''}  ${a.label}`,
    );
  say(`  sign in:   POST ${hq.url}/api/v1/session/login {"username","password","totp"}`);
  say('  codes change every 30 s; the current one: npm run sandogh -- staff totp demo-hq');
  say('  (or add the secret or otpauth URI from the file to any authenticator app)');
  if (flags.election === false) {
    say('  Stop with Ctrl-C.');
    return undefined;
  }
  const electionDir = join(flags.dir, 'election');
  const done = readSummary(electionDir);
  const hqAccount = demoAccounts.value.find((a) => a.role === 'hq-staff');
  let problems: readonly Problem[] | undefined;
  if (done !== undefined) {
    say('');
    say(`  The demo election ran before (${electionDir}/${SUMMARY_FILE}); not run again.`);
    say('  انتخابات نمایشی پیش‌تر برگزار شده است؛ دوباره برگزار نمی‌شود.');
    printSummary(done);
  } else if (hqAccount !== undefined) {
    say('');
    say(
      '  The demo election: the whole day on this HQ / انتخابات نمایشی: یک روز کامل روی همین ستاد',
    );
    say('  (skip it with --no-election)');
    try {
      const summary = await runDemoElection({
        dir: electionDir,
        demoDir: flags.dir,
        databaseUrl: config.value.databaseUrl,
        hqUrl: hq.url,
        definition: d,
        electionHash: hash,
        store,
        hqAccount,
        voters: typeof electionVoters === 'number' ? electionVoters : 1000,
        branches: typeof electionBranches === 'number' ? electionBranches : 8,
        basePort: typeof stationPort === 'number' ? stationPort : undefined,
      });
      printSummary(summary);
    } catch (e) {
      if (!(e instanceof DemoStepError)) throw e;
      problems = [e.problem];
      say('  ✘ the demo election stopped; the HQ keeps serving. To start over: rm -rf .sandogh');
    }
  }
  say('');
  say(`  results: ${hq.url}/api/v1/public/results`);
  if (flags.exitAfterElection === true) {
    await hq.stop();
    return problems;
  }
  say('  Stop with Ctrl-C.');
  return problems;
}
