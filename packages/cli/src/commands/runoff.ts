import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  problemsFromZod,
  round1Results,
  round1Winners,
  runoffCandidates,
  validateRound1Tally,
  type Problem,
} from '@sandogh/core';
import { action } from '../program.js';
import { jsonText, readJsonFile } from '../files.js';
import { say } from '../output.js';

interface DeriveFlags {
  lotWinners?: string;
  out?: string;
}

/** `sandogh runoff derive`: the runoff list from round-1 results, by the rule of DESIGN §2. */
export function registerRunoffCommands(program: Command): void {
  const runoff = program.command('runoff').description('The runoff (second round)');
  runoff
    .command('derive')
    .description('Derive round-1 winners and the runoff list from round-1 results')
    .argument(
      '<file>',
      'round-1 results (JSON: seats, validBallots, candidates[{code, name, votes}])',
    )
    .option(
      '--lot-winners <codes>',
      'comma-separated winners chosen by lot when round 1 tied at the cut',
    )
    .option('-o, --out <file>', 'write the derivation as JSON')
    .action(
      action(async (file: string, flags: DeriveFlags): Promise<readonly Problem[] | undefined> => {
        const raw = readJsonFile(file);
        if (!raw.ok) return [raw.error];
        const parsed = round1Results.safeParse(raw.value);
        if (!parsed.success) return problemsFromZod(parsed.error);
        const tally = validateRound1Tally(parsed.data);
        if (!tally.ok) return tally.error;
        const outcome = round1Winners(tally.value);
        const declared =
          flags.lotWinners
            ?.split(',')
            .map((code) => code.trim())
            .filter((code) => code !== '') ??
          parsed.data.lotWinners ??
          outcome.winners.map((c) => c.code);
        const list = runoffCandidates(tally.value, declared);
        if (!list.ok) return list.error;
        const names = new Map(parsed.data.candidates.map((c) => [c.code, c.name]));
        const line = (c: { code: string; votes: number }) =>
          `  ${c.code}  ${String(c.votes).padStart(9)}  ${names.get(c.code)?.en ?? ''} — ${names.get(c.code)?.fa ?? ''}`;
        say(
          `Round 1: ${parsed.data.seats} seats, ${parsed.data.validBallots} valid ballots; 20% line = ${Math.ceil(parsed.data.validBallots / 5)} votes`,
        );
        say(`Winners in round 1 (${outcome.winners.length}):`);
        outcome.winners.forEach((c) => {
          say(line(c));
        });
        if (outcome.tiedAtCut !== undefined) {
          say(
            `Tie at the last winning place: ${outcome.tiedAtCut.places} place(s) among ${outcome.tiedAtCut.candidates.map((c) => c.code).join(', ')} — settled by lot`,
          );
        }
        say(
          `Runoff: ${list.value.remainingSeats} seats remain; ${list.value.candidates.length} candidates listed:`,
        );
        list.value.candidates.forEach((c) => {
          say(line(c));
        });
        if (list.value.tiedAtCut !== undefined) {
          say(
            `Tie across the list's cut: ${list.value.tiedAtCut.places} place(s) among ${list.value.tiedAtCut.candidates.map((c) => c.code).join(', ')} — settled by lot`,
          );
        }
        if (flags.out !== undefined) {
          writeFileSync(flags.out, jsonText({ round1Winners: outcome, runoff: list.value }));
          say(`written: ${flags.out}`);
        }
        return Promise.resolve(undefined);
      }),
    );
}
