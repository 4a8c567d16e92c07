import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { electionHash, makeNationalCode, type NationalCode } from '@sandogh/core';
import { loadDefinition } from '../definition/load.js';
import type { Store } from '../store.js';
import { describeEachEngine, tinyDefinition } from '../testing.js';
import { importRegistry, type RegistryImportOptions, type RegistryReject } from './import.js';
import { NationalCodeSet } from './seen.js';
import { registryDb } from './tables.js';
import { findVoter, registryImports } from './voters.js';

const HEADER =
  'national_code,birth_date,death_date,citizen,round1_constituency,first_name,last_name';
const definition = tinyDefinition();
const electionId = definition.election.id;

/** The i-th test voter's code: distinct for every i below 800 million. */
const codeOf = (i: number): NationalCode => makeNationalCode(String(100_000_000 + i));

function csvOf(
  rows: number,
  line: (i: number) => string = (i) => `${codeOf(i)},1360/05/01,,1,tehran,نام,خانواده`,
): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(line(i));
  return `${lines.join('\n')}\n`;
}

async function loaded(store: Store): Promise<void> {
  const done = await loadDefinition(store, definition, electionHash(definition));
  if (!done.ok) throw new Error(done.error.code);
}

async function runImport(store: Store, csv: string, options: RegistryImportOptions = {}) {
  const rejects: RegistryReject[] = [];
  // Small chunks, so that records straddle chunk boundaries as they do in a big file.
  const chunks = csv.match(/[\s\S]{1,97}/g) ?? [];
  const result = await importRegistry(store, electionId, Readable.from(chunks), {
    onReject: (r) => rejects.push(r),
    ...options,
  });
  return { result, rejects };
}

async function voterCount(store: Store): Promise<number> {
  const row = await registryDb(store.db)
    .selectFrom('registry_voters')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}

