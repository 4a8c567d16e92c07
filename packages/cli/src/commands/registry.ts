import { closeSync, createReadStream, existsSync, openSync, statSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { problem, type AuditEntryInput, type Problem } from '@sandogh/core';
import {
  currentElection,
  importRegistry,
  recordAudit,
  registryImported,
  registryImportRefused,
  registryImportStarted,
  appendAudit,
  type RegistryAuditEntry,
  type RegistryReject,
  type Store,
} from '@sandogh/store';
import { action } from '../program.js';
import { progressBar, say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/**
 * `sandogh registry import FILE.csv` (issue 4; docs/FORMATS.md "Voter registry"): streams a
 * registry of any size into the store with a progress bar, in ONE transaction — all valid rows
 * or nothing. Rejected rows go to a rejects file (line, code, column, messages), never to the
 * screen or a log (they are about people). Recorded on the audit log by the `cli` system
 * actor: started, then imported or refused (law 6).
 */

const CLI = { kind: 'system', id: 'cli' } as const;

const withActor = (entry: RegistryAuditEntry): AuditEntryInput => ({ ...entry, actor: CLI });

/** RFC 4180: a field with a comma, quote or line end is quoted, quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The rejects file, always written (header only when every row was good): no stale list survives a rerun. */
function rejectsWriter(file: string): { write(r: RegistryReject): void; close(): number } {
  const fd = openSync(file, 'w', 0o600);
  writeSync(fd, 'line,code,column,message_en,message_fa\n');
  let count = 0;
  return {
    write(r) {
      count += 1;
      const fields = [String(r.line), r.code, r.column ?? '', r.message.en, r.message.fa];
      writeSync(fd, `${fields.map(csvField).join(',')}\n`);
    },
    close() {
      closeSync(fd);
      return count;
    },
  };
}

async function importFile(
  store: Store,
  file: string,
  rejectsFile: string,
): Promise<Problem[] | undefined> {
  const election = await currentElection(store);
  if (election === undefined) {
    const refused = [problem('DEFINITION_NOT_LOADED')];
    await recordAudit(store, [withActor(registryImportRefused(null, refused))]);
    return refused;
  }
  const bytes = statSync(file).size;
  await recordAudit(store, [withActor(registryImportStarted(election.id, 'cli', bytes))]);
  const rejects = rejectsWriter(rejectsFile);
  say('  one transaction: if this is interrupted, nothing is imported — run it again');
  const bar = progressBar('registry', bytes);
  const stage = { merging: false };
  const started = Date.now();
  const result = await importRegistry(store, election.id, createReadStream(file), {
    // A registry file may hold millions of rows: parsing overlaps writing (store/registry).
    parseInWorker: true,
    onReject: (r) => {
      rejects.write(r);
    },
    onProgress: (p) => {
      if (p.stage === 'reading') bar.update(p.bytes);
      else if (!stage.merging) {
        stage.merging = true;
        bar.update(bytes);
        bar.stop();
        say(`  ${p.rows.toLocaleString('en')} rows read; writing them into the registry…`);
      }
    },
    alsoInTransaction: (trx, summary) => appendAudit(trx, [withActor(registryImported(summary))]),
  });
  if (!stage.merging) bar.stop();
  const rejected = rejects.close();
  if (!result.ok) {
    await recordAudit(store, [withActor(registryImportRefused(election.id, result.error))]);
    say('✘ nothing was imported: the store is exactly as it was before / هیچ سطری وارد نشد');
    if (rejected > 0) say(`  ${rejected} rejected rows listed in ${rejectsFile}`);
    return [...result.error];
  }
  const s = result.value;
  const seconds = (Date.now() - started) / 1000;
  say(`✔ registry imported in one transaction: ${election.id}  (${seconds.toFixed(1)} s)`);
  say(
    `  rows read ${s.rowsRead}, rejected ${s.rowsRejected}, new ${s.inserted}, updated ${s.updated}`,
  );
  if (s.absent > 0)
    say(
      `  absent from update ${s.absent}: voters of an earlier import not in this file, kept unchanged`,
    );
  say(`  voters in the registry ${s.total}; file sha256 ${s.fileSha256}`);
  if (rejected > 0) say(`  rejected rows (line, code, reason): ${rejectsFile}`);
  return undefined;
}

export function registerRegistryCommands(program: Command): void {
  const registry = program
    .command('registry')
    .description('The voter registry: import a civil-registry file (CSV)');

  databaseOption(
    registry
      .command('import')
      .description(
        'Stream a registry CSV into the store, atomically (all valid rows or nothing); re-importing updates voters by national code',
      )
      .argument('<file>', 'registry CSV (docs/FORMATS.md "Voter registry")')
      .option('--rejects <file>', 'where rejected rows are listed (default: FILE.rejects.csv)'),
  ).action(
    action(async (file: string, options: { database: string; rejects?: string }) => {
      if (!existsSync(file) || !statSync(file).isFile())
        return [problem('FILE_NOT_FOUND', { file })];
      const rejectsFile = options.rejects ?? `${file}.rejects.csv`;
      return withStore(options.database, (store) => importFile(store, file, rejectsFile));
    }),
  );
}
