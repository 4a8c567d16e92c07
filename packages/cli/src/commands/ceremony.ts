import { Option, type Command } from 'commander';
import { action } from '../program.js';
import {
  ceremonyKey,
  ceremonyManifest,
  commitmentsCheck,
  complaintJudge,
} from '../ceremony/board.js';
import { memberCreate, sharesReceive, sharesSend } from '../ceremony/member.js';
import { boardCombine, memberDecrypt } from '../ceremony/decrypt.js';
import { PASSPHRASE_ENV } from '../ceremony/passphrase.js';

const passphraseHelp = `file holding the passphrase (else env ${PASSPHRASE_ENV}, else asked at the terminal, never echoed)`;

/**
 * `sandogh ceremony …`: the supervisory board's key ceremony (issue 6, docs/CEREMONY.md), one
 * command per step, each member on their own machine, the public files carried between them
 * (or through the HQ's /api/v1/ceremony routes). The cryptography is @sandogh/crypto's.
 */
export function registerCeremonyCommands(program: Command): void {
  const ceremony = program
    .command('ceremony')
    .description("The supervisory board's key ceremony (مراسم تولید کلید), one step per command");

  ceremony
    .command('manifest')
    .description('Derive the crypto manifest from the election definition (before the ceremony)')
    .requiredOption('--election <file>', 'the election definition (election.json)')
    .requiredOption('-k, --threshold <k>', 'members needed to decrypt (any k of n)')
    .option('-n, --members <n>', 'board size; default: the supervisory board the definition lists')
    .option(
      '--board-members <ids>',
      'comma-separated staff ids, in member order (a rerun without someone)',
    )
    .option('-o, --out <file>', 'where to write the manifest', 'manifest.json')
    .option('-f, --force', 'overwrite an existing file')
    .action(
      action((flags: Parameters<typeof ceremonyManifest>[0]) =>
        Promise.resolve(ceremonyManifest(flags)),
      ),
    );

  const member = ceremony.command('member').description("A board member's own key material");
  member
    .command('create')
    .description(
      'Step 1: make your secret (sealed under your passphrase), your announcement and your commitment to it',
    )
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption('-i, --index <i>', 'your member number, 1..n')
    .option(
      '--out-secret <file>',
      'your sealed secret (default member-<i>.sealed); never leaves this machine',
    )
    .option(
      '--out-announcement <file>',
      "your announcement (default ann-<i>.json); give it out only once every member's commitment is in",
    )
    .option(
      '--out-commitment <file>',
      'your commitment to the announcement (default commit-<i>.json); give it to everyone first',
    )
    .option('--passphrase-file <file>', passphraseHelp)
    .addOption(
      new Option('--kdf <level>', 'passphrase stretching (test-only is weak: for tests only)')
        .choices(['moderate', 'test-only'])
        .default('moderate'),
    )
    .option('-f, --force', 'overwrite existing files (destroys the old secret)')
    .action(action(memberCreate));

  ceremony
    .command('commitments')
    .description('The commit round, before the announcements are revealed')
    .command('check')
    .description(
      'Check that every member has committed (then reveal); with --announcements, that each reveal is the one committed to',
    )
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption('--commitments <dir>', "folder with every member's commitment")
    .option('--announcements <dir>', 'the revealed announcements, to check against the commitments')
    .action(
      action((flags: Parameters<typeof commitmentsCheck>[0]) =>
        Promise.resolve(commitmentsCheck(flags)),
      ),
    );

  const shares = ceremony.command('shares').description('The sealed shares between members');
  shares
    .command('send')
    .description("Step 2: check everyone's announcement, then seal a share for each other member")
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption('--secret <file>', 'your sealed secret')
    .requiredOption('--announcements <dir>', "folder with every member's announcement")
    .option(
      '--commitments <dir>',
      "folder with every member's commitment: refuse an announcement that is not the one committed to",
    )
    .option('-o, --out <dir>', 'where to write the boxes (default shares-from-<i>/)')
    .option('--passphrase-file <file>', passphraseHelp)
    .option('-f, --force', 'write into a folder that already has files')
    .action(action(sharesSend));
  shares
    .command('receive')
    .description(
      'Step 3: open and check the boxes addressed to you; keep your key share, or complain',
    )
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption('--secret <file>', 'your sealed secret (updated in place with your key share)')
    .requiredOption('--announcements <dir>', "folder with every member's announcement")
    .requiredOption(
      '--shares <dir>',
      'folder with the boxes you received (sub-folders are read too)',
    )
    .option('--complaints-out <dir>', 'where a complaint is written if a box is bad', 'complaints')
    .option('--passphrase-file <file>', passphraseHelp)
    .action(action(sharesReceive));

  ceremony
    .command('complaint')
    .description('Complaints against share boxes')
    .command('judge')
    .description('Judge complaints on their public evidence: who is at fault')
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption('--announcements <dir>', "folder with every member's announcement")
    .requiredOption('--shares <dir>', 'folder with the share boxes complained about')
    .requiredOption('--complaints <path>', 'a complaint file or a folder of them')
    .action(
      action((flags: Parameters<typeof complaintJudge>[0]) =>
        Promise.resolve(complaintJudge(flags)),
      ),
    );

  ceremony
    .command('decrypt')
    .description(
      'After the count: recompute the totals from the published record and decrypt them partially, with proofs',
    )
    .requiredOption('--record <dir>', 'the election record as published before the result')
    .requiredOption('--secret <file>', 'your sealed secret, with your key share')
    .option('-o, --out <file>', 'your partial decryption (default partial-<i>.json)')
    .option('--passphrase-file <file>', passphraseHelp)
    .option('-f, --force', 'overwrite an existing file')
    .action(action(memberDecrypt));

  ceremony
    .command('combine')
    .description(
      "Combine k or more members' partial decryptions into the result, written into the record",
    )
    .requiredOption('--record <dir>', 'the election record as published before the result')
    .requiredOption('--partials <dir>', "folder with the members' partial decryptions")
    .option('-f, --force', 'replace a result already in the record')
    .action(action(boardCombine));

  ceremony
    .command('key')
    .description('Step 4: publish the joint election key and the election context')
    .requiredOption('--manifest <file>', 'the crypto manifest')
    .requiredOption(
      '--commitments <dir>',
      "folder with every member's commitment (the commit round)",
    )
    .requiredOption('--announcements <dir>', "folder with every member's announcement")
    .option('--shares <dir>', 'check that every member sent every other member a box')
    .option('--complaints <path>', 'refuse if any complaint convicts a member')
    .option('-o, --out <file>', 'the election context for the voting devices', 'context.json')
    .option('--transcript <dir>', "also write the record's ceremony/ files there")
    .option('-f, --force', 'overwrite existing files')
    .action(
      action((flags: Parameters<typeof ceremonyKey>[0]) => Promise.resolve(ceremonyKey(flags))),
    );
}
