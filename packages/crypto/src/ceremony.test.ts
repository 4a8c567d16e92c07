import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createMember, receiveShares, sendShares, CeremonyError } from './ceremony.js';
import {
  jointCommitments,
  jointKeyOf,
  announcementDigest,
  judgeComplaint,
  publicShareKey,
  revealMatches,
  messageFromSealed,
  sealedFromMessage,
} from './ceremonyFormat.js';
import { baseHash } from './context.js';
import { manifestHash } from './manifest.js';
import { demoManifest } from './demoElection.js';
import { baseMul, elementEquals, randomScalar } from './group.js';
import { parseElement, parseScalar, toHex } from './codec.js';
import { sealShare } from './shareBox.js';
import { openMemberSecret, sealMemberSecret, SecretFileError } from './secretFile.js';
import { ARGON2ID_TEST_ONLY } from './symmetric.js';

const manifest = demoManifest({ candidates: 3, seats: 2, branches: 1, n: 4, k: 3 });
const hb = baseHash(manifestHash(manifest), 4, 3);

function ceremony() {
  const members = [1, 2, 3, 4].map((i) => createMember(manifest, i));
  const announcements = members.map((m) => m.announcement);
  const shares = members.flatMap((m) => sendShares(manifest, m.secret, announcements));
  return { members, announcements, shares };
}

describe('key ceremony (Feldman VSS, n = 4, k = 3)', () => {
  it('gives each member a share whose public key anyone derives from the commitments', () => {
    const { members, announcements, shares } = ceremony();
    const joint = jointCommitments(announcements, 3);
    expect(elementEquals(joint[0] ?? new Uint8Array(), jointKeyOf(announcements))).toBe(true);
    for (const m of members) {
      const got = receiveShares(
        manifest,
        m.secret,
        announcements,
        shares.filter((s) => s.to === m.secret.index),
      );
      expect(got.complaints).toEqual([]);
      const share = parseScalar(got.secret.share ?? '');
      expect(elementEquals(baseMul(share), publicShareKey(joint, m.secret.index))).toBe(true);
    }
  });

  it('refuses an announcement with a bad proof', () => {
    const { members, announcements } = ceremony();
    const bad = announcements.map((a) =>
      a.index === 2
        ? {
            ...a,
            commitments: a.commitments.map((c, m) => (m === 1 ? (a.commitments[0] ?? c) : c)),
          }
        : a,
    );
    const me = members[0];
    if (!me) throw new Error('fixture');
    expect(() => sendShares(manifest, me.secret, bad)).toThrow(CeremonyError);
  });

  it('a bad share yields a complaint that convicts the sender; a false one clears them', () => {
    const { members, announcements, shares } = ceremony();
    const to3 = announcements.find((a) => a.index === 3);
    const m3 = members[2];
    if (!to3 || !m3) throw new Error('fixture');
    const forged = messageFromSealed(
      2,
      3,
      sealShare(hb, 2, 3, parseElement(to3.transportKey), randomScalar()),
    );
    const mine = shares.filter((s) => s.to === 3).map((s) => (s.from === 2 ? forged : s));
    const got = receiveShares(manifest, m3.secret, announcements, mine);
    expect(got.secret.share).toBeUndefined();
    const [complaint] = got.complaints;
    if (!complaint) throw new Error('expected a complaint');
    expect(judgeComplaint(hb, announcements, forged, complaint)).toBe('sender-at-fault');
    // The same evidence against the honest message opens it and clears member 2.
    const honest = shares.find((s) => s.from === 2 && s.to === 3);
    if (!honest) throw new Error('fixture');
    expect(judgeComplaint(hb, announcements, honest, complaint)).toBe('complaint-invalid');
    // A box that does not even decrypt convicts the sender.
    const garbled = { ...honest, ciphertext: Buffer.from(new Uint8Array(48)).toString('base64') };
    const g = receiveShares(
      manifest,
      m3.secret,
      announcements,
      shares.filter((s) => s.to === 3).map((s) => (s.from === 2 ? garbled : s)),
    );
    const c2 = g.complaints[0];
    if (!c2) throw new Error('expected a complaint');
    expect(judgeComplaint(hb, announcements, garbled, c2)).toBe('sender-at-fault');
    expect(sealedFromMessage(garbled).ciphertext.length).toBe(48);
  });
});

describe("member's secret file", () => {
  it('opens with the passphrase and with nothing else', () => {
    const { secret } = createMember(manifest, 1);
    const sealed = sealMemberSecret(secret, 'correct horse battery', ARGON2ID_TEST_ONLY);
    expect(JSON.stringify(sealed)).not.toContain(secret.coefficients[0]);
    expect(openMemberSecret(sealed, 'correct horse battery')).toEqual(secret);
    expect(() => openMemberSecret(sealed, 'wrong horse battery')).toThrow(SecretFileError);
    expect(() => openMemberSecret({ ...sealed, index: 2 }, 'correct horse battery')).toThrow(
      SecretFileError,
    );
    expect(() => sealMemberSecret(secret, 'short')).toThrow(SecretFileError);
  });
});

describe('the commit round (§8.2 step 0, V18)', () => {
  test.prop([fc.integer({ min: 1, max: 4 }), fc.nat(), fc.nat({ max: 63 })], { numRuns: 30 })(
    'a member’s commitment matches their announcement, and nothing else: any field changed breaks it',
    (index, which, pos) => {
      const { announcement, commitment } = createMember(manifest, index);
      expect(commitment).toEqual({ index, digest: toHex(announcementDigest(hb, announcement)) });
      expect(revealMatches(hb, commitment, announcement)).toBe(true);
      // Change one hex digit of one field (a commitment, a proof scalar, the transport key).
      const fields = [
        ...announcement.commitments.map((_, m) => ['commitments', m] as const),
        ...announcement.commitmentProofs.map((_, m) => ['proof', m] as const),
        ['transportKey', 0] as const,
      ];
      const [field, m] = fields[which % fields.length] ?? ['transportKey', 0];
      const flip = (h: string) => h.slice(0, pos) + (h[pos] === '0' ? '1' : '0') + h.slice(pos + 1);
      const changed =
        field === 'commitments'
          ? {
              ...announcement,
              commitments: announcement.commitments.map((c, i) => (i === m ? flip(c) : c)),
            }
          : field === 'proof'
            ? {
                ...announcement,
                commitmentProofs: announcement.commitmentProofs.map((p, i) =>
                  i === m ? { ...p, v: flip(p.v) } : p,
                ),
              }
            : { ...announcement, transportKey: flip(announcement.transportKey) };
      expect(revealMatches(hb, commitment, changed)).toBe(false);
      expect(revealMatches(hb, { ...commitment, index: (index % 4) + 1 }, announcement)).toBe(
        false,
      );
      // Another election's base hash, or garbage, never matches and never throws.
      expect(revealMatches(baseHash(manifestHash(manifest), 4, 2), commitment, announcement)).toBe(
        false,
      );
      expect(revealMatches(hb, commitment, { ...announcement, transportKey: 'zz' })).toBe(false);
    },
  );
});
