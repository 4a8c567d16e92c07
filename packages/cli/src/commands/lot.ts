import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  commitToLot,
  drawLot,
  lotCommitmentOf,
  openLot,
  revealToLot,
  verifyLotRecord,
  type LotRecord,
  type Problem,
} from '@sandogh/core';
import { action } from '../program.js';
import { jsonText, readJsonFile } from '../files.js';
import { say } from '../output.js';

/**
 * `sandogh lot commit|draw|verify` (issue 7, docs/RESULTS.md §4): the verifiable lot for a tie
 * at the last seat, run from files in the boards' joint session. Each member makes their own
 * value and commitment on their own machine; the session file collects the public parts.
 */
export function registerLotCommands(program: Command): void {
  const lot = program.command('lot').description('The verifiable lot for a tie at the last seat');

  lot
    .command('commit')
    .description(
      "Make a member's random value and its commitment (keep the value until the reveal)",
    )
    .requiredOption('--member <id>', "the member's id")
    .action(
      action((flags: { member: string }) => {
        const value = randomBytes(32).toString('hex');
        say(
          jsonText({
            memberId: flags.member,
            value,
            commitment: lotCommitmentOf(flags.member, value),
          }).trimEnd(),
        );
        return Promise.resolve(undefined);
      }),
    );

  lot
    .command('draw')
    .description('Check every commitment and reveal of a session file, then draw')
    .argument(
      '<session>',
      'JSON: {electionRecordHash, tied, places, commitments[{memberId, commitment}], reveals[{memberId, value}]}',
    )
    .option('-o, --out <file>', 'write the lot record (for scripts/lot-verify.mjs)')
    .action(
      action((file: string, flags: { out?: string }): Promise<readonly Problem[] | undefined> => {
        const drawn = drawFromSession(file);
        if (!drawn.ok) return Promise.resolve(drawn.problems);
        const record = drawn.record;
        say(`seed ${record.seed}`);
        say(`order: ${record.order.join(', ')}`);
        say(`winners by lot / منتخب با قرعه: ${record.winners.join(', ')}`);
        if (flags.out !== undefined) {
          writeFileSync(flags.out, jsonText(record));
          say(`written: ${flags.out}`);
        }
        return Promise.resolve(undefined);
      }),
    );

  lot
    .command('verify')
    .description('Recompute a published lot record: every reveal, the seed, the order, the winners')
    .argument('<record>', 'lot record (JSON), as `lot draw --out` writes it')
    .action(
      action((file: string): Promise<readonly Problem[] | undefined> => {
        const raw = readJsonFile(file);
        if (!raw.ok) return Promise.resolve([raw.error]);
        const verified = verifyLotRecord(raw.value);
        if (!verified.ok) return Promise.resolve(verified.error);
        say(
          `✔ lot reproduced: winners ${verified.value.winners.join(', ')} (seed ${verified.value.seed})`,
        );
        say(`  order ${verified.value.order.join(', ')}`);
        return Promise.resolve(undefined);
      }),
    );
}

type Drawn = { ok: true; record: LotRecord } | { ok: false; problems: readonly Problem[] };

function drawFromSession(file: string): Drawn {
  const raw = readJsonFile(file);
  if (!raw.ok) return { ok: false, problems: [raw.error] };
  return drawFrom(raw.value as Partial<LotRecord>);
}

function drawFrom(input: Partial<LotRecord>): Drawn {
  let session = openLot({
    electionRecordHash: input.electionRecordHash,
    tied: input.tied,
    places: input.places,
  });
  if (!session.ok) return { ok: false, problems: session.error };
  for (const commitment of input.commitments ?? []) {
    const next = commitToLot(session.value, commitment);
    if (!next.ok) return { ok: false, problems: next.error };
    session = next;
  }
  for (const reveal of input.reveals ?? []) {
    const next = revealToLot(session.value, reveal);
    if (!next.ok) return { ok: false, problems: next.error };
    session = next;
  }
  const drawn = drawLot(session.value);
  return drawn.ok ? { ok: true, record: drawn.value } : { ok: false, problems: drawn.error };
}
