import type { Command } from 'commander';
import { problem } from '@sandogh/core';
import { buildTrackingIndex, normaliseShortCode } from '@sandogh/crypto';
import { action } from '../program.js';
import { say } from '../output.js';
import { readRecordDir } from './verify.js';

const STATUS_FA = { cast: 'ماخوذه (شمرده می‌شود)', challenged: 'وارسی‌شده (شمرده نمی‌شود)' };

/**
 * `sandogh track CODE --record DIR`: is this ballot in the record, and in which branch
 * (DESIGN §5)? Nothing else is said: not the ballot's content, not its place in the branch.
 */
export function registerTrackCommands(program: Command): void {
  program
    .command('track')
    .description(
      'Look up a tracking code (full, or the short code on the slip) in an election record',
    )
    .argument('<code>', 'the tracking code, e.g. DQ61-QQ45-J1D2-4SZV')
    .requiredOption('--record <dir>', 'the election record folder')
    .action(
      action(async (code: string, flags: { record: string }) => {
        const full = /^[0-9a-f]{64}$/.test(code.trim().toLowerCase());
        if (!full && normaliseShortCode(code) === null) return [problem('TRACKING_CODE_FORMAT')];
        const record = await readRecordDir(flags.record);
        if (!record.ok) return [record.error];
        let hit;
        try {
          hit = buildTrackingIndex(record.value).lookup(code);
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          return [problem('RECORD_UNREADABLE', { dir: flags.record, reason })];
        }
        if (hit === null) return [problem('TRACKING_CODE_NOT_FOUND')];
        say(`✔ in the record / در پرونده هست: ${hit.shortCode}`);
        say(`  ${hit.status} / ${STATUS_FA[hit.status]}, branch / شعبه ${hit.branchId}`);
        say(`  full code ${hit.trackingCode}`);
        return undefined;
      }),
    );
}
