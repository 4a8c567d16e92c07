import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  definitionLoaded,
  definitionRefused,
  electionHash,
  err,
  prettyCanonicalJson,
  shortHash,
  validateDefinition,
  type ElectionDefinition,
  type Problem,
  type Result,
} from '@sandogh/core';
import { appendAudit, loadDefinition, readDefinition, recordAudit } from '@sandogh/store';
import { action } from '../program.js';
import { readJsonFile } from '../files.js';
import { say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';

/** The CLI acts as itself on the audit log: whoever runs it holds the store's files (law 6). */
const CLI = { kind: 'system', id: 'cli' } as const;

/** `sandogh election validate|import|export` (issue 2); an import is on the audit log. */
export function registerElectionCommands(program: Command): void {
  const election = program
    .command('election')
    .description('The election definition: validate, import, export');

  election
    .command('validate')
    .description('Check a definition file and list every problem with its path')
    .argument('<file>', 'election definition (JSON)')
    .action(
      action(async (file: string) => {
        const definition = validatedFile(file);
        if (!definition.ok) return definition.error;
        say(
          `✔ valid: ${definition.value.election.id}  election hash ${shortHash(electionHash(definition.value))}`,
        );
        say(
          `  ${definition.value.candidates.length} candidates, ${definition.value.branches.length} branches, ${definition.value.devices.length} devices, ${definition.value.staff.length} staff`,
        );
        return Promise.resolve(undefined);
      }),
    );

  databaseOption(
    election
      .command('import')
      .description('Validate a definition and load it into the store, atomically')
      .argument('<file>', 'election definition (JSON)'),
  ).action(
    action(async (file: string, options: { database: string }) => {
      const definition = validatedFile(file);
      if (!definition.ok) {
        // A file that is not even a definition names no election; the refusal is still logged.
        const refused = definitionRefused(definition.error);
        await withStore(options.database, (store) =>
          recordAudit(store, [{ ...refused, actor: CLI }]),
        );
        return definition.error;
      }
      const hash = electionHash(definition.value);
      const electionId = definition.value.election.id;
      const loaded = await withStore(options.database, async (store) => {
        const result = await loadDefinition(store, definition.value, hash, {
          alsoInTransaction: (trx) =>
            appendAudit(trx, [{ ...definitionLoaded(electionId, hash, 'loaded'), actor: CLI }]),
        });
        const entry = result.ok
          ? result.value.outcome === 'unchanged'
            ? definitionLoaded(electionId, hash, 'unchanged')
            : undefined
          : definitionRefused([result.error], electionId);
        if (entry !== undefined) await recordAudit(store, [{ ...entry, actor: CLI }]);
        return result;
      });
      if (!loaded.ok) return [loaded.error];
      const { outcome, rows } = loaded.value;
      say(
        `✔ ${outcome === 'unchanged' ? 'already loaded, unchanged' : 'loaded'}: ${definition.value.election.id}  election hash ${shortHash(hash)}`,
      );
      if (outcome === 'loaded')
        say(
          `  rows: ${Object.entries(rows)
            .map(([table, n]) => `${table} ${n}`)
            .join(', ')}`,
        );
      return undefined;
    }),
  );

  databaseOption(
    election
      .command('export')
      .description('Write the loaded definition exactly as it was imported')
      .option('-o, --out <file>', 'write to this file instead of standard output'),
  ).action(
    action(async (options: { database: string; out?: string }) => {
      const stored = await withStore(options.database, (store) => readDefinition(store));
      if (!stored.ok) return [stored.error];
      const text = prettyCanonicalJson(stored.value.definition);
      if (options.out === undefined) process.stdout.write(text);
      else writeFileSync(options.out, text);
      return undefined;
    }),
  );
}

/** A definition file, read and validated: every problem, or the definition. */
export function validatedFile(file: string): Result<ElectionDefinition, Problem[]> {
  const raw = readJsonFile(file);
  if (!raw.ok) return err([raw.error]);
  return validateDefinition(raw.value);
}