// Every case twice: parsed in the importing thread (the HQ route) and in a worker (the CLI).
for (const parseInWorker of [false, true])
  describeEachEngine(
    `the voter registry import${parseInWorker ? ', parsed in a worker thread' : ''}`,
    (ctx) => {
      const run = (store: Store, csv: string, options: RegistryImportOptions = {}) =>
        runImport(store, csv, { parseInWorker, ...options });
      it('imports every valid row and names each invalid one by line and reason', async () => {
        await loaded(ctx.store);
        const csv = [
          HEADER,
          `${codeOf(1)},1385/02/21,,1,tehran,مریم,احمدی`,
          `${codeOf(2)},1950-03-01,1402/12/20,1,,"Ali, ""the elder""",Karimi`,
          `0012345670,1385/02/21,,1,,,`,
          '',
          `${codeOf(3)},1385/12/30,,1,,,`,
          `${codeOf(4)},1370/01/01,,1,,"two`,
          `lines",x`,
          `${codeOf(1)},1360/01/01,,1,,,`,
          `${codeOf(5)},1370/01/01,,0,karaj,,`,
          `${codeOf(6)},1370/01/01,,1`,
        ].join('\r\n');
        const { result, rejects } = await run(ctx.store, csv);
        expect(rejects.map((r) => [r.line, r.code, r.column])).toEqual([
          [4, 'NATIONAL_CODE_CHECK_DIGIT', 'national_code'],
          [6, 'REGISTRY_ROW_DATE', 'birth_date'],
          // A quoted field may span lines (and the line count follows it), but a name may not.
          [7, 'REGISTRY_ROW_TEXT', undefined],
          [9, 'REGISTRY_ROW_DUPLICATE', 'national_code'],
          [11, 'REGISTRY_ROW_FIELD_COUNT', undefined],
        ]);
        expect(JSON.stringify(rejects)).not.toContain(codeOf(1));
        expect(result).toMatchObject({
          ok: true,
          value: { rowsRead: 8, rowsRejected: 5, inserted: 3, updated: 0, absent: 0, total: 3 },
        });
        expect(await findVoter(ctx.store, electionId, codeOf(1))).toMatchObject({
          birthDate: '2006-05-11',
          deceased: false,
          citizen: true,
          round1Constituency: 'tehran',
          firstName: 'مریم',
        });
        expect(await findVoter(ctx.store, electionId, codeOf(2))).toMatchObject({
          birthDate: '1950-03-01',
          deceased: true,
          deathDate: '2024-03-10',
          round1Constituency: null,
          firstName: 'Ali, "the elder"',
        });
        expect(await findVoter(ctx.store, electionId, codeOf(5))).toMatchObject({ citizen: false });
        expect(await findVoter(ctx.store, electionId, codeOf(9))).toBeUndefined();
        const imports = await registryImports(ctx.store, electionId);
        expect(imports).toHaveLength(1);
        expect(imports[0]).toMatchObject({ rows_read: 8, rows_rejected: 5, inserted: 3, total: 3 });
      });

      it('re-imports an updated registry: late deaths updated, absent voters kept', async () => {
        await loaded(ctx.store);
        const first = await run(ctx.store, csvOf(10));
        expect(first.result.ok).toBe(true);
        const late = `${codeOf(3)},1360/05/01,1403/01/15,1,tehran,نام,خانواده`;
        const plain = (i: number) => `${codeOf(i)},1360/05/01,,1,tehran,نام,خانواده`;
        // Codes 2, 3 (a late death), 4, then 3 again (a duplicate), 6 … 13; 0, 1 and 5 are absent.
        const lines = [
          plain(2),
          late,
          plain(4),
          plain(3),
          ...[6, 7, 8, 9, 10, 11, 12, 13].map(plain),
        ];
        const update = `${[HEADER, ...lines].join('\n')}\n`;
        const second = await run(ctx.store, update);
        expect(second.rejects.map((r) => r.code)).toEqual(['REGISTRY_ROW_DUPLICATE']);
        expect(second.result).toMatchObject({
          ok: true,
          value: { rowsRead: 12, rowsRejected: 1, inserted: 4, updated: 7, absent: 3, total: 14 },
        });
        expect(await findVoter(ctx.store, electionId, codeOf(3))).toMatchObject({
          deceased: true,
          deathDate: '2024-04-03',
        });
        // Absent from the update (codes 0, 1 and 5): still there, untouched.
        for (const i of [0, 1, 5])
          expect(await findVoter(ctx.store, electionId, codeOf(i))).toMatchObject({
            deceased: false,
          });
        expect(await registryImports(ctx.store, electionId)).toHaveLength(2);
      });

      it('is atomic: a failure in the middle leaves nothing of the import', async () => {
        await loaded(ctx.store);
        const failing = await run(ctx.store, csvOf(100), {
          batchRows: 10,
          beforeBatch: (n) => {
            if (n === 5) throw new Error('disk unplugged');
          },
        });
        expect(failing.result).toMatchObject({
          ok: false,
          error: [{ code: 'REGISTRY_IMPORT_FAILED' }],
        });
        expect(await voterCount(ctx.store)).toBe(0);
        expect(await registryImports(ctx.store, electionId)).toHaveLength(0);
        const refusedAudit = await run(ctx.store, csvOf(20), {
          alsoInTransaction: () => Promise.reject(new Error('audit failed')),
        });
        expect(refusedAudit.result.ok).toBe(false);
        expect(await voterCount(ctx.store)).toBe(0);
        // And an update that fails midway leaves the earlier registry exactly as it was.
        expect((await run(ctx.store, csvOf(30))).result.ok).toBe(true);
        const late = csvOf(30, (i) => `${codeOf(i)},1360/05/01,1403/01/01,1,tehran,نام,خانواده`);
        const broken = await run(ctx.store, late, {
          batchRows: 10,
          beforeBatch: (n) => {
            if (n === 2) throw new Error('crash');
          },
        });
        expect(broken.result.ok).toBe(false);
        expect(await findVoter(ctx.store, electionId, codeOf(0))).toMatchObject({
          deceased: false,
        });
        expect(await registryImports(ctx.store, electionId)).toHaveLength(1);
      });

      it('refuses a file it cannot read as a registry, writing nothing', async () => {
        const noElection = await run(ctx.store, csvOf(3));
        expect(noElection.result).toMatchObject({
          ok: false,
          error: [{ code: 'DEFINITION_NOT_LOADED' }],
        });
        await loaded(ctx.store);
        const cases: [string, string][] = [
          ['', 'REGISTRY_FILE_EMPTY'],
          ['\n\n', 'REGISTRY_FILE_EMPTY'],
          ['national_code,birthday\n', 'REGISTRY_HEADER_UNKNOWN'],
          [`${csvOf(3)}${codeOf(9)},"1360/01/01,,1,,,\n`, 'REGISTRY_CSV_MALFORMED'],
          [csvOf(2, () => '0012345670,1360/01/01,,1,,,'), 'REGISTRY_NO_VALID_ROWS'],
        ];
        for (const [csv, code] of cases) {
          const { result } = await run(ctx.store, csv);
          expect(result.ok ? 'imported' : result.error[0]?.code).toBe(code);
        }
        expect(await voterCount(ctx.store)).toBe(0);
      });

      it('imports 50,000 rows in a few seconds', async () => {
        await loaded(ctx.store);
        const started = Date.now();
        const progress: number[] = [];
        const { result } = await run(ctx.store, csvOf(50_000), {
          onProgress: (p) => progress.push(p.rows),
        });
        expect(result).toMatchObject({ ok: true, value: { inserted: 50_000, total: 50_000 } });
        expect(progress.at(-1)).toBe(50_000);
        expect(Date.now() - started).toBeLessThan(20_000);
      }, 30_000);
    },
  );

it('remembers national codes in a compact set that grows', () => {
  const seen = new NationalCodeSet();
  for (let i = 0; i < 20_000; i++) expect(seen.add(codeOf(i * 7919))).toBe(true);
  for (let i = 0; i < 20_000; i += 97) expect(seen.add(codeOf(i * 7919))).toBe(false);
  expect(seen.size).toBe(20_000);
});
