import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  branchPackageShortHash,
  faPercent,
  toPersianDigits,
  type ElectionDefinition,
  type SignedBranchPackage,
} from '@sandogh/core';
import { resolvePackageKey } from '@sandogh/hq';
import { appendResultVersion, importRegistry, type Store } from '@sandogh/store';
import { stream } from '@sandogh/demo';
import { say } from '../output.js';
import { DEMO_THRESHOLD, ensureBoardAccounts, runBoardCeremony } from './board.js';
import { decryptRecord } from './decrypt.js';
import { ensureBranchPeople, tallyReport, zeroReport, type BranchPeople } from './lifecycle.js';
import { countAndPublish, publishRecord, type BranchClosing } from './count.js';
import { HqApi } from './hqApi.js';
import {
  closeStation,
  startStation,
  vote,
  type DeviceKey,
  type RunningStation,
  type Voter,
} from './stations.js';

/**
 * The README's main job grown into the whole election (issue 7): on the loaded Tehran demo,
 * the registry imported, the board's key ceremony, voters checked in at the HQ's poll book and
 * voting through real station processes at a sample of branches, closing, the record, the
 * board's decryption, the verifier, reconciliation and the exported result. Done once: its
 * summary file marks it done, and a second start prints that summary instead of voting again.
 */
export const SUMMARY_FILE = 'summary.json';

export interface DemoElectionOptions {
  readonly dir: string;
  readonly demoDir: string;
  readonly databaseUrl: string;
  readonly hqUrl: string;
  readonly definition: ElectionDefinition;
  readonly electionHash: string;
  readonly store: Store;
  readonly hqAccount: { username: string; password: string; totpSecret: string };
  readonly voters: number;
  readonly branches: number;
  /** Where the station processes listen: basePort, basePort + 1, …; default: free ports. */
  readonly basePort?: number | undefined;
  readonly seed?: string;
}

export interface DemoElectionSummary {
  readonly startedAt: string;
  readonly seconds: number;
  readonly branches: readonly string[];
  readonly checkedIn: number;
  readonly cast: number;
  readonly abandoned: number;
  readonly blank: number;
  readonly registered: number;
  readonly state: string;
  readonly turnoutBasisPoints: number;
  readonly verified: boolean;
  readonly flagged: readonly string[];
  readonly winners: readonly string[] | null;
  readonly top: readonly { code: string; name: { fa: string; en: string }; votes: number }[];
  readonly zeroVoteCandidates: readonly string[];
  readonly matchesPlainCount: boolean;
  readonly files: Record<string, string>;
}

interface Registered {
  readonly eligible: string[];
  readonly total: number;
}

/** Voters who may vote here: of age on voting day, alive, citizens, round 1 here or nowhere. */
function eligibleVoters(csv: string, want: number): string[] {
  const out: string[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const [code, birth, death, citizen, round1] = line.split(',');
    if (code === undefined || birth === undefined || code.length !== 10) continue;
    if (birth > '1385/02/21' || death !== '' || citizen !== '1') continue;
    if (round1 !== '' && round1 !== 'tehran') continue;
    out.push(code);
    if (out.length >= want) break;
  }
  return out;
}

async function loadRegistry(
  store: Store,
  electionId: string,
  demoDir: string,
  want: number,
): Promise<Registered> {
  const file = join(demoDir, 'registry.csv');
  const imported = await importRegistry(store, electionId, createReadStream(file));
  if (!imported.ok) throw new Error(imported.error[0]?.message.en ?? 'registry import failed');
  return {
    eligible: eligibleVoters(readFileSync(file, 'utf8'), want),
    total: imported.value.total,
  };
}

/** The sample: ordinary (not mobile) branches spread evenly over the list. */
function sampleBranches(definition: ElectionDefinition, n: number): string[] {
  const fixed = definition.branches.filter((b) => b.kind !== 'mobile');
  const step = Math.max(1, Math.floor(fixed.length / n));
  return Array.from(
    { length: Math.min(n, fixed.length) },
    (_, i) => fixed[i * step]?.id ?? '',
  ).filter((id) => id !== '');
}

