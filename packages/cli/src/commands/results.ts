import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  appendVersion,
  canonicalHash,
  computeResults,
  constituencyMinutesHtml,
  declareWinners,
  faPercent,
  nistElectionReport,
  problem,
  resultsCsv,
  sha256Hex,
  verifyLotRecord,
  err,
  ok,
  type ElectionResults,
  type ElectionDefinition,
  type LotRecord,
  type Problem,
  type Result,
} from '@sandogh/core';
import { action } from '../program.js';
import { jsonText, readJsonFile } from '../files.js';
import { say } from '../output.js';
import { validatedFile } from './election.js';
import { currentElection, reconciliationFlags } from '@sandogh/store';
import { databaseOption, withStore } from '../storeOption.js';

interface ExportFlags {
  election: string;
  counts: string;
  registered: string;
  outDir: string;
  lot?: string;
}

/**
 * `sandogh results export` (issue 7, docs/RESULTS.md): from the definition and the branches'
 * decrypted counts, the result with its totals at every level, the NIST SP 1500-100 report, the
 * CSV and the constituency minutes (صورتجلسه), as files. The version written is an unsigned
 * partial, provisional or final one; certification is the supervisory board's act at the HQ.
 */
export function registerResultsCommands(program: Command): void {
  const results = program.command('results').description('Results: compute and export');
  results
    .command('export')
    .description(
      'Compute the result and write results.json, NIST 1500-100 JSON, CSV and the minutes',
    )
    .requiredOption('--election <file>', 'election definition (JSON)')
    .requiredOption(
      '--counts <file>',
      'JSON: {branchCounts[{branchId, votes[{code, votes}], blankBallots, ballotsCast}], unreconciledBranches[]}',
    )
    .requiredOption('--registered <n>', 'voters in the registry (the turnout’s denominator)')
    .requiredOption('--out-dir <dir>', 'where to write the files')
    .option('--lot <file>', 'the lot record that settled a tie at the last seat')
    .action(action((flags: ExportFlags) => Promise.resolve(exportResults(flags))));

  // Read-only: a decision on a flag is a supervisor's signed-in act at the HQ
  // (POST /api/v1/results/flags/decisions), audited there, never a write from the CLI.
  databaseOption(
    results
      .command('flags')
      .description(
        "Every branch's reconciliation flags (law 5) with their numbers and the supervisors' decisions",
      )
      .option('--undecided', 'only the flags without a decision')
      .option('--json', 'print JSON'),
  ).action(
    action(async (flags: { database: string; undecided?: boolean; json?: boolean }) =>
      withStore(flags.database, async (store): Promise<readonly Problem[] | undefined> => {
        const election = await currentElection(store);
        if (election === undefined) return [problem('DEFINITION_NOT_LOADED')];
        const current = await reconciliationFlags(store.db, election.id);
        const shown = current.flags.filter((f) => flags.undecided !== true || !f.decided);
        if (flags.json === true) {
          process.stdout.write(jsonText({ ...current, flags: shown }));
          return undefined;
        }
        for (const f of shown) {
          const last = f.decisions.at(-1);
          say(
            `${f.branchId}  ${f.code}${f.field === undefined ? '' : `:${f.field}`}  ${f.message.en}  ${
              last === undefined
                ? '— undecided / بی‌تصمیم'
                : `→ ${last.decision} (${last.decidedBy}, ${last.decidedAt}, #${last.sequence})`
            }`,
          );
        }
        say(
          `${current.branches} branch(es) reconciled, ${current.flags.length} flag(s), ${current.undecided.length} branch(es) undecided / ` +
            `${current.branches.toLocaleString('fa-IR')} شعبه، ${current.flags.length.toLocaleString('fa-IR')} پرچم، ${current.undecided.length.toLocaleString('fa-IR')} شعبهٔ بی‌تصمیم`,
        );
        return undefined;
      }),
    ),
  );
}

function exportResults(flags: ExportFlags): readonly Problem[] | undefined {
  const definition = validatedFile(flags.election);
  if (!definition.ok) return definition.error;
  const counts = readJsonFile(flags.counts);
  if (!counts.ok) return [counts.error];
  const body = counts.value as { branchCounts?: unknown; unreconciledBranches?: unknown };
  const computed = computeResults(definition.value, {
    branchCounts: body.branchCounts,
    registeredVoters: Number(flags.registered),
    unreconciledBranches: body.unreconciledBranches ?? [],
  });
  if (!computed.ok) return computed.error;
  let lot: LotRecord | undefined;
  if (flags.lot !== undefined) {
    const raw = readJsonFile(flags.lot);
    if (!raw.ok) return [raw.error];
    const verified = verifyLotRecord(raw.value);
    if (!verified.ok) return verified.error;
    lot = verified.value;
  }
  const written = writeResultFiles(flags.outDir, definition.value, computed.value, lot);
  if (!written.ok) return written.error;
  const { result, winners } = written.value;
  say(
    `${result.state}: ${result.constituency.branchesReported}/${result.constituency.branchesTotal} branches, ${result.constituency.ballotsCast} ballots (${result.constituency.blankBallots} blank), turnout ${(result.turnout.basisPoints / 100).toFixed(2)}% / ${faPercent(result.turnout.basisPoints)}`,
  );
  if (winners !== null) say(`winners / منتخبان: ${winners.join(', ')}`);
  else
    say(
      `tie at the last seat among ${result.outcome.tiedAtLastSeat?.candidates.map((c) => c.code).join(', ') ?? ''}: to be settled by lot (sandogh lot) / تساوی در آخرین کرسی: قرعه`,
    );
  say(
    `written: ${flags.outDir}/{results.json, results-nist-1500-100.json, results.csv, minutes.html}`,
  );
  return undefined;
}

export interface WrittenResultFiles {
  readonly result: ElectionResults;
  /** Null while a tie at the last seat waits for its lot. */
  readonly winners: readonly string[] | null;
  readonly files: {
    readonly results: string;
    readonly nist: string;
    readonly csv: string;
    readonly minutes: string;
  };
}

/**
 * The result's files — results.json (version 1 and the result), the NIST SP 1500-100 report,
 * the CSV and the constituency minutes — from a computed result and the lot, if one was drawn.
 */
export function writeResultFiles(
  outDir: string,
  definition: ElectionDefinition,
  result: ElectionResults,
  lot?: LotRecord,
): Result<WrittenResultFiles, readonly Problem[]> {
  const winners = declareWinners(result.outcome, lot?.winners ?? []);
  if (!winners.ok && result.outcome.tiedAtLastSeat === undefined) return err([winners.error]);
  const resultsHash = canonicalHash(result);
  const generatedAt = new Date().toISOString();
  const version = appendVersion([], {
    state: result.state,
    resultsHash,
    reason: '',
    signers: [],
    createdAt: generatedAt,
  });
  if (!version.ok) return err([version.error]);
  const input = {
    definition,
    results: result,
    winners: winners.ok ? winners.value : null,
    state: result.state,
    version: { number: version.value.version, hash: version.value.hash, correction: false },
    resultsHash,
    generatedAt,
  };
  const csv = resultsCsv(input);
  const files = {
    results: join(outDir, 'results.json'),
    nist: join(outDir, 'results-nist-1500-100.json'),
    csv: join(outDir, 'results.csv'),
    minutes: join(outDir, 'minutes.html'),
  };
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(files.results, jsonText({ version: version.value, result }));
    writeFileSync(files.nist, jsonText(nistElectionReport(input)));
    writeFileSync(files.csv, csv);
    writeFileSync(
      files.minutes,
      constituencyMinutesHtml({
        ...input,
        signers: [],
        csvHash: sha256Hex(csv),
        ...(lot === undefined
          ? {}
          : { lot: { tied: lot.tied, winners: lot.winners, seed: lot.seed } }),
      }),
    );
  } catch (e) {
    return err([
      problem('FILE_UNREADABLE', {
        file: outDir,
        reason: e instanceof Error ? e.message : String(e),
      }),
    ]);
  }
  return ok({ result, winners: winners.ok ? winners.value : null, files });
}
