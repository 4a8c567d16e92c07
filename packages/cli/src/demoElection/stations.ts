import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { branchPackageText, problem, type SignedBranchPackage } from '@sandogh/core';
import { openStation } from '@sandogh/station';
import { DemoStepError, stepFailed, type HqApi } from './hqApi.js';

/**
 * The branches of the demo's sample, each a real station process (`sandogh station run`, the
 * same program a branch runs, docs/STATION.md) with its signed configuration package and its
 * voting device's key, its own SQLite store, sending ballots to the HQ through its outbox.
 */
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
/** tsx by absolute address, so a station starts from any working folder. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface DeviceKey {
  readonly serial: string;
  readonly branchId: string;
  readonly seedHex: string;
}

export interface RunningStation {
  readonly branchId: string;
  readonly url: string;
  readonly dataFile: string;
  readonly packageText: string;
  readonly voting: DeviceKey;
  readonly authentication: DeviceKey;
  readonly child: ChildProcess;
}

export interface StationStart {
  readonly branchId: string;
  readonly voting: DeviceKey;
  readonly authentication: DeviceKey;
  /** The local interface's port; undefined: a free one. */
  readonly port?: number;
}

/** A port nothing listens on right now (the station binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Starts one station process and waits until its local interface answers. */
export async function startStation(
  api: HqApi,
  hqToken: string,
  hqPublicKey: string,
  dir: string,
  s: StationStart,
): Promise<RunningStation> {
  const signed = (await api.must(
    `package of branch ${s.branchId}`,
    'GET',
    `/branches/${s.branchId}/package`,
    undefined,
    hqToken,
  )) as SignedBranchPackage;
  const packageText = branchPackageText(signed);
  const home = join(dir, 'stations', s.branchId);
  mkdirSync(home, { recursive: true });
  const packageFile = join(home, 'package.json');
  const keyFile = join(home, 'voting-device.key');
  const dataFile = join(home, 'station.sqlite');
  const port = s.port ?? (await freePort());
  writeFileSync(packageFile, packageText);
  writeFileSync(keyFile, `${s.voting.seedHex}\n`, { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [
      '--import',
      TSX,
      MAIN,
      'station',
      'run',
      '--package',
      packageFile,
      '--key',
      keyFile,
      '--hq-public-key',
      hqPublicKey,
      '--hq',
      api.url,
      '--data',
      dataFile,
      '--port',
      String(port),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new DemoStepError(
        problem('DEMO_ELECTION_FAILED', {
          step: `station of branch ${s.branchId}`,
          reason: output.slice(0, 400),
        }),
      );
    try {
      const res = await fetch(`${url}/status`);
      // The branch is checked: another program on the port is not this station.
      if (res.ok && ((await res.json()) as { branch?: unknown }).branch === s.branchId) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new DemoStepError(
        problem('DEMO_ELECTION_FAILED', {
          step: `station of branch ${s.branchId}`,
          reason: 'no answer',
        }),
      );
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...s, url, dataFile, packageText, child };
}

async function station(s: RunningStation, path: string, body?: unknown): Promise<unknown> {
  const t0 = Date.now();
  const res = await fetch(`${s.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const parsed = await res.json();
  if (!res.ok)
    throw stepFailed(`station ${s.branchId} ${path} after ${Date.now() - t0} ms`, {
      status: res.status,
      body: parsed,
    });
  return parsed;
}

/** One voter at the branch, as it happens there: checked in at HQ, then at the voting device. */
export interface Voter {
  readonly nationalCode: string;
  /** Candidate codes keyed in; empty is a blank ballot. */
  readonly codes: readonly string[];
  /** The voter leaves without casting (the card is abandoned, law 5). */
  readonly leaves: boolean;
}

export async function vote(
  api: HqApi,
  electionHash: string,
  s: RunningStation,
  voter: Voter,
): Promise<void> {
  const answer = await api.call(
    'POST',
    '/pollbook/check-in',
    api.deviceMessage(s.authentication, electionHash, 'pollbook.checkIn', {
      nationalCode: voter.nationalCode,
      document: { kind: 'national-card' },
      fingerprint: 'matched',
    }),
  );
  const card = (answer.body as { card?: { token?: unknown } | string } | null)?.card;
  const token = typeof card === 'string' ? card : card?.token;
  if (answer.status !== 200 || typeof token !== 'string')
    throw stepFailed(`check-in at branch ${s.branchId}`, answer);
  await station(s, '/voting/card', { token });
  if (voter.leaves) {
    await station(s, '/voting/abandon', {});
    return;
  }
  if (voter.codes.length === 0) await station(s, '/voting/key', { key: 'blank' });
  else {
    for (const code of voter.codes) await station(s, '/voting/choose', { code });
    await station(s, '/voting/key', { key: 'green' });
  }
  await station(s, '/voting/key', { key: 'green' });
  await station(s, '/voting/key', { key: 'next' });
}

export interface ClosedStation {
  readonly branchId: string;
  readonly counts: { cast: number; abandoned: number; challenged: number; cardsUsed: number };
  /** The station's sealed ballots (canonical JSON), from its own store. */
  readonly ballots: readonly string[];
}

/**
 * Closing: the station process is stopped, then its store is opened once more with the same
 * package and key to send what its mixing pool still holds (`flush({all})`, docs/STATION.md
 * "Outbox") and to read its counts and sealed ballots for the signed closing report.
 */
export async function closeStation(
  s: RunningStation,
  hqUrl: string,
  hqPublicKey: string,
): Promise<ClosedStation> {
  await new Promise<void>((resolve) => {
    if (s.child.exitCode !== null) {
      resolve();
      return;
    }
    s.child.once('exit', () => {
      resolve();
    });
    s.child.kill('SIGTERM');
    setTimeout(() => s.child.kill('SIGKILL'), 10_000).unref();
  });
  const opened = openStation({
    packageText: s.packageText,
    hqPublicKey,
    deviceSerial: s.voting.serial,
    seedHex: s.voting.seedHex,
    dataFile: s.dataFile,
    hqUrl,
  });
  if (!opened.ok) throw new DemoStepError(opened.error);
  const st = opened.value;
  try {
    // Voters who left the device without casting: HQ hears of each before the report.
    for (let i = 0; i < 100 && (await st.voting.reportCards()) > 0; i++)
      await new Promise((res) => setTimeout(res, 200));
    for (let i = 0; i < 100; i++) {
      if (st.store.unbatchedCount() === 0 && st.store.pendingMessages().length === 0) break;
      const r = await st.outbox?.flush({ all: true });
      if (r === 'unreachable') await new Promise((res) => setTimeout(res, 200));
    }
    if (st.store.unbatchedCount() > 0 || st.store.pendingMessages().length > 0)
      throw new DemoStepError(
        problem('DEMO_ELECTION_FAILED', {
          step: `closing ${s.branchId}`,
          reason: 'outbox not empty',
        }),
      );
    return {
      branchId: s.branchId,
      counts: st.store.counts(),
      ballots: st.store.allBallots().map((b) => b.document),
    };
  } finally {
    st.close();
  }
}
