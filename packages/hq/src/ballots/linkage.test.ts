import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { branchPackageText, type SignedBranchPackage } from '@sandogh/core';
import { trackingCode, type EncryptedBallot } from '@sandogh/crypto';
import { auditDb, pollbookDb, stationDb } from '@sandogh/store';
import {
  describeEachEngine,
  fixtureCode,
  seedRegistry,
  testDeviceKeySeed,
} from '@sandogh/store/testing';
import {
  httpTransport,
  openStation,
  shuffled,
  signBranchReport,
  type Station,
  type Transport,
} from '@sandogh/station';
import { accessTestServer, loginAs, type TestSession } from '../access/testing.js';
import { reportSignaturesFor } from '../branches/testSupport.js';
import { checkInMessage } from '../pollbook/testSupport.js';
import { linkageOf, positions, type LinkageResult } from './linkage.js';
import { keyedElection, type KeyedElection } from './testSupport.js';

/**
 * Law 2's linkage test (issue 5, "Done when"; docs/STATION.md §6): a branch's voters check in
 * at the real HQ poll book, cast on the real station (its card checked with the poll book, its
 * outbox mixing and sending to the real HQ), the branch closes with its tally report; then the
 * attacker's every join of the authentication log (the marks and their instants) with what HQ
 * and the station store hold about ballots — physical row order on both engines (`ctid` on
 * PostgreSQL), device messages, audit entries and their instants, the station's ballots and
 * outbox — must pair voters with their ballots no better than chance (linkage.ts).
 *
 * Power: the same statistic applied to the order in which HQ received the ballots (what a
 * table written in arrival order would show) must fail, or the test could not fail at all.
 */
const VOTERS = Number(process.env['SANDOGH_LINKAGE_VOTERS'] ?? '240');
const ALPHA = 1e-4;

describe('the linkage statistic', () => {
  const codes = Array.from({ length: 300 }, (_, i) => `c${String(i).padStart(4, '0')}`);
  it('passes an order unrelated to casting (a random permutation)', () => {
    let failures = 0;
    for (let t = 0; t < 20; t += 1) {
      const order = shuffled(codes);
      if (!linkageOf('random', codes, positions(order), ALPHA, 1).passes) failures += 1;
    }
    expect(failures).toBe(0);
  });
  it('fails the order of casting, and batches of ten consecutive voters shuffled inside', () => {
    expect(linkageOf('cast order', codes, positions(codes), ALPHA, 1).passes).toBe(false);
    const batches = new Map(codes.map((c, i) => [c, Math.floor(i / 10)]));
    const r = linkageOf('batches', codes, batches, ALPHA, 1);
    expect(r.passes).toBe(false);
    expect(Math.abs(r.z)).toBeGreaterThan(r.zLimit);
  });
});

