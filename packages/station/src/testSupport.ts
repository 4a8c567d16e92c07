// For the station's tests: a branch package signed by a throw-away HQ key, with a real election
// context (a three-member ceremony of the crypto package) and the voting device's own key.
import { createHash, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import {
  BRANCH_PACKAGE_FORMAT,
  branchPackageBytes,
  canonicalJson,
  electionHash,
  sampleDefinition,
  type BranchPackage,
  type SignedBranchPackage,
} from '@sandogh/core';
import {
  contextFromAnnouncements,
  contextToJson,
  createMember,
  demoManifest,
  devicePublicKeyOf,
} from '@sandogh/crypto';

export const VOTING_SERIAL = 'V-TEST';

export function seedOf(label: string): string {
  return createHash('sha256').update(`sandogh-station-test:${label}`).digest('hex');
}

export interface StationFixture {
  readonly packageText: string;
  readonly signed: SignedBranchPackage;
  readonly hqPublicKey: string;
  readonly seedHex: string;
  /** Signs another package with the same HQ key (to test what the station accepts). */
  resign(pkg: BranchPackage): string;
}

export function stationFixture(): StationFixture {
  const definition = sampleDefinition({ branches: 1, candidates: 4, seats: 2 });
  const manifest = {
    ...demoManifest({ candidates: 4, seats: 2, branches: 1, n: 3, k: 2 }),
    days: [definition.election.votingDay],
  };
  const announcements = [1, 2, 3].map((i) => createMember(manifest, i).announcement);
  const context = contextToJson(contextFromAnnouncements(manifest, announcements));
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const hqPublicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
  const branch = definition.branches[0];
  if (branch === undefined) throw new Error('fixture branch');
  const seedHex = seedOf(VOTING_SERIAL);
  const pkg: BranchPackage = {
    format: BRANCH_PACKAGE_FORMAT,
    election: { hash: electionHash(definition), meta: definition.election, seats: 2 },
    branch: { ...branch, id: 'b1' },
    contest: { ...definition.contest, maxSelections: 2 },
    candidates: definition.candidates,
    devices: [
      {
        serial: VOTING_SERIAL,
        kind: 'voting',
        publicKey: devicePublicKeyOf(seedHex),
        branchId: 'b1',
        zoneHqId: branch.zoneHqId,
        status: 'registered',
      },
    ],
    trust: { hq: { keyId: 'test-hq', publicKey: hqPublicKey }, electionContext: { ...context } },
    registrySnapshot: null,
  };
  const resign = (p: BranchPackage) =>
    `${canonicalJson({ package: p, signature: sign(null, branchPackageBytes(p), privateKey).toString('base64') })}\n`;
  const packageText = resign(pkg);
  return {
    packageText,
    signed: JSON.parse(packageText) as SignedBranchPackage,
    hqPublicKey,
    seedHex,
    resign,
  };
}
