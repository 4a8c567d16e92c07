import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { civilHour } from '@sandogh/core';
import {
  devicePrivateKey,
  devicePublicKeyOf,
  signDeviceMessage,
  verifyDeviceSignature,
} from '@sandogh/crypto';
import { currentElection, openPollBook, pollbookElection, type Engine } from '@sandogh/store';
import { fixtureCode, pollbookFixture, testDeviceKeySeed } from '@sandogh/store/testing';
import { BENCH_POSTGRES_URL, scratchStore } from '../scratchStore.js';
import { rawPostgres, rawSqlite } from './raw.js';
import { fillRegistry } from './registry.js';

/**
 * Poll-book benchmark (DESIGN §7, issue 4). For one engine:
 * 1. a registry of VOTERS voters (default 10 million), raw inserts;
 * 2. inside the store: check-and-mark in batches of BATCH beside the raw engine running the
 *    same statements with the same batching, alternating rounds, as a ratio;
 * 3. through the HQ API as stations call it: a separate HQ process, CLIENTS concurrent
 *    keep-alive connections posting pre-signed check-in messages, every answer after its
 *    batch's durable commit; throughput and the HQ's resident memory.
 *
 *   ENGINE=sqlite node --import tsx bench/pollbook/run.ts
 *   ENGINE=postgres VOTERS=10000000 node --import tsx bench/pollbook/run.ts
 */
const engine = (process.env['ENGINE'] ?? 'sqlite') as Engine;
const VOTERS = Number(process.env['VOTERS'] ?? 10_000_000);
const STORE_MARKS = Number(process.env['STORE_MARKS'] ?? 40_000);
const HTTP_MARKS = Number(process.env['HTTP_MARKS'] ?? 30_000);
const CLIENTS = Number(process.env['CLIENTS'] ?? 64);
const BATCH = Number(process.env['BATCH'] ?? 100);
const BRANCHES = 200;
const ROUNDS = 4;

/** The i-th voter of the run: spread over the whole registry, never twice (7919 is prime). */
const voter = (i: number) => fixtureCode((i * 7919 + 13) % VOTERS);

