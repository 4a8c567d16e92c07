import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDefinition, buildTestRecord } from './ceremony/testRecord.js';

const main = new URL('./main.ts', import.meta.url).pathname;
/** tsx by absolute address: the commands run from temporary folders outside the workspace. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

const passphrases = ['correct horse battery one', 'correct horse battery two', 'تاس اسب درست سه'];
const everything: Ran[] = [];

/** Runs the real `sandogh` in a child process, as a board member would on their own machine. */
async function sandogh(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const inherited = { ...process.env };
  delete inherited['SANDOGH_PASSPHRASE'];
  let out: Ran;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, main, ...args], {
      cwd,
      env: { ...inherited, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    out = { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as Ran;
    out = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
  everything.push(out);
  return out;
}

describe(
  'the key ceremony, the verifier and the tracking lookup through the CLI',
  { timeout: 120_000 },
  () => {
    let dir: string;
    const { definition, keys } = boardDefinition();
    const hq = () => join(dir, 'hq');
    const member = (i: number) => join(dir, `member-${i}`);
    const members = [1, 2, 3];

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sandogh-ceremony-'));
      mkdirSync(hq());
      writeFileSync(join(hq(), 'election.json'), JSON.stringify(definition));
      for (const i of members) {
        mkdirSync(member(i));
        writeFileSync(join(member(i), 'passphrase.txt'), `${passphrases[i - 1] ?? ''}\n`);
      }
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const secretArgs = (i: number) => [
      '--manifest',
      'manifest.json',
      '--secret',
      `member-${i}.sealed`,
      '--announcements',
      'announcements',
      '--passphrase-file',
      'passphrase.txt',
    ];

    it('runs the ceremony: three members, threshold two, each in their own folder, files carried between them', async () => {
      const made = await sandogh(
        [
          'ceremony',
          'manifest',
          '--election',
          'election.json',
          '--threshold',
          '2',
          '-o',
          'manifest.json',
        ],
        hq(),
      );
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain('3 members, any 2 of them decrypt');
      for (const i of members)
        cpSync(join(hq(), 'manifest.json'), join(member(i), 'manifest.json'));

      // Step 1, each member on their own machine (here: at once, as they would be).
      const created = await Promise.all(
        members.map((i) =>
          sandogh(
            [
              'ceremony',
              'member',
              'create',
              '--manifest',
              'manifest.json',
              '--index',
              String(i),
              '--passphrase-file',
              'passphrase.txt',
              '--kdf',
              'test-only',
            ],
            member(i),
          ),
        ),
      );
      for (const c of created) expect(c.code, c.stderr).toBe(0);
      // Step 0, the commit round: every commitment is carried to everyone first…
      for (const i of members)
        for (const j of members)
          cpSync(
            join(member(j), `commit-${j}.json`),
            join(member(i), 'commitments', `commit-${j}.json`),
          );
      const committed = await sandogh(
        [
          'ceremony',
          'commitments',
          'check',
          '--manifest',
          'manifest.json',
          '--commitments',
          'commitments',
        ],
        member(1),
      );
      expect(committed.code, committed.stderr).toBe(0);
      expect(committed.stdout).toContain('all 3 members have committed');
      // …and only then the announcements, each checked against its commitment.
      for (const i of members)
        for (const j of members)
          cpSync(
            join(member(j), `ann-${j}.json`),
            join(member(i), 'announcements', `ann-${j}.json`),
          );
      const revealed = await sandogh(
        [
          'ceremony',
          'commitments',
          'check',
          '--manifest',
          'manifest.json',
          '--commitments',
          'commitments',
          '--announcements',
          'announcements',
        ],
        member(2),
      );
      expect(revealed.code, revealed.stderr).toBe(0);

      // Step 2: everyone checks the announcements and seals a share for each other member.
      const sent = await Promise.all(
        members.map((i) => sandogh(['ceremony', 'shares', 'send', ...secretArgs(i)], member(i))),
      );
      for (const s of sent) expect(s.code, s.stderr).toBe(0);
      for (const from of members)
        for (const to of members.filter((t) => t !== from))
          cpSync(
            join(member(from), `shares-from-${from}`, `share-${from}-to-${to}.json`),
            join(member(to), 'shares', `share-${from}-to-${to}.json`),
          );

      // Step 3 with the honest boxes: every member keeps a key share.
      const received = await Promise.all(
        members.map((i) =>
          sandogh(
            ['ceremony', 'shares', 'receive', ...secretArgs(i), '--shares', 'shares'],
            member(i),
          ),
        ),
      );
      for (const r of received) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/public share key S_\d = [0-9a-f]{64}/);
      }

      // Step 4, at the HQ: every public file gathered, the joint key published.
      for (const i of members) {
        cpSync(join(member(i), `commit-${i}.json`), join(hq(), 'commitments', `commit-${i}.json`));
        cpSync(join(member(i), `ann-${i}.json`), join(hq(), 'announcements', `ann-${i}.json`));
        cpSync(join(member(i), `shares-from-${i}`), join(hq(), 'shares', `from-${i}`), {
          recursive: true,
        });
      }
      const key = await sandogh(
        [
          'ceremony',
          'key',
          '--manifest',
          'manifest.json',
          '--commitments',
          'commitments',
          '--announcements',
          'announcements',
          '--shares',
          'shares',
          '-o',
          'context.json',
          '--transcript',
          'ceremony',
        ],
        hq(),
      );
      expect(key.code, key.stderr).toBe(0);
      expect(key.stdout).toMatch(/joint election key K +[0-9a-f]{64}/);
    });

    // Once the ceremony is done, these run side by side, as separate machines would.
    describe.concurrent('with the ceremony done', () => {
      it('refuses a wrong or missing passphrase clearly, and never shows one', async () => {
        writeFileSync(join(member(1), 'wrong.txt'), 'not the passphrase at all');
        const args = [
          'ceremony',
          'shares',
          'send',
          ...secretArgs(1).slice(0, -1),
          'wrong.txt',
          '-o',
          'again',
        ];
        const [wrong, none] = await Promise.all([
          sandogh(args, member(1)),
          sandogh(
            ['ceremony', 'shares', 'send', ...secretArgs(1).slice(0, -2), '-o', 'again'],
            member(1),
          ),
        ]);
        expect(none.code).toBe(1);
        expect(none.stderr).toContain('CEREMONY_PASSPHRASE_REQUIRED');
        expect(wrong.code).toBe(1);
        expect(wrong.stderr).toContain('CEREMONY_SECRET_LOCKED');
        expect(wrong.stderr).toMatch(/fa: .*[\u0600-\u06FF]/);
        for (const r of everything)
          for (const p of [...passphrases, 'not the passphrase at all'])
            expect(r.stdout + r.stderr).not.toContain(p);
      });

      it('decrypts as the board does: each member recomputes the totals and decrypts them; any two combine; the verifier passes', async () => {
        const record = join(dir, 'record-to-decrypt');
        const built = await buildTestRecord({
          hqDir: hq(),
          memberDirs: members.map(member),
          passphrases,
          keys,
          out: record,
          withResult: false,
        });
        const decrypt = (i: number) =>
          sandogh(
            [
              'ceremony',
              'decrypt',
              '--record',
              record,
              '--secret',
              `member-${i}.sealed`,
              '--passphrase-file',
              'passphrase.txt',
              '-o',
              join(dir, 'partials', `partial-${i}.json`),
            ],
            member(i),
          );
        mkdirSync(join(dir, 'partials'));
        const [one, three] = await Promise.all([decrypt(1), decrypt(3)]);
        expect(one.code, one.stderr).toBe(0);
        expect(three.code, three.stderr).toBe(0);
        // One partial is not enough for a threshold of two.
        mkdirSync(join(dir, 'one-partial'));
        cpSync(join(dir, 'partials', 'partial-1.json'), join(dir, 'one-partial', 'p1.json'));
        const short = await sandogh(
          ['ceremony', 'combine', '--record', record, '--partials', join(dir, 'one-partial')],
          dir,
        );
        expect(short.code).toBe(1);
        expect(short.stderr).toContain('DECRYPT_NOT_ENOUGH');
        const combined = await sandogh(
          ['ceremony', 'combine', '--record', record, '--partials', join(dir, 'partials')],
          dir,
        );
        expect(combined.code, combined.stderr).toBe(0);
        expect(combined.stdout).toContain('members 1, 3 decrypted');
        const verified = await sandogh(['verify', record], dir);
        expect(verified.code, verified.stdout + verified.stderr).toBe(0);
        const result = JSON.parse(readFileSync(join(record, 'result.json'), 'utf8')) as {
          counts: number[];
        };
        expect(result.counts).toEqual(built.expected);
        const branchesFile = join(record, 'decryption', 'branches.json');
        const perBranch = JSON.parse(readFileSync(branchesFile, 'utf8')) as {
          branchId: string;
          counts: number[];
        }[];
        expect(perBranch.map((b) => [b.branchId, b.counts])).toEqual([
          ['0001', [1, 1, 1, 0]],
          ['0002', [1, 0, 0, 2]],
        ]);
        // Votes moved between branches keep the constituency's sums but not the decryption (V17).
        const moved = join(dir, 'record-moved');
        cpSync(record, moved, { recursive: true });
        const [first, second] = perBranch;
        if (first === undefined || second === undefined) throw new Error('fixture');
        first.counts = [0, 1, 1, 0];
        second.counts = [2, 0, 0, 2];
        writeFileSync(join(moved, 'decryption', 'branches.json'), JSON.stringify(perBranch));
        const caught = await sandogh(['verify', moved, '--workers', '0'], dir);
        expect(caught.code).toBe(1);
        expect(caught.stdout + caught.stderr).toMatch(/V16.*0001: candidate/s);

        // A record whose branch report no longer matches its ballots is not decrypted at all.
        const tampered = join(dir, 'record-tampered');
        cpSync(record, tampered, { recursive: true });
        rmSync(join(tampered, 'result.json'));
        const reportFile = join(tampered, 'branches', '0002', 'report.json');
        const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
          tally: { ballotCount: number };
        };
        report.tally.ballotCount += 1;
        writeFileSync(reportFile, JSON.stringify(report));
        const refused = await sandogh(
          [
            'ceremony',
            'decrypt',
            '--record',
            tampered,
            '--secret',
            'member-2.sealed',
            '--passphrase-file',
            'passphrase.txt',
            '-o',
            'p2.json',
          ],
          member(2),
        );
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('DECRYPT_TOTALS_REFUSED');
        expect(existsSync(join(member(2), 'p2.json'))).toBe(false);
      });

      it('verifies a record made with the ceremony’s key (exit 0), and names the check a changed ballot fails (exit 1)', async () => {
        const record = join(dir, 'record');
        const built = await buildTestRecord({
          hqDir: hq(),
          memberDirs: members.map(member),
          passphrases,
          keys,
          out: record,
        });
        expect(built.counts).toEqual(built.expected);
        const bad = join(dir, 'record-bad');
        cpSync(record, bad, { recursive: true });
        const castFile = join(bad, 'branches', '0001', 'cast.json');
        const ballots = JSON.parse(readFileSync(castFile, 'utf8')) as {
          selections: { alpha: string }[];
        }[];
        const first = ballots[0]?.selections;
        if (first?.[0] === undefined || first[1] === undefined) throw new Error('fixture ballot');
        [first[0].alpha, first[1].alpha] = [first[1].alpha, first[0].alpha];
        writeFileSync(castFile, JSON.stringify(ballots));

        // The record on every core, the tampered one, and a voter's slip: found with its branch;
        // a random code is not.
        const [ok, failed, found, random, garbage] = await Promise.all([
          sandogh(['verify', record], dir),
          sandogh(['verify', bad, '--workers', '0'], dir),
          sandogh(['track', built.shortCode.toLowerCase(), '--record', record], dir),
          sandogh(['track', 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', '--record', record], dir),
          sandogh(['track', 'hello', '--record', record], dir),
        ]);
        expect(ok.code, ok.stderr + ok.stdout).toBe(0);
        expect(ok.stdout).toContain('✔ RECORD VERIFIED');
        for (const id of ['V1', 'V3', 'V7', 'V12', 'V16'])
          expect(ok.stdout).toMatch(new RegExp(`✔ ${id} `));
        expect(ok.stdout).toMatch(/[\u0600-\u06FF]/);
        expect(failed.code).toBe(1);
        expect(failed.stdout).toMatch(/✘ V7 /);
        expect(failed.stderr).toContain('RECORD_VERIFICATION_FAILED');
        expect(failed.stderr).toMatch(/V7/);
        expect(found.code, found.stderr).toBe(0);
        expect(found.stdout).toContain(`branch / شعبه ${built.branchId}`);
        expect(found.stdout).toContain('cast');
        expect(random.code).toBe(1);
        expect(random.stderr).toContain('TRACKING_CODE_NOT_FOUND');
        expect(garbage.stderr).toContain('TRACKING_CODE_FORMAT');
      });
    });
  },
);
