import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectionDefinition } from '@sandogh/core';
import {
  createMember,
  receiveShares,
  sealMemberSecret,
  sendShares,
  ARGON2ID_TEST_ONLY,
  type AnnouncementCommitment,
  type CryptoManifest,
  type ElectionContextJson,
  type MemberAnnouncement,
  type ShareMessage,
} from '@sandogh/crypto';
import { boardMembersOf, cryptoManifestFromDefinition } from '@sandogh/hq';
import {
  findAccount,
  hashPassword,
  issueAccount,
  newOneTimePassword,
  newTotpSecret,
  ONE_TIME_PASSWORD_PARAMS,
  resetCredentials,
  type Store,
} from '@sandogh/store';
import { DemoStepError, type HqApi } from './hqApi.js';
import { problem } from '@sandogh/core';

/**
 * The key ceremony among the demo's supervisory board (docs/CEREMONY.md), through the HQ's
 * ceremony routes as each member's own session: HQ staff open it with the manifest the
 * definition gives; each member announces, sends a sealed share box to every other member,
 * opens the boxes addressed to them and keeps their key share sealed under a passphrase. In a
 * real election each member does this on their own machine (`sandogh ceremony …`); the demo
 * plays all of them in one process, and keeps the sealed secrets and passphrases in its
 * folder so the board can decrypt after the count.
 */
export const DEMO_THRESHOLD = 3;

export interface BoardMember {
  readonly index: number;
  readonly staffId: string;
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly passphrase: string;
  /** The member's sealed secret file, holding the key share after the ceremony. */
  readonly secretFile: string;
}

/** Accounts for every supervisory-board member of the definition, with their staff ids. */
export async function ensureBoardAccounts(
  store: Store,
  definition: ElectionDefinition,
  dir: string,
  nowMs: number,
): Promise<BoardMember[]> {
  const file = join(dir, 'board.json');
  const known = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { members: BoardMember[] }).members
    : [];
  const members = boardMembersOf(definition).map((staffId, i): BoardMember => {
    const found = known.find((m) => m.staffId === staffId);
    return (
      found ?? {
        index: i + 1,
        staffId,
        username: `demo-board-${i + 1}`,
        password: newOneTimePassword(),
        totpSecret: newTotpSecret(),
        passphrase: newOneTimePassword() + newOneTimePassword(),
        secretFile: join(dir, `member-${i + 1}.sealed`),
      }
    );
  });
  writeFileSync(
    file,
    `${JSON.stringify({ warning: 'Demo board of a demo election only.', members }, null, 1)}\n`,
    { mode: 0o600 },
  );
  const staff = new Map(definition.staff.map((s) => [s.id, s]));
  for (const m of members) {
    const stored = await findAccount(store.db, { username: m.username });
    if (stored === undefined) {
      const person = staff.get(m.staffId);
      const made = await issueAccount(
        store,
        {
          username: m.username,
          name: person?.name ?? { fa: `عضو ${m.index} هیات نظارت`, en: `Board member ${m.index}` },
          role: 'supervisory-board',
          scope: { kind: 'constituency' },
          electionId: definition.election.id,
          staffId: m.staffId,
        },
        {
          nowMs,
          password: m.password,
          totpSecret: m.totpSecret,
          params: ONE_TIME_PASSWORD_PARAMS,
        },
      );
      if (!made.ok) throw new DemoStepError(made.error);
    } else {
      const reset = await resetCredentials(store, m.username, {
        passwordHash: await hashPassword(m.password, ONE_TIME_PASSWORD_PARAMS),
        totpSecret: m.totpSecret,
        mustChange: false,
      });
      if (!reset.ok) throw new DemoStepError(reset.error);
    }
  }
  return members;
}

export interface CeremonyOutcome {
  readonly manifest: CryptoManifest;
  /** Each member's commitment to their announcement (CRYPTO.md §8.2 step 0, check V18). */
  readonly commitments: readonly AnnouncementCommitment[];
  readonly context: ElectionContextJson;
}

/** The whole ceremony through the HQ; answers the manifest and the joint context. */
export async function runBoardCeremony(
  api: HqApi,
  definition: ElectionDefinition,
  hqToken: string,
  members: readonly BoardMember[],
): Promise<CeremonyOutcome> {
  const manifest = cryptoManifestFromDefinition(definition, { k: DEMO_THRESHOLD });
  if (!manifest.ok)
    throw new DemoStepError(
      manifest.error[0] ?? problem('DEMO_ELECTION_FAILED', { step: 'manifest', reason: '?' }),
    );
  await api.must('open the ceremony', 'PUT', '/ceremony/manifest', manifest.value, hqToken);
  const tokens: string[] = [];
  for (const m of members) tokens.push(await api.login(m.username, m.password, m.totpSecret));
  const made = members.map((m) => createMember(manifest.value, m.index));
  for (const [i, mine] of made.entries())
    await api.must('commit', 'POST', '/ceremony/commitments', mine.commitment, tokens[i]);
  for (const [i, mine] of made.entries())
    await api.must('announce', 'POST', '/ceremony/announcements', mine.announcement, tokens[i]);
  const { announcements } = (await api.must(
    'read announcements',
    'GET',
    '/ceremony/announcements',
    undefined,
    hqToken,
  )) as { announcements: MemberAnnouncement[] };
  for (const [i, mine] of made.entries())
    for (const box of sendShares(manifest.value, mine.secret, announcements))
      await api.must('send a share box', 'POST', '/ceremony/shares', box, tokens[i]);
  for (const [i, mine] of made.entries()) {
    const member = members[i];
    if (member === undefined) continue;
    const { shares } = (await api.must(
      'read share boxes',
      'GET',
      `/ceremony/shares?to=${member.index}`,
      undefined,
      tokens[i],
    )) as { shares: ShareMessage[] };
    const got = receiveShares(manifest.value, mine.secret, announcements, shares);
    if (got.complaints.length > 0)
      throw new DemoStepError(
        problem('DEMO_ELECTION_FAILED', { step: 'receive shares', reason: 'a complaint' }),
      );
    // Demo only: a light KDF keeps `npm start` quick; a member's real secret uses the default.
    const sealed = sealMemberSecret(got.secret, member.passphrase, ARGON2ID_TEST_ONLY);
    writeFileSync(member.secretFile, `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
  }
  const context = (await api.must(
    'the election context',
    'GET',
    '/ceremony/context',
    undefined,
    hqToken,
  )) as ElectionContextJson;
  return { manifest: manifest.value, context, commitments: made.map((m) => m.commitment) };
}
