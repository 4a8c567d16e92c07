import { createWriteStream, existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { isEd25519PublicKeyBase64, problem, shortHash, type Problem } from '@sandogh/core';
import {
  currentElection,
  defaultHqKeyFile,
  NIST_FORMATS,
  nistEventLogChunks,
  nistEventLogDocumentation,
  readHqKeyFile,
  verifyAuditLog,
  type AuditLogVerified,
  type NistFormat,
} from '@sandogh/store';
import { action } from '../program.js';
import { progressBar, say } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';
import { readWitnessFile, updateWitness } from './auditWitness.js';

interface VerifyFlags {
  database: string;
  hqPublicKey: string[];
  hqKeyFile?: string;
  witness?: string;
}

interface ExportFlags {
  database: string;
  format: NistFormat;
  out?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * The HQ public keys to pin: those given, else the public half of the HQ key file (given, or
 * where HQ keeps it for this store). None found: checkpoints are checked against the keys
 * they carry, and the output says that this proves less.
 */
function trustedKeys(flags: VerifyFlags): { keys: string[] | undefined; problems: Problem[] } {
  const bad = flags.hqPublicKey.filter((k) => !isEd25519PublicKeyBase64(k));
  if (bad.length > 0)
    return {
      keys: undefined,
      problems: bad.map((key) => problem('AUDIT_PUBLIC_KEY_INVALID', { key })),
    };
  if (flags.hqPublicKey.length > 0) return { keys: flags.hqPublicKey, problems: [] };
  const file = flags.hqKeyFile ?? defaultHqKeyFile(flags.database);
  if (file === undefined || (flags.hqKeyFile === undefined && !existsSync(file)))
    return { keys: undefined, problems: [] };
  const key = readHqKeyFile(file);
  return key.ok
    ? { keys: [key.value.publicKey], problems: [] }
    : { keys: undefined, problems: [key.error] };
}

function report(value: AuditLogVerified): void {
  say(
    `✔ audit log intact: ${value.entries} entries, ${value.checkpoints} signed checkpoints; head #${value.head.sequence} ${shortHash(value.head.entryHash)}`,
  );
  const cp = value.lastCheckpoint;
  if (cp === undefined) say('  no checkpoint yet: nothing is signed');
  else
    say(
      `  last checkpoint #${cp.sequence} (${cp.reason}, ${cp.signedAt}); ${value.unsignedEntries} entries after it not yet signed`,
    );
  say(
    value.keysPinned
      ? `  checkpoints signed by trusted HQ key(s): ${value.keyIds.join(', ') || '—'}`
      : `  ⚠ HQ key not pinned: checkpoints checked against the keys they carry (give --hq-public-key or --hq-key-file)`,
  );
}

/** `sandogh audit verify|export|witness` (issue 3, law 6; docs/AUDIT.md "How to verify"). */
export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('The hash-chained audit log: verify it, export it (NIST SP 1500-101)');

  databaseOption(
    audit
      .command('verify')
      .description('Prove the audit log intact, or name its first bad entry (exit 1)')
      .option('--hq-public-key <base64>', 'trusted HQ public key (repeatable)', collect, [])
      .option(
        '--hq-key-file <file>',
        "HQ key file whose public half to trust (default: the store's)",
      )
      .option(
        '--witness <file>',
        'checkpoints kept outside HQ (sandogh audit witness): the log must still match them',
      ),
  ).action(
    action(async (flags: VerifyFlags) => {
      const trusted = trustedKeys(flags);
      if (trusted.problems.length > 0) return trusted.problems;
      const witnessed = flags.witness === undefined ? undefined : readWitnessFile(flags.witness);
      if (witnessed !== undefined && !witnessed.ok) return [witnessed.error];
      const verified = await withStore(flags.database, async (store) => {
        let bar: ReturnType<typeof progressBar> | undefined;
        const result = await verifyAuditLog(store, {
          ...(trusted.keys === undefined ? {} : { hqPublicKeys: trusted.keys }),
          ...(witnessed === undefined ? {} : { witnessed: witnessed.value }),
          onProgress: (checked, total) => {
            if (total < 200_000) return;
            bar ??= progressBar('verifying', total);
            bar.update(checked);
          },
        });
        bar?.stop();
        return result;
      });
      if (verified.ok) {
        report(verified.value);
        if (witnessed !== undefined)
          say(`  matches the ${witnessed.value.length} checkpoints kept in ${flags.witness ?? ''}`);
        return undefined;
      }
      const { sequence, kind, checked } = verified.error;
      process.stderr.write(
        `✘ audit log broken: first bad entry #${sequence} (${kind}); ${checked} entries before it verified\n`,
      );
      return [verified.error.problem];
    }),
  );

  databaseOption(
    audit
      .command('export')
      .description('Write the whole log as NIST SP 1500-101 JSON (or its event documentation)')
      .addOption(
        new Option('--format <format>', 'what to write')
          .choices(NIST_FORMATS)
          .default('nist-1500-101'),
      )
      .option('-o, --out <file>', 'write to this file instead of standard output'),
  ).action(
    action(async (flags: ExportFlags) => {
      await withStore(flags.database, async (store) => {
        const chunks =
          flags.format === 'nist-1500-101-documentation'
            ? [`${JSON.stringify(nistEventLogDocumentation())}\n`]
            : nistEventLogChunks(store, {
                ...(await currentElection(store).then((e) =>
                  e === undefined ? {} : { electionId: e.id },
                )),
              });
        await pipeline(
          Readable.from(chunks),
          flags.out === undefined ? process.stdout : createWriteStream(flags.out),
          { end: flags.out !== undefined },
        );
      });
      return undefined;
    }),
  );

  audit
    .command('witness')
    .description(
      "Keep a copy of the HQ's published checkpoints (an observer's witness file); adds new ones",
    )
    .requiredOption('--hq <url>', 'the HQ address, e.g. https://hq.example:8443')
    .requiredOption('-o, --out <file>', 'the witness file to create or update')
    .action(
      action(async (flags: { hq: string; out: string }) => {
        const updated = await updateWitness(flags.hq, flags.out);
        if (!updated.ok) return [updated.error];
        const { added, total, changed } = updated.value;
        say(`✔ ${flags.out}: ${total} checkpoints kept, ${added} new`);
        if (changed.length > 0) {
          process.stderr.write(
            `✘ the HQ now shows different checkpoints at #${changed.join(', #')} than it published before\n`,
          );
          return [problem('AUDIT_WITNESS_MISMATCH', { sequence: changed[0] ?? 0, signedAt: '—' })];
        }
        return undefined;
      }),
    );
}
