import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { electionHash } from '@sandogh/core';
import { openStore, verifyAuditLog, type Engine, type Store } from '@sandogh/store';
import {
  ENGINES,
  fixtureCode,
  pollbookFixture,
  postgresSkipped,
  testPostgresUrl,
  tinyDefinition,
} from '@sandogh/store/testing';
import { checkInMessage } from './testSupport.js';

/**
 * Issue 4, "Done when": HQ killed with SIGKILL at random moments while stations check voters
 * in; after each restart every acknowledged mark is there, nothing is half there (a mark
 * without its card or a card without its mark: counted, since nothing joins the two — law 2),
 * no code is marked twice, and the audit log still verifies. Unacknowledged messages are
 * resent unchanged after the restart, as a station's outbox would. On both engines: SQLite
 * (a file) and PostgreSQL (a schema of its own, several batches in flight at the kill).
 */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const ROUNDS = 4;
const CLIENTS = 16;
const BRANCHES = 8;
const dir = mkdtempSync(join(tmpdir(), 'sandogh-crash-'));
const schema = `sandogh_crash_${randomBytes(6).toString('hex')}`;

/** The address the HQ child opens, and how the test itself opens the same store. */
function where(engine: Engine): { url: string; open: () => Promise<Store> } {
  if (engine === 'sqlite') {
    const url = `sqlite:${join(dir, 'hq.sqlite')}`;
    return { url, open: () => openStore(url) };
  }
  const base = testPostgresUrl();
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    url: `${base}${base.includes('?') ? '&' : '?'}options=${options}`,
    open: () => openStore(base, { schema }),
  };
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (postgresSkipped()) return;
  const store = await openStore(testPostgresUrl(), { migrate: false });
  try {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  } finally {
    await store.close();
  }
});

function startChild(url: string): Promise<{ proc: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', tsx, child, url], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // The HQ key beside the test's files, never in the working folder (PostgreSQL).
      env: { ...process.env, SANDOGH_AUDIT_CHECKPOINT_MS: '0', SANDOGH_DATA_DIR: dir },
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\S+)/.exec(out);
      if (ready?.[1] !== undefined) resolve({ proc, base: ready[1] });
    });
    proc.on('exit', (code) => {
      reject(new Error(`HQ exited early (${String(code)})`));
    });
  });
}

for (const engine of ENGINES) {
  const run = engine === 'postgres' && postgresSkipped() ? describe.skip : describe;
  run(`check-and-mark through SIGKILLs [${engine}]`, () => {
    it('keeps every acknowledged mark and nothing half-made through SIGKILLs', async () => {
      await crashRounds(engine);
    }, 120_000);
  });
}

async function crashRounds(engine: Engine): Promise<void> {
  const { url, open } = where(engine);
  const setup = await open();
  await pollbookFixture(setup, { branches: BRANCHES, voters: 20_000 });
  await setup.close();
  const definition = tinyDefinition({ branches: BRANCHES });
  const hq = { hash: electionHash(definition) };

  const acknowledged = new Set<string>();
  /** Messages sent without an answer: resent unchanged after the restart. */
  let unanswered: { code: string; message: ReturnType<typeof checkInMessage> }[] = [];
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const { proc, base } = await startChild(url);
    const exited = new Promise<void>((resolve) =>
      proc.once('exit', () => {
        resolve();
      }),
    );
    let alive = true;
    const resend = unanswered;
    unanswered = [];
    const send = async (code: string, message: ReturnType<typeof checkInMessage>) => {
      try {
        const res = await fetch(`${base}/api/v1/pollbook/check-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
        });
        const body = (await res.json()) as { code?: string };
        if (res.status === 200) acknowledged.add(code);
        else expect(body.code, `code ${code}`).toBe('POLLBOOK_ALREADY_VOTED');
      } catch {
        unanswered.push({ code, message });
      }
    };
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (const r of resend.filter((_, i) => i % CLIENTS === c)) await send(r.code, r.message);
      while (alive) {
        const code = fixtureCode(next++);
        await send(code, checkInMessage(hq, (c % BRANCHES) + 1, code));
      }
    });
    await new Promise((r) => setTimeout(r, 300 + (randomBytes(2).readUInt16BE(0) % 1200)));
    proc.kill('SIGKILL');
    alive = false;
    await exited;
    await Promise.all(clients);
  }

  const store = await open();
  try {
    const marks = await sql<{
      n: number;
      codes: number;
      issued: number;
    }>`select count(*) as n, count(distinct national_code) as codes, sum(cards_issued) as issued from pollbook_marks`.execute(
      store.db,
    );
    const row = marks.rows[0];
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(Number(row?.n)).toBe(Number(row?.codes));
    const marked = await sql<{
      national_code: string;
    }>`select national_code from pollbook_marks`.execute(store.db);
    const present = new Set(marked.rows.map((r) => r.national_code));
    for (const code of acknowledged) expect(present.has(code), code).toBe(true);
    const cards = await sql<{ n: number }>`select count(*) as n from pollbook_cards`.execute(
      store.db,
    );
    expect(Number(cards.rows[0]?.n)).toBe(Number(row?.issued));
    const checkedIn = await sql<{ n: number }>`
      select count(*) as n from audit_log where action = 'pollbook.voter.checked-in'`.execute(
      store.db,
    );
    expect(Number(checkedIn.rows[0]?.n)).toBeGreaterThanOrEqual(Number(row?.n));
    const verified = await verifyAuditLog(store);
    expect(verified.ok).toBe(true);
  } finally {
    await store.close();
  }
}
