import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { branchPackageHash, canonicalJson } from '@sandogh/core';
import {
  devicePrivateKey,
  devicePublicKeyOf,
  signDeviceMessage,
  verifyDeviceSignature,
  type EncryptedBallot,
} from '@sandogh/crypto';
import { openHqKeyFile, type Engine } from '@sandogh/store';
import { testDeviceKeySeed } from '@sandogh/store/testing';
import { buildBranchPackage } from '../../packages/hq/src/devices/package.js';
import {
  keyedDefinition,
  keyedElection,
  testBallot,
} from '../../packages/hq/src/ballots/testSupport.js';
import { BENCH_POSTGRES_URL, scratchStore } from '../scratchStore.js';

/**
 * HQ ballot intake benchmark (DESIGN §7 "HQ intake", issue 5). One engine per run:
 * 1. the bare work each ballot needs, in this process: parse the signed message, check the
 *    device's Ed25519 signature, append the ballots durably with the raw driver (one durable
 *    transaction per message; PostgreSQL with as many connections as the HQ's pool);
 * 2. a bare Fastify hello-world route, in a child process, under the same client load;
 * 3. the real HQ in a child process (`crashChild.ts`), CLIENTS keep-alive connections posting
 *    signed batches of BATCH encrypted ballots (32 candidates, 16 seats) to /api/v1/ballots:
 *    the throughput, then an open-loop load at 80 % of it for the latency (p50, p99).
 * Ballots: SOURCES ballots are really encrypted; the rest recombine their selections (each a
 * real encryption), so every ballot is distinct and passes check V5, which is all intake
 * checks (the proofs are the verifier's, docs/STATION.md §2).
 *
 *   ENGINE=sqlite node --import tsx bench/intake/run.ts
 *   ENGINE=postgres node --import tsx bench/intake/run.ts
 */