/**
 * The voters' choices, reproducible from the seed: about 5% blank, 1% leave without voting,
 * the others key 1–16 codes with a popularity that falls along the ballot; the last four
 * candidates get no vote at all (zero-vote candidates are part of what the demo shows).
 */
function scriptVoters(
  codes: readonly string[],
  nationalCodes: readonly string[],
  seed: string,
): Voter[] {
  const next = stream(seed, 'demo-election-voters');
  const pickable = codes.slice(0, Math.max(1, codes.length - 4));
  return nationalCodes.map((nationalCode, i) => {
    const r = next.below(1000);
    // About 1 % walk away from the voting device, and always the first: every run shows the
    // abandoned count reaching HQ's reconciliation (law 5).
    if (i === 0 || r < 10) return { nationalCode, codes: [], leaves: true };
    if (r < 60) return { nationalCode, codes: [], leaves: false };
    const k = 1 + next.below(16);
    const chosen = new Set<string>();
    while (chosen.size < Math.min(k, pickable.length)) {
      const a = next.below(pickable.length);
      const b = next.below(pickable.length);
      chosen.add(pickable[Math.min(a, b)] ?? '');
    }
    return { nationalCode, codes: [...chosen], leaves: false };
  });
}

function deviceKeys(demoDir: string): Map<string, DeviceKey> {
  const raw = JSON.parse(readFileSync(join(demoDir, 'device-keys.json'), 'utf8')) as {
    devices: { serial: string; branchId: string | null; privateKeySeed: string }[];
  };
  return new Map(
    raw.devices
      .filter((d) => d.branchId !== null)
      .map((d) => [
        d.serial,
        { serial: d.serial, branchId: d.branchId ?? '', seedHex: d.privateKeySeed },
      ]),
  );
}

