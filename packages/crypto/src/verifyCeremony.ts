// Checks V1–V4 (docs/CRYPTO.md §10): the manifest, the key ceremony and the election context.
import { elementEquals } from './group.js';
import type { Element } from './group.js';
import { toHex } from './codec.js';
import { manifestHash, manifestProblems, PROFILE } from './manifest.js';
import { baseHash, extendedHash } from './context.js';
import {
  announcementCommitments,
  jointCommitments,
  jointKeyOf,
  judgeComplaint,
  revealMatches,
  verifyAnnouncement,
} from './ceremonyFormat.js';
import { parseElement } from './codec.js';
import { claimed, listOf } from './checks.js';
import type { CheckLog } from './checks.js';
import type { ElectionRecord } from './record.js';

export interface VerifiedContext {
  readonly extendedHash: Uint8Array;
  readonly jointKey: Element;
  /** C_m = Π_i K_{i,m}: the joint polynomial's commitments, for the members' share keys. */
  readonly jointCommitments: readonly Element[];
}

function attempt<T>(
  log: CheckLog,
  id: 'V1' | 'V2' | 'V3' | 'V4' | 'V18',
  item: string,
  f: () => T,
): T | null {
  try {
    return f();
  } catch (e) {
    log.fail(id, `${item}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

export function verifyCeremony(record: ElectionRecord, log: CheckLog): VerifiedContext | null {
  const { manifest, context, ceremony } = record;
  const problems = attempt(log, 'V1', 'manifest', () => manifestProblems(manifest)) ?? [
    'unreadable',
  ];
  for (const p of problems) log.fail('V1', p);
  const hm = attempt(log, 'V1', 'manifest hash', () => manifestHash(manifest));
  if (problems.length > 0 || hm === null) return null;
  log.check(
    'V1',
    claimed(context.profile) === PROFILE && context.manifestHash === toHex(hm),
    'context.json names another manifest',
  );

  const { n, k } = manifest.board;
  const hb = baseHash(hm, n, k);
  const anns = listOf(ceremony.announcements);
  const indices = anns.map((a) => a.index);
  for (let i = 1; i <= n; i++)
    log.check(
      'V2',
      indices.filter((x) => x === i).length === 1,
      `member ${i}: ${indices.includes(i) ? 'announced twice' : 'no announcement'}`,
    );
  for (const a of anns) {
    if (!Number.isInteger(a.index) || a.index < 1 || a.index > n)
      log.fail('V2', `announcement from unknown member ${String(a.index)}`);
    else
      log.check(
        'V2',
        verifyAnnouncement(hb, k, a),
        `member ${a.index}: invalid commitment or proof`,
      );
  }

  // V18: the commit round (§8.2 step 0). One commitment per member, each matched by the
  // announcement revealed; the order in time is the HQ's to enforce and its audit log's to show.
  const commitments = listOf(ceremony.commitments);
  for (let i = 1; i <= n; i++) {
    const mine = commitments.filter((c) => c.index === i);
    const ann = anns.find((a) => a.index === i);
    if (mine.length !== 1) {
      log.fail('V18', `member ${i}: ${mine.length === 0 ? 'no commitment' : 'committed twice'}`);
      continue;
    }
    const [c] = mine;
    if (c !== undefined && ann !== undefined)
      log.check(
        'V18',
        revealMatches(hb, c, ann),
        `member ${i}: announcement is not the one committed to`,
      );
  }
  for (const c of commitments)
    if (!Number.isInteger(c.index) || c.index < 1 || c.index > n)
      log.fail('V18', `commitment from unknown member ${String(c.index)}`);

  const shares = listOf(ceremony.shares);
  for (let from = 1; from <= n; from++) {
    for (let to = 1; to <= n; to++) {
      if (from === to) continue;
      log.check(
        'V3',
        shares.filter((s) => s.from === from && s.to === to).length === 1,
        `share ${from}→${to}: missing or sent twice`,
      );
    }
  }
  for (const c of listOf(ceremony.complaints)) {
    const msg = shares.find((s) => s.from === c.from && s.to === c.to);
    const verdict = msg ? judgeComplaint(hb, anns, msg, c) : 'complaint-invalid';
    // An unfounded or unproven complaint changes nothing; a proven bad share voids the ceremony.
    log.check(
      'V3',
      verdict !== 'sender-at-fault',
      `member ${c.from} sent member ${c.to} a bad share (complaint upheld)`,
    );
  }

  return attempt(log, 'V4', 'context', () => {
    const jointKey = jointKeyOf(anns);
    const he = extendedHash(
      hb,
      jointKey,
      anns.map((a) => ({
        index: a.index,
        commitments: announcementCommitments(a),
        transportKey: parseElement(a.transportKey),
      })),
    );
    log.check('V4', context.baseHash === toHex(hb), 'H_B in context.json differs');
    log.check(
      'V4',
      elementEquals(parseElement(context.jointKey), jointKey),
      'joint key in context.json is not Π K_i0',
    );
    log.check('V4', context.extendedHash === toHex(he), 'H_E in context.json differs');
    log.check(
      'V4',
      context.seats === manifest.seats &&
        context.candidateCount === manifest.candidates.length &&
        context.board.n === n &&
        context.board.k === k,
      'parameters in context.json differ from the manifest',
    );
    return { extendedHash: he, jointKey, jointCommitments: jointCommitments(anns, k) };
  });
}
