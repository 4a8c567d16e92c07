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
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Problem } from '@sandogh/core';
import {
  baseHash,
  createMember,
  manifestHash,
  messageFromSealed,
  parseElement,
  randomScalar,
  sealShare,
  type CryptoManifest,
  type MemberAnnouncement,
} from '@sandogh/crypto';
import { ceremonyKey, ceremonyManifest, commitmentsCheck, complaintJudge } from './board.js';
import { memberCreate, sharesReceive, sharesSend } from './member.js';
import { boardDefinition } from './testRecord.js';

/**
 * The ceremony's refusals, step by step, called in this process (the end-to-end run through
 * child processes is ceremony.test.ts): what a board member sees when a box is bad, a file was
 * swapped, or something is missing. Each refusal is a catalogued problem and changes no file.
 */
const codes = (problems: readonly Problem[] | undefined) => (problems ?? []).map((p) => p.code);

describe('the ceremony steps refuse what they must', () => {
  let dir: string;
  const at = (...parts: string[]) => join(dir, ...parts);
  const members = [1, 2, 3];
  const secret = (i: number) => at(`m${i}`, `member-${i}.sealed`);
  const pass = (i: number) => at(`m${i}`, 'pass.txt');
  const common = { manifest: '' };

  beforeAll(async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    dir = mkdtempSync(join(tmpdir(), 'sandogh-steps-'));
    common.manifest = at('manifest.json');
    writeFileSync(at('election.json'), JSON.stringify(boardDefinition().definition));
    expect(
      ceremonyManifest({ election: at('election.json'), threshold: '2', out: common.manifest }),
    ).toBeUndefined();
    for (const i of members) {
      mkdirSync(at(`m${i}`));
      writeFileSync(pass(i), `passphrase of member ${i}\n`);
      const made = await memberCreate({
        ...common,
        index: String(i),
        outSecret: secret(i),
        outAnnouncement: at('announcements', `ann-${i}.json`),
        outCommitment: at('commitments', `commit-${i}.json`),
        passphraseFile: pass(i),
        kdf: 'test-only',
      });
      expect(made).toBeUndefined();
    }
    expect(commitmentsCheck({ ...common, commitments: at('commitments') })).toBeUndefined();
    for (const i of members) {
      const sent = await sharesSend({
        ...common,
        secret: secret(i),
        announcements: at('announcements'),
        out: at('shares', `from-${i}`),
        passphraseFile: pass(i),
      });
      expect(sent).toBeUndefined();
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns a bad share box into a complaint that convicts its sender, and keeps the secret as it was', async () => {
    const manifest = JSON.parse(readFileSync(common.manifest, 'utf8')) as CryptoManifest;
    const ann3 = JSON.parse(
      readFileSync(at('announcements', 'ann-3.json'), 'utf8'),
    ) as MemberAnnouncement;
    const base = baseHash(manifestHash(manifest), 3, 2);
    const forged = messageFromSealed(
      2,
      3,
      sealShare(base, 2, 3, parseElement(ann3.transportKey), randomScalar()),
    );
    cpSync(at('shares'), at('forged'), { recursive: true });
    writeFileSync(at('forged', 'from-2', 'share-2-to-3.json'), JSON.stringify(forged));
    const before = readFileSync(secret(3), 'utf8');
    const received = await sharesReceive({
      ...common,
      secret: secret(3),
      announcements: at('announcements'),
      shares: at('forged'),
      complaintsOut: at('complaints'),
      passphraseFile: pass(3),
    });
    expect(received).toMatchObject([
      { code: 'CEREMONY_COMPLAINT_FILED', details: { from: 2, to: 3 } },
    ]);
    expect(existsSync(at('complaints', 'complaint-3-against-2.json'))).toBe(true);
    expect(readFileSync(secret(3), 'utf8')).toBe(before);

    const judge = { ...common, announcements: at('announcements'), complaints: at('complaints') };
    expect(codes(complaintJudge({ ...judge, shares: at('forged') }))).toEqual([
      'CEREMONY_SENDER_CONVICTED',
    ]);
    // Against the honest box, the same evidence proves nothing: the complaint is void.
    expect(codes(complaintJudge({ ...judge, shares: at('shares') }))).toEqual([
      'CEREMONY_COMPLAINT_INVALID',
    ]);
    const key = { ...judge, commitments: at('commitments'), out: at('context.json') };
    expect(codes(ceremonyKey({ ...key, shares: at('forged') }))).toEqual([
      'CEREMONY_SENDER_CONVICTED',
    ]);
    expect(existsSync(at('context.json'))).toBe(false);
    expect(ceremonyKey({ ...key, shares: at('shares') })).toBeUndefined();
    expect(JSON.parse(readFileSync(at('context.json'), 'utf8'))).toMatchObject({
      board: { n: 3, k: 2 },
    });
  });

  it('holds the commit round: every member commits, and each reveal is the one committed to (V18)', async () => {
    const check = (commitments: string, announcements?: string) =>
      codes(
        commitmentsCheck({
          ...common,
          commitments,
          ...(announcements === undefined ? {} : { announcements }),
        }),
      );
    expect(check(at('commitments'), at('announcements'))).toEqual([]);
    // Member 3 has not committed yet: nobody reveals.
    mkdirSync(at('two-commitments'));
    for (const i of [1, 2])
      cpSync(at('commitments', `commit-${i}.json`), at('two-commitments', `commit-${i}.json`));
    expect(check(at('two-commitments'))).toEqual(['CEREMONY_COMMITMENTS_INCOMPLETE']);
    // Member 2 reveals an announcement chosen after seeing the others': refused everywhere.
    const manifest = JSON.parse(readFileSync(common.manifest, 'utf8')) as CryptoManifest;
    cpSync(at('announcements'), at('late'), { recursive: true });
    writeFileSync(at('late', 'ann-2.json'), JSON.stringify(createMember(manifest, 2).announcement));
    expect(check(at('commitments'), at('late'))).toEqual(['CEREMONY_REVEAL_MISMATCH']);
    const sent = await sharesSend({
      ...common,
      secret: secret(1),
      announcements: at('late'),
      commitments: at('commitments'),
      out: at('late-shares'),
      passphraseFile: pass(1),
    });
    expect(codes(sent)).toEqual(['CEREMONY_REVEAL_MISMATCH']);
    expect(existsSync(at('late-shares'))).toBe(false);
    expect(
      codes(
        ceremonyKey({
          ...common,
          commitments: at('commitments'),
          announcements: at('late'),
          out: at('late-context.json'),
        }),
      ),
    ).toEqual(['CEREMONY_REVEAL_MISMATCH']);
    expect(existsSync(at('late-context.json'))).toBe(false);
    // Two different commitments for one member, and a commitment from nobody on the board.
    writeFileSync(
      at('two-commitments', 'again-1.json'),
      JSON.stringify(createMember(manifest, 1).commitment),
    );
    writeFileSync(
      at('two-commitments', 'commit-9.json'),
      JSON.stringify({ index: 9, digest: 'ab'.repeat(32) }),
    );
    expect(check(at('two-commitments'))).toEqual([
      'CEREMONY_MEMBER_INDEX',
      'CEREMONY_COMMITMENT_DUPLICATE',
      'CEREMONY_COMMITMENTS_INCOMPLETE',
    ]);
    writeFileSync(at('bad-commitment.json'), JSON.stringify({ index: 1, digest: 'XY' }));
    expect(check(at('bad-commitment.json'))).toEqual(['INPUT_BAD_FORMAT']);
  });

  it('keeps the key share once received; a second run changes nothing', async () => {
    const flags = {
      ...common,
      secret: secret(1),
      announcements: at('announcements'),
      shares: at('shares'),
      passphraseFile: pass(1),
    };
    expect(await sharesReceive(flags)).toBeUndefined();
    const sealed = readFileSync(secret(1), 'utf8');
    expect(await sharesReceive(flags)).toBeUndefined();
    expect(readFileSync(secret(1), 'utf8')).toBe(sealed);
  });

  it('refuses a swapped announcement of the member themself, and incomplete or conflicting ones', async () => {
    const send = (announcements: string) =>
      sharesSend({
        ...common,
        secret: secret(1),
        announcements,
        out: at('unused'),
        passphraseFile: pass(1),
      });
    cpSync(at('announcements'), at('swapped'), { recursive: true });
    writeFileSync(
      at('swapped', 'ann-1.json'),
      JSON.stringify(
        createMember(JSON.parse(readFileSync(common.manifest, 'utf8')) as CryptoManifest, 1)
          .announcement,
      ),
    );
    expect(codes(await send(at('swapped')))).toEqual(['CEREMONY_OWN_ANNOUNCEMENT_MISMATCH']);
    cpSync(at('announcements', 'ann-1.json'), at('swapped', 'copy-of-1.json'));
    expect(codes(await send(at('swapped')))).toEqual(['CEREMONY_ANNOUNCEMENT_DUPLICATE']);
    mkdirSync(at('two'));
    cpSync(at('announcements', 'ann-1.json'), at('two', 'ann-1.json'));
    cpSync(at('announcements', 'ann-2.json'), at('two', 'ann-2.json'));
    expect((await send(at('two')))?.[0]).toMatchObject({
      code: 'CEREMONY_ANNOUNCEMENTS_INCOMPLETE',
      details: { missing: '3' },
    });
    writeFileSync(at('two', 'ann-3.json'), JSON.stringify({ index: 3, commitments: ['zz'] }));
    const malformed = await send(at('two'));
    expect(malformed?.[0]?.path?.[0]).toBe('ann-3.json');
    // The HQ's own answer, saved as one file, is read as well as one file per member.
    const all = [1, 2, 3].map(
      (i) => JSON.parse(readFileSync(at('announcements', `ann-${i}.json`), 'utf8')) as unknown,
    );
    mkdirSync(at('from-hq'));
    writeFileSync(at('from-hq', 'announcements.json'), JSON.stringify({ announcements: all }));
    expect(await send(at('from-hq'))).toBeUndefined();
    expect(existsSync(at('unused', 'share-1-to-2.json'))).toBe(true);
  });

  it("refuses a weak passphrase, an existing secret file, and another election's secret", async () => {
    writeFileSync(at('weak.txt'), 'short');
    const create = (extra: object) =>
      memberCreate({
        ...common,
        index: '1',
        outSecret: at('new.sealed'),
        outAnnouncement: at('new.json'),
        kdf: 'test-only',
        ...extra,
      });
    expect(codes(await create({ passphraseFile: at('weak.txt') }))).toEqual([
      'CEREMONY_PASSPHRASE_WEAK',
    ]);
    expect(existsSync(at('new.sealed'))).toBe(false);
    expect(codes(await create({ outSecret: secret(1), passphraseFile: pass(1) }))).toEqual([
      'FILE_EXISTS',
    ]);
    expect(codes(await create({ index: '4', passphraseFile: pass(1) }))).toEqual([
      'CEREMONY_MEMBER_INDEX',
    ]);
    expect(
      ceremonyManifest({ election: at('election.json'), threshold: '3', out: at('other.json') }),
    ).toBeUndefined();
    const other = await sharesSend({
      ...common,
      manifest: at('other.json'),
      secret: secret(1),
      announcements: at('announcements'),
      out: at('x'),
      passphraseFile: pass(1),
    });
    expect(codes(other)).toEqual(['CEREMONY_WRONG_ELECTION']);
    const locked = await sharesSend({
      ...common,
      secret: secret(2),
      announcements: at('announcements'),
      out: at('y'),
      passphraseFile: pass(1),
    });
    expect(codes(locked)).toEqual(['CEREMONY_SECRET_LOCKED']);
    writeFileSync(at('not-a-secret.sealed'), JSON.stringify({ format: 'x' }));
    const notSecret = await sharesSend({
      ...common,
      secret: at('not-a-secret.sealed'),
      announcements: at('announcements'),
      out: at('z'),
      passphraseFile: pass(1),
    });
    expect(codes(notSecret)).toEqual(['CEREMONY_SECRET_INVALID']);
    // A header changed by hand: refused before any work, or by the AEAD tag, never a crash.
    const real = JSON.parse(readFileSync(secret(1), 'utf8')) as { kdf: object; index: number };
    const tamper = async (changed: object) => {
      writeFileSync(at('tampered.sealed'), JSON.stringify({ ...real, ...changed }));
      return codes(
        await sharesSend({
          ...common,
          secret: at('tampered.sealed'),
          announcements: at('announcements'),
          out: at('t'),
          passphraseFile: pass(1),
        }),
      );
    };
    expect(await tamper({ kdf: { ...real.kdf, memlimit: 1 } })).toEqual([
      'CEREMONY_SECRET_INVALID',
    ]);
    expect(await tamper({ kdf: { ...real.kdf, salt: 'AAAA' } })).toEqual([
      'CEREMONY_SECRET_INVALID',
    ]);
    expect(await tamper({ index: 2 })).toEqual(['CEREMONY_SECRET_LOCKED']);
  });

  it('refuses a board the definition does not have', () => {
    const out = at('bad-manifest.json');
    expect(
      codes(ceremonyManifest({ election: at('election.json'), threshold: '2', members: '4', out })),
    ).toEqual(['CEREMONY_BOARD_SIZE']);
    expect(codes(ceremonyManifest({ election: at('election.json'), threshold: '4', out }))).toEqual(
      ['CEREMONY_BOARD_INVALID'],
    );
    expect(codes(ceremonyManifest({ election: at('election.json'), threshold: '0', out }))).toEqual(
      ['INPUT_TOO_SMALL'],
    );
    expect(
      ceremonyManifest({
        election: at('election.json'),
        threshold: '2',
        boardMembers: 'SB-1,SB-3',
        out,
      }),
    ).toBeUndefined();
    expect((JSON.parse(readFileSync(out, 'utf8')) as CryptoManifest).board).toEqual({ n: 2, k: 2 });
    expect(codes(ceremonyManifest({ election: at('election.json'), threshold: '2', out }))).toEqual(
      ['FILE_EXISTS'],
    );
  });
});