describeEachEngine('law 2: joining the authentication log with the ballots', (ctx) => {
  let app: FastifyInstance;
  let url: string;
  let election: KeyedElection;
  let staff: TestSession;
  let dir: string;
  let station: Station | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-linkage-'));
    app = await accessTestServer(ctx.store);
    election = await keyedElection(ctx.store);
    await seedRegistry(
      ctx.store,
      election.definition.election.id,
      Array.from({ length: VOTERS }, (_, i) => ({ code: fixtureCode(i) })),
    );
    staff = await loginAs(app, 'hq-staff');
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    station?.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const step = async (path: string, payload: object) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/${path}`,
      headers: staff.bearer,
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it(`pairs ${VOTERS} voters with their ballots no better than chance, by time or by order`, async () => {
    const electionId = election.definition.election.id;
    const pkg = await app.inject({
      url: '/api/v1/branches/b-0001/package',
      headers: (await loginAs(app, 'it-committee')).bearer,
    });
    expect(pkg.statusCode).toBe(200);
    const packageText = branchPackageText(pkg.json<SignedBranchPackage>());
    const hqPublicKey = (
      JSON.parse(packageText) as { package: { trust: { hq: { publicKey: string } } } }
    ).package.trust.hq.publicKey;

    // What HQ received, in the order it acknowledged it: the power check's "arrival order".
    const arrival: string[] = [];
    const inner = httpTransport(url);
    const transport: Transport = {
      async send(signed) {
        const answer = await inner.send(signed);
        if (answer.status >= 200 && answer.status < 300) {
          const body = (JSON.parse(signed) as { message: { body: { batch: EncryptedBallot[] } } })
            .message.body.batch;
          for (const b of body) arrival.push(trackingCode(b));
        }
        return answer;
      },
    };
    const opened = openStation({
      packageText,
      hqPublicKey,
      deviceSerial: 'V-0001',
      seedHex: testDeviceKeySeed('V-0001'),
      dataFile: join(dir, 'station.sqlite'),
      hqUrl: url,
      transport,
      outbox: { minDelayMs: 10, maxDelayMs: 200 },
    });
    if (!opened.ok) throw new Error(opened.error.message.en);
    const st = opened.value;
    station = st;
    st.outbox?.start();
    const zero = {
      report: 'zero' as const,
      stop: 0,
      packageHash: st.opened.shortHash,
      ballotsHeld: 0,
    };
    await step('zero-report', {
      packageHash: st.opened.shortHash,
      ballotsHeld: 0,
      ...(await reportSignaturesFor(app, election.hash, 'b-0001', zero)),
      device: signBranchReport(st.identity, zero),
    });

    const codes = st.opened.package.candidates.map((c) => c.code);
    const castBy = new Map<string, string>(); // national code → tracking code (ground truth)
    for (let i = 0; i < VOTERS; i += 1) {
      const nationalCode = fixtureCode(i);
      const res = await fetch(`${url}/api/v1/pollbook/check-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checkInMessage({ hash: election.hash }, 1, nationalCode)),
      });
      const answer = (await res.json()) as { card?: { token: string } };
      const token = answer.card?.token;
      if (token === undefined) throw new Error(`check-in ${String(i)}: ${JSON.stringify(answer)}`);
      const inserted = await st.voting.insertCard(token);
      if (!inserted.ok) throw new Error(inserted.error.message.en);
      const pick = codes[i % codes.length] ?? '';
      for (const digit of pick) await st.voting.press({ type: 'digit', digit });
      await st.voting.press({ type: 'green' });
      const view = await st.voting.press({ type: 'green' });
      if (!view.ok || view.value.state.screen !== 'recorded') throw new Error('not recorded');
      castBy.set(nationalCode, view.value.state.trackingCode);
      await st.voting.press({ type: 'next' });
    }
    // Closing: the station sends the rest of its pool.
    for (;;) {
      const r = await st.outbox?.flush({ all: true });
      if (r === 'idle' && st.store.pendingMessages().length === 0) break;
    }
    st.outbox?.stop();

    // The authentication log as HQ keeps it: the marks with their instants.
    const marks = await pollbookDb(ctx.store.db)
      .selectFrom('pollbook_marks')
      .select(['national_code', 'marked_at'])
      .where('election_id', '=', electionId)
      .orderBy('marked_at')
      .execute();
    expect(marks).toHaveLength(VOTERS);
    const truth = marks.map((m) => castBy.get(m.national_code) ?? '');

    const physicalBallots = async () =>
      ctx.store.engine === 'postgres'
        ? (
            await sql<{
              tracking_code: string;
            }>`select tracking_code from ballots where election_id = ${electionId} order by ctid`.execute(
              ctx.store.db,
            )
          ).rows.map((r) => r.tracking_code)
        : (
            await sql<{
              tracking_code: string;
            }>`select tracking_code from ballots not indexed where election_id = ${electionId}`.execute(
              ctx.store.db,
            )
          ).rows.map((r) => r.tracking_code);
    const beforeClosing = linkageOf(
      'HQ ballots, physical order, before the tally report',
      truth,
      positions(await physicalBallots()),
      ALPHA,
      1,
    );

    await step('closing', { queued: 0 });
    const counts = { authenticated: VOTERS, cast: VOTERS, abandoned: 0, provisional: 0 };
    await step('tally-report', {
      counts,
      ...(await reportSignaturesFor(app, election.hash, 'b-0001', {
        report: 'tally',
        stop: 0,
        counts,
      })),
    });

    // ── everything stored about ballots, joined every way we know ──────────────────────
    const heap = await physicalBallots();
    expect(heap).toHaveLength(VOTERS);
    const chunked = (sizes: readonly { size: number; score: number }[]) => {
      const scores = new Map<string, number>();
      let at = 0;
      for (const { size, score } of sizes)
        for (let k = 0; k < size; k += 1) {
          const code = heap[at];
          at += 1;
          if (code !== undefined) scores.set(code, score);
        }
      return scores;
    };
    const received = await auditDb(ctx.store.db)
      .selectFrom('audit_log')
      .select(['occurred_at', 'details'])
      .where('action', '=', 'ballots.batch.received')
      .orderBy('sequence')
      .execute();
    const byAuditTime = chunked(
      received.map((e) => ({
        size: (JSON.parse(e.details ?? '{}') as { stored?: number }).stored ?? 0,
        score: Date.parse(e.occurred_at),
      })),
    );
    const messageRows =
      ctx.store.engine === 'postgres'
        ? (
            await sql<{
              ballot_count: number;
            }>`select ballot_count from device_messages order by ctid`.execute(ctx.store.db)
          ).rows
        : await stationDb(ctx.store.db)
            .selectFrom('device_messages')
            .select('ballot_count')
            .execute();
    const byMessage = chunked(messageRows.map((m, i) => ({ size: m.ballot_count, score: i })));

    const local = st.store.db;
    const stationBallots = local.prepare('select tracking_code, batch_id from ballots').all() as {
      tracking_code: string;
      batch_id: string | null;
    }[];
    const outbox = local.prepare('select id, signed from outbox').all() as {
      id: string;
      signed: string;
    }[];
    const messageTime = new Map(
      outbox.map((m) => [
        m.id,
        Date.parse((JSON.parse(m.signed) as { message: { at: string } }).message.at),
      ]),
    );
    const byStationBatch = new Map<string, number>();
    for (const b of stationBallots) {
      const t = b.batch_id === null ? undefined : messageTime.get(b.batch_id);
      if (t !== undefined) byStationBatch.set(b.tracking_code, t);
    }
    const outboxOrder: string[] = outbox.flatMap((m) =>
      (
        JSON.parse(m.signed) as { message: { body: { batch: EncryptedBallot[] } } }
      ).message.body.batch.map((b) => trackingCode(b)),
    );

    const joins: [string, Map<string, number>][] = [
      ['HQ ballots, physical order', positions(heap)],
      ['HQ ballots chunked by the batch audit entries, by their instants', byAuditTime],
      ['HQ ballots chunked by device_messages in physical order', byMessage],
      ['station ballots, physical order', positions(stationBallots.map((b) => b.tracking_code))],
      ['station ballots by their outbox message instant', byStationBatch],
      ['station outbox, physical order', positions(outboxOrder)],
      ['tracking codes, sorted', positions([...truth].sort())],
    ];
    const results: LinkageResult[] = joins.map(([name, scores]) =>
      linkageOf(name, truth, scores, ALPHA, joins.length),
    );
    const control = linkageOf('arrival order at HQ (control)', truth, positions(arrival), ALPHA, 1);
    const show = (r: LinkageResult) =>
      `  ${r.passes ? 'pass' : 'FAIL'}  exact ${String(r.exact)} (< ${String(r.exactLimit)})  z ${r.z.toFixed(2)} (|z| < ${r.zLimit.toFixed(2)})  ${r.join}`;
    console.info(
      `linkage [${ctx.store.engine}], ${String(VOTERS)} voters, α = ${String(ALPHA)}:\n${[
        ...results,
        control,
        beforeClosing,
      ]
        .map(show)
        .join('\n')}`,
    );

    for (const r of results) expect(r, show(r)).toMatchObject({ passes: true });
    // The test's power: what a table in arrival order would show is caught.
    expect(control.passes).toBe(false);
    // Nothing at the station outlives its acknowledgement: no message, no batch membership.
    expect(outbox).toHaveLength(0);
    expect(new Set(stationBallots.map((b) => b.batch_id))).toEqual(new Set(['sent']));
  }, 300_000);
});