const engine = (process.env['ENGINE'] ?? 'sqlite') as Engine;
const MESSAGES = Number(process.env['MESSAGES'] ?? 1500);
const BATCH = Number(process.env['BATCH'] ?? 10);
const CLIENTS = Number(process.env['CLIENTS'] ?? 16);
const BRANCHES = 20;
const SOURCES = 6;
const LATENCY_SECONDS = Number(process.env['LATENCY_SECONDS'] ?? 8);
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const scratch = await scratchStore(engine);
const { store, where } = scratch;
const keyDir = mkdtempSync(join(tmpdir(), 'sandogh-intake-key-'));
const children: ChildProcess[] = [];
try {
  const definition = keyedDefinition({ branches: BRANCHES, candidates: 32, seats: 16 });
  const election = await keyedElection(store, definition);
  const keyFile = join(keyDir, 'hq-key.pem');
  const key = openHqKeyFile(keyFile);
  if (!key.ok) throw new Error(key.error.message.en);
  const branchIds = Array.from(
    { length: BRANCHES },
    (_, i) => `b-${String(i + 1).padStart(4, '0')}`,
  );
  const packages = new Map<string, string>();
  for (const b of branchIds) {
    const built = await buildBranchPackage(store, b, key.value.key);
    if (!built.ok) throw new Error(built.error.message.en);
    packages.set(b, branchPackageHash(built.value.package));
  }

  // ── the ballots and the signed messages ───────────────────────────────────────────────────
  let t = performance.now();
  const sources = Array.from(
    { length: SOURCES },
    (_, i) =>
      testBallot(
        election,
        'b-0001',
        Array.from({ length: 1 + (i % 16) }, (_, k) => (k * 5 + i) % 32),
      ).ballot,
  );
  const encryptMs = (performance.now() - t) / SOURCES;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
  const ballotFor = (branchId: string): EncryptedBallot => {
    const base = pick(sources);
    return {
      ...base,
      branchId,
      selections: base.selections.map((_, i) => pick(sources).selections[i] ?? base.selections[0]),
    } as EncryptedBallot;
  };
  const keys = new Map(
    branchIds.map((b) => [b, devicePrivateKey(testDeviceKeySeed(`V-${b.slice(2)}`))]),
  );
  const messageFor = (m: number): string => {
    const branch = branchIds[m % BRANCHES] ?? 'b-0001';
    const signed = signDeviceMessage(
      {
        v: 1 as const,
        election: election.hash,
        branch,
        device: `V-${branch.slice(2)}`,
        kind: 'ballots.submit',
        id: randomBytes(16).toString('hex'),
        at: new Date().toISOString(),
        body: {
          package: packages.get(branch) ?? '',
          batch: Array.from({ length: BATCH }, () => ballotFor(branch)),
        },
      },
      keys.get(branch) ?? devicePrivateKey(testDeviceKeySeed('V-0001')),
    );
    return JSON.stringify(signed);
  };
  t = performance.now();
  const warm = branchIds.map((_, i) => messageFor(i));
  const bodies = Array.from({ length: MESSAGES }, (_, m) => messageFor(m));
  const latencyBodies = Array.from({ length: MESSAGES * 2 }, (_, m) => messageFor(m));
  const bareBodies = Array.from({ length: Math.min(MESSAGES, 1000) }, (_, m) => messageFor(m));
  console.error(
    `encrypted ${SOURCES} source ballots (${encryptMs.toFixed(0)} ms each); signed ${warm.length + bodies.length + latencyBodies.length + bareBodies.length} messages in ${((performance.now() - t) / 1000).toFixed(1)} s; one message is ${(bodies[0]?.length ?? 0).toLocaleString()} bytes`,
  );

  // ── 1. the bare work ──────────────────────────────────────────────────────────────────────
  const publicKeys = new Map(
    branchIds.map((b) => [
      `V-${b.slice(2)}`,
      devicePublicKeyOf(testDeviceKeySeed(`V-${b.slice(2)}`)),
    ]),
  );
  const bareCheck = (body: string) => {
    const signed = JSON.parse(body) as {
      message: { id: string; device: string; body: { batch: EncryptedBallot[] } };
      signature: string;
    };
    if (!verifyDeviceSignature(signed, publicKeys.get(signed.message.device) ?? ''))
      throw new Error('bad signature');
    return signed.message.body.batch.map((b) => {
      const doc = canonicalJson(b);
      return [createHash('sha256').update(doc).digest('hex'), doc] as const;
    });
  };
  let bareRate: number;
  if (engine === 'sqlite') {
    const db = new BetterSqlite3(join(keyDir, 'bare.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table ballots (code text primary key, doc text not null) without rowid');
    const insert = db.prepare(
      'insert into ballots (code, doc) values (?, ?) on conflict do nothing',
    );
    const append = db.transaction((rows: readonly (readonly [string, string])[]) => {
      for (const [c, d] of rows) insert.run(c, d);
    });
    t = performance.now();
    for (const body of bareBodies) append(bareCheck(body));
    bareRate = (bareBodies.length * BATCH) / ((performance.now() - t) / 1000);
    db.close();
  } else {
    const pool = new pg.Pool({ connectionString: BENCH_POSTGRES_URL, max: 10 });
    await pool.query(
      `create table ${where}.bare_ballots (code text primary key, doc text not null)`,
    );
    let cursor = 0;
    t = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (cursor < bareBodies.length) {
          const rows = bareCheck(bareBodies[cursor++] ?? '');
          const params = rows.flatMap(([c, d]) => [c, d]);
          const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
          await pool.query(
            `insert into ${where}.bare_ballots (code, doc) values ${values} on conflict do nothing`,
            params,
          );
        }
      }),
    );
    bareRate = (bareBodies.length * BATCH) / ((performance.now() - t) / 1000);
    await pool.end();
  }
  console.log(
    `bare work (parse, Ed25519 verify, durable append with the raw driver), ${engine}: ${bareRate.toFixed(0)} ballots/s`,
  );

  // ── HTTP load ─────────────────────────────────────────────────────────────────────────────
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const request = (url: string, body: string | undefined) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: body === undefined ? 'GET' : 'POST',
          agent,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, text });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const closedLoop = async (url: string, items: readonly (string | undefined)[]) => {
    let cursor = 0;
    const statuses = new Map<number, number>();
    let sample = '';
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (cursor < items.length) {
          const r = await request(url, items[cursor++]);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status !== 200 && sample === '') sample = r.text.slice(0, 300);
        }
      }),
    );
    return { seconds: (performance.now() - started) / 1000, statuses, sample };
  };
  const spawnChild = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ proc: ChildProcess; base: string }>((resolve, reject) => {
      const profile = process.env['HQ_PROFILE'];
      const profiling = profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
      const proc = spawn(process.execPath, [...profiling, '--import', tsx, ...args], {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...env },
      });
      children.push(proc);
      let out = '';
      proc.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /ready (\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve({ proc, base: m[1] });
      });
      proc.on('exit', () => {
        reject(new Error(`${args[0] ?? ''} exited`));
      });
    });
  const stop = async (proc: ChildProcess) => {
    const stopped = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await stopped;
  };

  // ── 2. the framework's own ceiling: a bare hello-world route ──────────────────────────────
  const hello = await spawnChild([fileURLToPath(new URL('./hello.ts', import.meta.url))], {});
  const helloRequests = Array.from({ length: 20_000 }, () => undefined);
  await closedLoop(`${hello.base}/hello`, helloRequests.slice(0, 1000));
  const h = await closedLoop(`${hello.base}/hello`, helloRequests);
  const helloRate = helloRequests.length / h.seconds;
  await stop(hello.proc);
  console.log(
    `bare Fastify hello-world route: ${helloRate.toFixed(0)} requests/s (${CLIENTS} clients)`,
  );

  // ── 3. the HQ ─────────────────────────────────────────────────────────────────────────────
  const databaseUrl =
    engine === 'sqlite'
      ? `sqlite:${where}`
      : `${BENCH_POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${where}`)}`;
  const hq = await spawnChild(
    [
      fileURLToPath(new URL('../../packages/hq/src/pollbook/crashChild.ts', import.meta.url)),
      databaseUrl,
    ],
    { SANDOGH_AUDIT_CHECKPOINT_MS: '0', SANDOGH_HQ_KEY_FILE: keyFile },
  );
  const ballotsUrl = `${hq.base}/api/v1/ballots`;
  const w = await closedLoop(ballotsUrl, warm);
  if ((w.statuses.get(200) ?? 0) !== warm.length)
    throw new Error(`warm-up: ${JSON.stringify([...w.statuses])} ${w.sample}`);
  const r = await closedLoop(ballotsUrl, bodies);
  const applied = r.statuses.get(200) ?? 0;
  const intakeRate = (applied * BATCH) / r.seconds;
  console.log(
    `HQ intake over HTTP (${engine}, ${CLIENTS} clients, ${BATCH} ballots a message): ${applied * BATCH} ballots in ${r.seconds.toFixed(1)} s = ${intakeRate.toFixed(0)} ballots/s (${(applied / r.seconds).toFixed(0)} messages/s); statuses ${JSON.stringify(Object.fromEntries(r.statuses))}${r.sample === '' ? '' : ` e.g. ${r.sample}`}`,
  );

  // Open loop at 80 % of the measured rate: each request leaves on schedule, whatever came back.
  const rate = (0.8 * applied) / r.seconds;
  const count = Math.min(latencyBodies.length, Math.round(rate * LATENCY_SECONDS));
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const sent = performance.now();
      const answer = await request(ballotsUrl, latencyBodies[i]);
      latencies.push(performance.now() - sent);
      if (answer.status !== 200) failures += 1;
    }),
  );
  await stop(hq.proc);
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  console.log(
    `latency at 80 % load (${(rate * BATCH).toFixed(0)} ballots/s offered, ${count} messages): p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${q(1).toFixed(1)} ms; ${failures} not 200`,
  );
  console.log(
    `ratios: HQ intake / bare work ${(intakeRate / bareRate).toFixed(2)}; HQ messages/s / hello-world requests/s ${(applied / r.seconds / helloRate).toFixed(3)}`,
  );
  agent.destroy();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(keyDir, { recursive: true, force: true });
  await scratch.dispose();
}