const scratch = await scratchStore(engine);
const { store, where } = scratch;
try {
  await pollbookFixture(store, { branches: BRANCHES, voters: 0 });
  const summary = await currentElection(store);
  const election = await pollbookElection(store);
  if (summary === undefined || election === undefined) throw new Error('no election');
  await fillRegistry(engine, where, election.electionId, VOTERS, BENCH_POSTGRES_URL);

  // ── 2. the store beside the raw engine ─────────────────────────────────────────────────────
  const book = openPollBook(store, election, { maxBatch: BATCH });
  const raw = engine === 'sqlite' ? rawSqlite(where) : await rawPostgres(BENCH_POSTGRES_URL, where);
  let storeMs = 0;
  let rawMs = 0;
  // CPU time beside wall time: on a shared machine it is the steadier of the two.
  let storeCpu = 0;
  let rawCpu = 0;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const perRound = Math.floor(STORE_MARKS / ROUNDS / BATCH) * BATCH;
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    let c = cpuMs();
    for (let done = 0; done < perRound; done += BATCH) {
      const answers = await Promise.all(
        Array.from({ length: BATCH }, () => {
          const i = next++;
          return book.checkIn({
            nationalCode: voter(i),
            branchId: `b-${String((i % BRANCHES) + 1).padStart(4, '0')}`,
            deviceSerial: 'A-0001',
            messageId: randomBytes(16).toString('hex'),
          });
        }),
      );
      if (answers.some((a) => a === 'busy' || a.kind !== 'marked')) throw new Error('not marked');
    }
    storeMs += performance.now() - t;
    storeCpu += cpuMs() - c;
    t = performance.now();
    c = cpuMs();
    for (let done = 0; done < perRound; done += BATCH) {
      // The same spread over branches as the store's batches: as many device reads and
      // turnout counters per batch.
      const indices = Array.from({ length: BATCH }, () => next++);
      const at = new Date().toISOString();
      await raw.run({
        electionId: election.electionId,
        codes: indices.map(voter),
        branches: indices.map((i) => `b-${String((i % BRANCHES) + 1).padStart(4, '0')}`),
        device: 'V-0001',
        at,
        hour: civilHour(at),
      });
    }
    rawMs += performance.now() - t;
    rawCpu += cpuMs() - c;
  }
  await raw.close();
  const marks = perRound * ROUNDS;
  const storeRate = marks / (storeMs / 1000);
  const rawRate = marks / (rawMs / 1000);
  console.log(
    `store CPU ${((1000 * storeCpu) / marks).toFixed(1)} µs per mark, raw engine CPU ${((1000 * rawCpu) / marks).toFixed(1)} µs (this process; PostgreSQL's own work is not in it)`,
  );
  console.log(
    `store: ${marks} check-and-marks in batches of ${BATCH}: ${storeRate.toFixed(0)}/s; raw engine, same statements and batching: ${rawRate.toFixed(0)}/s; ratio ${(storeRate / rawRate).toFixed(2)}`,
  );

  // ── 3. through the HQ API ──────────────────────────────────────────────────────────────────
  const keys = new Map<number, ReturnType<typeof devicePrivateKey>>();
  const signT = performance.now();
  const bodies: string[] = [];
  for (let k = 0; k < HTTP_MARKS; k++) {
    const b = (k % BRANCHES) + 1;
    const serial = `A-${String(b).padStart(4, '0')}`;
    let key = keys.get(b);
    if (key === undefined) {
      key = devicePrivateKey(testDeviceKeySeed(serial));
      keys.set(b, key);
    }
    const message = {
      v: 1 as const,
      election: summary.hash,
      branch: `b-${String(b).padStart(4, '0')}`,
      device: serial,
      kind: 'pollbook.checkIn',
      id: randomBytes(16).toString('hex'),
      at: new Date().toISOString(),
      body: {
        nationalCode: voter(next++),
        document: { kind: 'national-card' },
        fingerprint: 'matched',
      },
    };
    bodies.push(JSON.stringify(signDeviceMessage(message, key)));
  }
  console.error(
    `signed ${HTTP_MARKS} messages in ${((performance.now() - signT) / 1000).toFixed(1)} s`,
  );

  // The inherent cost of each check-in (law 4): one Ed25519 verification over the canonical
  // message, measured here on one core, in this run — the ceiling of one HQ process.
  const publicKeys = new Map<string, string>();
  const verifyT = performance.now();
  for (const body of bodies) {
    const signed = JSON.parse(body) as { message: { device: string }; signature: string };
    let key = publicKeys.get(signed.message.device);
    if (key === undefined) {
      key = devicePublicKeyOf(testDeviceKeySeed(signed.message.device));
      publicKeys.set(signed.message.device, key);
    }
    if (!verifyDeviceSignature(signed, key)) throw new Error('a bench message does not verify');
  }
  const verifyRate = bodies.length / ((performance.now() - verifyT) / 1000);
  console.log(
    `reference: JSON.parse + canonical JSON + Ed25519 verify, one core: ${verifyRate.toFixed(0)}/s`,
  );

  const databaseUrl =
    engine === 'sqlite'
      ? `sqlite:${where}`
      : `${BENCH_POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${where}`)}`;
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const childScript = fileURLToPath(
    new URL('../../packages/hq/src/pollbook/crashChild.ts', import.meta.url),
  );
  // HQ_PROFILE=<dir>: the HQ process writes a CPU profile there (`--cpu-prof`) when it stops.
  const profile = process.env['HQ_PROFILE'];
  const profiling = profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
  const proc = spawn(process.execPath, [...profiling, '--import', tsx, childScript, databaseUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SANDOGH_AUDIT_CHECKPOINT_MS: '0', SANDOGH_DATA_DIR: tmpdir() },
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready (\S+)/.exec(out);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    proc.on('exit', () => {
      reject(new Error('HQ exited'));
    });
  });
  const rss = () =>
    Number(
      /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${String(proc.pid)}/status`, 'utf8'))?.[1] ?? 0,
    ) / 1024;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/api/v1/pollbook/check-in`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => {
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  // Warm-up: the poll book opens on the first check-in (reads the definition once).
  await post(bodies.pop() ?? '');
  /** The HQ process's CPU seconds so far (user + system, /proc/<pid>/stat, 100 ticks a second). */
  const cpu = () => {
    const fields = readFileSync(`/proc/${String(proc.pid)}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ');
    return (Number(fields?.[11] ?? 0) + Number(fields?.[12] ?? 0)) / 100;
  };
  const cpuBefore = cpu();
  const idleRss = rss();
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rss());
  }, 100);
  let failures = 0;
  let cursor = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (cursor < bodies.length) {
        const body = bodies[cursor++] ?? '';
        if ((await post(body)) !== 200) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const hqCpu = cpu() - cpuBefore;
  const stopped = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  agent.destroy();
  await stopped;
  const httpRate = bodies.length / seconds;
  console.log(
    `HQ API (${engine}, ${VOTERS.toLocaleString()} voters, ${CLIENTS} clients): ${bodies.length} signed check-ins in ${seconds.toFixed(1)} s = ${httpRate.toFixed(0)}/s, ${failures} not 200; HQ RSS ${idleRss.toFixed(0)} MiB idle with the registry, peak ${peakRss.toFixed(0)} MiB under load`,
  );
  console.log(
    `HQ CPU: ${hqCpu.toFixed(1)} s over ${seconds.toFixed(1)} s (${((100 * hqCpu) / seconds).toFixed(0)}% of one core), ${((1000 * hqCpu) / bodies.length).toFixed(2)} ms per check-in; at that cost one idle core would answer ${(bodies.length / hqCpu).toFixed(0)}/s`,
  );
  console.log(
    `ratios: HTTP / store ${(httpRate / storeRate).toFixed(2)}; HTTP / bare verification ${(httpRate / verifyRate).toFixed(2)}`,
  );
} finally {
  await scratch.dispose();
}
