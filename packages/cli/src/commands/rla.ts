import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  buildManifest,
  checkEntry,
  checkSeed,
  combineEntries,
  drawSample,
  evaluateRound,
  planAudit,
  problem,
  problemsFromZod,
  reportedContestFile,
  retrievalLists,
  rlaAuditFile,
  type AuditDecision,
  type PaperEntry,
  type PaperVote,
  type Problem,
  type ReportedContestFile,
  type RlaAuditFile,
} from '@sandogh/core';
import { action } from '../program.js';
import { jsonText, readJsonFile } from '../files.js';
import { say } from '../output.js';

/**
 * `sandogh rla plan|sample|round` (issue 7, docs/RLA.md): the ballot-polling audit of the paper
 * votes from files, so that the board, and any observer with the same files, gets the same
 * sample, the same measured risk and the same decision.
 */

function describeDecision(decision: AuditDecision): string {
  switch (decision.kind) {
    case 'stop':
      return 'stop: the reported winners are confirmed / پایان: منتخبان اعلام‌شده تأیید شدند';
    case 'another-round':
      return `another round of ${decision.additionalDraws} draws / دور دیگر با ${decision.additionalDraws} برگه`;
    case 'full-hand-count':
      return `full hand count (${decision.reason}) / شمارش دستی همهٔ آرا`;
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

function readReported(file: string): Parsed<ReportedContestFile> {
  const raw = readJsonFile(file);
  if (!raw.ok) return { ok: false, problems: [raw.error] };
  const parsed = reportedContestFile.safeParse(raw.value, { reportInput: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: problemsFromZod(parsed.error) };
}

function readAudit(file: string): Parsed<RlaAuditFile> {
  const raw = readJsonFile(file);
  if (!raw.ok) return { ok: false, problems: [raw.error] };
  const parsed = rlaAuditFile.safeParse(raw.value, { reportInput: true });
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: problemsFromZod(parsed.error) };
}

export function registerRlaCommands(program: Command): void {
  const rla = program.command('rla').description('Risk-limiting audit of the paper votes (BRAVO)');

  rla
    .command('plan')
    .description('Every (winner, loser) pair and the first round’s sample size')
    .requiredOption('--risk-limit <alpha>', 'the risk limit the board chose, e.g. 0.05')
    .argument('<reported>', 'JSON: {ballotsCast, votes[{code, votes}], winners[]}')
    .action(
      action(
        (file: string, flags: { riskLimit: string }): Promise<readonly Problem[] | undefined> => {
          const reported = readReported(file);
          if (!reported.ok) return Promise.resolve(reported.problems);
          const plan = planAudit({ riskLimit: Number(flags.riskLimit) }, reported.value);
          if (!plan.ok) return Promise.resolve(plan.error);
          const closest = [...plan.value.pairs].sort((a, b) => a.drift - b.drift)[0];
          say(
            `${plan.value.pairs.length} pairs; closest ${closest?.winner ?? ''} over ${closest?.loser ?? ''} (s = ${closest?.share.toFixed(4) ?? ''})`,
          );
          say(
            `first round: ${plan.value.initialSampleSize} draws — ${describeDecision(plan.value.initialDecision)}`,
          );
          return Promise.resolve(undefined);
        },
      ),
    );

  rla
    .command('sample')
    .description('Draw from the public seed and list what to retrieve from each sealed box')
    .requiredOption(
      '--seed <digits>',
      'the public seed (at least 20 digits, e.g. dice rolled in the session)',
    )
    .requiredOption('--manifest <file>', 'JSON: [{branchId, ballots}]')
    .requiredOption('--count <n>', 'how many draws')
    .option('--from <k>', 'the first draw number (later rounds continue the sequence)', '1')
    .option('-o, --out <file>', 'write the draws and the retrieval lists as JSON')
    .action(
      action(
        (flags: { seed: string; manifest: string; count: string; from: string; out?: string }) => {
          const seed = checkSeed(flags.seed);
          if (!seed.ok) return Promise.resolve([seed.error]);
          const raw = readJsonFile(flags.manifest);
          if (!raw.ok) return Promise.resolve([raw.error]);
          const manifest = buildManifest(raw.value);
          if (!manifest.ok) return Promise.resolve(manifest.error);
          const [from, count] = [Number(flags.from), Number(flags.count)];
          if (
            !Number.isSafeInteger(from) ||
            from < 1 ||
            !Number.isSafeInteger(count) ||
            count < 1 ||
            count > 1_000_000
          )
            return Promise.resolve([
              problem('CLI_USAGE', { reason: '--from and --count must be whole numbers from 1' }),
            ]);
          const sample = drawSample(seed.value, manifest.value, from, count);
          const lists = retrievalLists(sample);
          for (const list of lists)
            say(
              `${list.branchId}: ${list.items.map((i) => (i.draws.length > 1 ? `${i.position}×${i.draws.length}` : String(i.position))).join(', ')}`,
            );
          if (flags.out !== undefined) {
            writeFileSync(
              flags.out,
              jsonText({ seed: seed.value, from, count, sample, retrieval: lists }),
            );
            say(`written: ${flags.out}`);
          }
          return Promise.resolve(undefined);
        },
      ),
    );

  rla
    .command('round')
    .description('Combine the double entries, measure the risk of every pair, and decide')
    .argument(
      '<audit>',
      'JSON: {riskLimit, seed, reported, manifest, rounds[draws…], entries{first, second, third}}',
    )
    .action(action((file: string) => Promise.resolve(round(file))));
}

function round(file: string): readonly Problem[] | undefined {
  const audit = readAudit(file);
  if (!audit.ok) return audit.problems;
  const { riskLimit, reported, rounds } = audit.value;
  const seed = checkSeed(audit.value.seed);
  if (!seed.ok) return [seed.error];
  const manifest = buildManifest(audit.value.manifest);
  if (!manifest.ok) return manifest.error;
  const plan = planAudit({ riskLimit }, reported);
  if (!plan.ok) return plan.error;
  const drawn = rounds.reduce((sum, n) => sum + n, 0);
  const sample = drawSample(seed.value, manifest.value, 1, drawn);
  const check = {
    candidates: new Set(reported.votes.map((v) => v.code)),
    maxSelections: reported.maxSelections,
  };
  const checked: PaperEntry[][] = [];
  for (const list of [
    audit.value.entries.first,
    audit.value.entries.second,
    audit.value.entries.third,
  ]) {
    const entries: PaperEntry[] = [];
    for (const e of list) {
      const one = checkEntry(e, check);
      if (!one.ok) return one.error;
      entries.push(one.value);
    }
    checked.push(entries);
  }
  const combined = combineEntries(sample, checked[0] ?? [], checked[1] ?? [], checked[2] ?? []);
  if (!combined.ok) return combined.error;
  if (combined.value.missing > 0)
    return [
      ...combined.value.disagreements,
      problem('RLA_ENTRIES_INCOMPLETE', { missing: combined.value.missing }),
    ];
  const votes = combined.value.votes.filter((v): v is PaperVote => v !== undefined);
  const outcome = evaluateRound(plan.value, votes, rounds.length);
  say(
    `round ${rounds.length}: ${outcome.drawn} paper votes; measured risk ${outcome.risk.toFixed(4)} (limit ${riskLimit})`,
  );
  for (const pair of [...outcome.pairs].sort((a, b) => b.risk - a.risk).slice(0, 5))
    say(
      `  ${pair.winner} over ${pair.loser}: risk ${pair.risk.toFixed(4)}${pair.confirmed ? ' ✔' : ''}`,
    );
  say(describeDecision(outcome.decision));
  return undefined;
}
