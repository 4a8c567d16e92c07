import { TRAINING_MARK, trainingSample } from '@sandogh/core';
import {
  contextFromAnnouncements,
  contextToJson,
  createMember,
  devicePublicKeyOf,
  PROFILE,
  seededNonces,
  type CryptoManifest,
  type ElectionContext,
  type ElectionContextJson,
} from '@sandogh/crypto';

/**
 * The training election's cryptography (docs/STATION.md "Training mode"): a board of one
 * whose key is drawn from a public seed, so training needs no ceremony and keeps no secret —
 * anyone may decrypt a training ballot, and that is fine: it is not a vote. Its H_E is the
 * constant TRAINING_EXTENDED_HASH of core (operations/training.ts), which the intake refuses and
 * no real election's verifier accepts.
 */
const SEED = new TextEncoder().encode(TRAINING_MARK);

export const trainingManifest: CryptoManifest = {
  profile: PROFILE,
  electionId: trainingSample.election.id,
  contestId: trainingSample.contest.id,
  seats: trainingSample.contest.maxSelections,
  candidates: trainingSample.candidates.map((c) => c.code),
  branches: [{ id: trainingSample.branch.id }],
  board: { n: 1, k: 1 },
  days: [trainingSample.election.votingDay],
  extra: { mark: TRAINING_MARK },
};

let memo: ElectionContext | undefined;

export function trainingContext(): ElectionContext {
  if (memo !== undefined) return memo;
  const member = createMember(trainingManifest, 1, seededNonces(SEED, 'member-1').nonce);
  memo = contextFromAnnouncements(trainingManifest, [member.announcement]);
  return memo;
}

export function trainingContextJson(): ElectionContextJson {
  return contextToJson(trainingContext());
}

/** The training device's Ed25519 seed (hex): public, like everything of training mode. */
export const TRAINING_DEVICE_SEED = Buffer.from(seededNonces(SEED, 'device').seed32()).toString(
  'hex',
);

export const TRAINING_DEVICE_PUBLIC_KEY = devicePublicKeyOf(TRAINING_DEVICE_SEED);