export function readSummary(dir: string): DemoElectionSummary | undefined {
  const file = join(dir, SUMMARY_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DemoElectionSummary;
}

export async function runDemoElection(o: DemoElectionOptions): Promise<DemoElectionSummary> {
  const started = Date.now();
  mkdirSync(o.dir, { recursive: true });
  const d = o.definition;
  const electionId = d.election.id;
  const api = new HqApi(o.hqUrl);
  const step = (en: string, fa: string) => {
    say(`  ▸ ${en} / ${fa}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };

  step('voter registry', 'دفتر رای‌دهندگان');
  const registry = await loadRegistry(o.store, electionId, o.demoDir, o.voters);
  const hqToken = await api.login(
    o.hqAccount.username,
    o.hqAccount.password,
    o.hqAccount.totpSecret,
  );

  step(
    `key ceremony of the supervisory board (k = ${DEMO_THRESHOLD})`,
    'مراسم تولید کلید هیات نظارت',
  );
  const members = await ensureBoardAccounts(o.store, d, o.dir, Date.now());
  const { manifest, context, commitments } = await runBoardCeremony(api, d, hqToken, members);

  const branchIds = sampleBranches(d, o.branches);
  step(`${branchIds.length} stations start (real processes)`, 'راه‌اندازی ایستگاه‌های شعب');
  const keys = deviceKeys(o.demoDir);
  const hqPublicKey = resolvePackageKey(o.databaseUrl).publicKey;
  const stations: RunningStation[] = [];
  try {
    const peopleOf = new Map<string, BranchPeople>();
    const starting = await Promise.allSettled(
      branchIds.map(async (branchId, i) => {
        const voting = keys.get(`VOTE-${branchId}`);
        const authentication = keys.get(`AUTH-${branchId}`);
        if (voting === undefined || authentication === undefined) return;
        const s = await startStation(api, hqToken, hqPublicKey, o.dir, {
          branchId,
          voting,
          authentication,
          ...(o.basePort === undefined ? {} : { port: o.basePort + i }),
        });
        stations.push(s);
        const people = await ensureBranchPeople(o.store, electionId, branchId, Date.now());
        peopleOf.set(branchId, people);
        const signed = JSON.parse(s.packageText) as SignedBranchPackage;
        await zeroReport(api, hqToken, signed, shortHashOf(s.packageText), voting, people);
      }),
    );
    const failed = starting.find((r) => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    stations.sort((x, y) => (x.branchId < y.branchId ? -1 : 1));

    const voters = scriptVoters(
      manifest.candidates,
      registry.eligible,
      o.seed ?? 'sandogh-demo-election',
    );
    step(
      `${voters.length} voters check in and vote`,
      `${toPersianDigits(String(voters.length))} رای‌دهنده`,
    );
    const perBranch = stations.map((s, i) => ({
      s,
      voters: voters.filter((_, j) => j % stations.length === i),
    }));
    let done = 0;
    await Promise.all(
      perBranch.map(async ({ s, voters: mine }) => {
        for (const v of mine) {
          await vote(api, o.electionHash, s, v);
          done += 1;
          if (done % 250 === 0)
            step(`${done} voters`, `${toPersianDigits(String(done))} رای‌دهنده`);
        }
      }),
    );

    step('closing: stations send the rest, tally reports', 'پایان رای‌گیری و صورتجلسهٔ شمارش');
    const closings: BranchClosing[] = [];
    for (const { s, voters: mine } of perBranch) {
      const closed = await closeStation(s, o.hqUrl, hqPublicKey);
      const authenticated = mine.length;
      await api.must(
        `closing ${s.branchId}`,
        'POST',
        `/branches/${s.branchId}/closing`,
        { queued: 0 },
        hqToken,
      );
      const people = peopleOf.get(s.branchId);
      if (people !== undefined)
        await tallyReport(
          api,
          hqToken,
          JSON.parse(s.packageText) as SignedBranchPackage,
          s.voting,
          people,
          {
            authenticated,
            cast: closed.counts.cast,
            abandoned: closed.counts.abandoned,
            provisional: 0,
          },
        );
      closings.push({
        station: closed,
        voting: s.voting,
        authenticated,
        blank: mine.filter((v) => !v.leaves && v.codes.length === 0).length,
      });
    }

    const recordDir = join(o.dir, 'record');
    step('the election record, published before the result', 'پروندهٔ عمومی انتخابات');
    await publishRecord(
      api,
      o.store,
      electionId,
      hqToken,
      manifest,
      context,
      closings,
      members,
      recordDir,
      commitments,
      new Map(
        [...keys.values()].filter((k) => k.serial.startsWith('VOTE-')).map((k) => [k.branchId, k]),
      ),
    );
    step(
      `the board decrypts (${DEMO_THRESHOLD} of ${members.length} members)`,
      'رمزگشایی آستانه‌ای هیات نظارت',
    );
    await decryptRecord(recordDir, members, DEMO_THRESHOLD);
    step('verifier, reconciliation, result', 'راستی‌آزمایی، تطبیق، نتیجه');
    const resultsDir = join(o.dir, 'results');
    const counted = await countAndPublish(
      api,
      hqToken,
      d,
      registry.total,
      recordDir,
      resultsDir,
      closings,
    );
    const result = counted.files.result;
    const published = await appendResultVersion(
      o.store,
      electionId,
      {
        state: result.state,
        reason: 'demo election: published after decryption',
        signers: [],
        createdAt: new Date().toISOString(),
      },
      result,
    );
    if (!published.ok) throw new Error(published.error.message.en);

    const plain = new Map<string, number>(manifest.candidates.map((c) => [c, 0]));
    for (const v of voters)
      if (!v.leaves) for (const c of v.codes) plain.set(c, (plain.get(c) ?? 0) + 1);
    const matches = manifest.candidates.every((c) => plain.get(c) === counted.decrypted[c]);
    const names = new Map(d.candidates.map((c) => [c.code, c.name]));
    const ranked = [...manifest.candidates].sort(
      (a, b) => (counted.decrypted[b] ?? 0) - (counted.decrypted[a] ?? 0),
    );
    const summary: DemoElectionSummary = {
      startedAt: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      branches: branchIds,
      checkedIn: voters.length,
      cast: closings.reduce((n, c) => n + c.station.counts.cast, 0),
      abandoned: closings.reduce((n, c) => n + c.station.counts.abandoned, 0),
      blank: closings.reduce((n, c) => n + c.blank, 0),
      registered: registry.total,
      state: result.state,
      turnoutBasisPoints: result.turnout.basisPoints,
      verified: counted.verification.ok,
      flagged: counted.reconciliation.undecided,
      winners: counted.files.winners,
      top: ranked.map((code) => ({
        code,
        name: names.get(code) ?? { fa: code, en: code },
        votes: counted.decrypted[code] ?? 0,
      })),
      zeroVoteCandidates: manifest.candidates.filter((c) => (counted.decrypted[c] ?? 0) === 0),
      matchesPlainCount: matches,
      files: {
        record: recordDir,
        nist: counted.files.files.nist,
        csv: counted.files.files.csv,
        minutes: counted.files.files.minutes,
        results: counted.files.files.results,
      },
    };
    writeFileSync(join(o.dir, SUMMARY_FILE), `${JSON.stringify(summary, null, 1)}\n`);
    return summary;
  } finally {
    for (const s of stations) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  }
}

function shortHashOf(packageText: string): string {
  const signed = JSON.parse(packageText) as SignedBranchPackage;
  return branchPackageShortHash(signed.package);
}

/** The summary, in Persian and English, as `npm start` prints it. */
export function printSummary(s: DemoElectionSummary): void {
  const fa = (n: number) => toPersianDigits(n.toLocaleString('en')).replaceAll(',', '٬');
  say('');
  say(`  The demo election / انتخابات نمایشی  (${s.seconds} s, ${s.startedAt})`);
  say(`    ${s.branches.length} branches with a station process: ${s.branches.join(', ')}`);
  say(
    `    checked in ${s.checkedIn}; ballots cast ${s.cast} (${s.blank} blank); left without voting ${s.abandoned}`,
  );
  say(
    `    احراز هویت ${fa(s.checkedIn)}؛ رای ریخته‌شده ${fa(s.cast)} (سفید ${fa(s.blank)})؛ انصراف ${fa(s.abandoned)}`,
  );
  say(
    `    turnout / مشارکت: ${(s.turnoutBasisPoints / 100).toFixed(2)}% / ${faPercent(s.turnoutBasisPoints)} of ${s.registered.toLocaleString('en')} registered`,
  );
  say(
    `    result state / وضعیت نتیجه: ${s.state}; reconciliation flags / موارد مغایرت: ${s.flagged.length === 0 ? 'none / هیچ' : s.flagged.join(', ')}`,
  );
  say(
    `    verifier / راستی‌آزما: ${s.verified ? 'RECORD VERIFIED ✔ / پرونده تأیید شد' : 'RECORD FAILED ✘'}`,
  );
  say(
    `    decrypted result = the voters' plain count / نتیجهٔ رمزگشایی‌شده = شمارش ساده: ${s.matchesPlainCount ? 'yes / بله' : 'NO / خیر'}`,
  );
  say('    first places / نفرات اول:');
  for (const c of s.top.slice(0, 5))
    say(`      ${c.code}  ${String(c.votes).padStart(6)}  ${c.name.en} — ${c.name.fa}`);
  if (s.zeroVoteCandidates.length > 0)
    say(`    no votes / بدون رای: ${s.zeroVoteCandidates.join(', ')}`);
  if (s.winners !== null) say(`    winners / منتخبان: ${s.winners.join(', ')}`);
  say('    files / پرونده‌ها:');
  say(`      election record (sandogh verify):  ${s.files['record'] ?? ''}`);
  say(`      NIST SP 1500-100 JSON:              ${s.files['nist'] ?? ''}`);
  say(`      CSV:                                ${s.files['csv'] ?? ''}`);
  say(`      minutes / صورتجلسه:                  ${s.files['minutes'] ?? ''}`);
}
