import { describe, expect, it } from 'vitest';
import {
  isTrainingBallot,
  isTrainingMessage,
  TRAINING_DAY,
  TRAINING_ELECTION_HASH,
  TRAINING_EXTENDED_HASH,
  TRAINING_ID,
} from '@sandogh/core';
import {
  checkBallotShape,
  contextFromJson,
  verifyBallotProofs,
  type ElectionContextJson,
  type EncryptedBallot,
} from '@sandogh/crypto';
import { stationFixture } from '../testSupport.js';
import { verifyDeviceSignature } from '@sandogh/crypto';
import { runSelfTest, statusMessage } from '../status/selfTest.js';
import { StationStore } from '../store/stationStore.js';
import { buildBatch } from '../sync/outbox.js';
import { TRAINING_DEVICE_SEED, trainingContextJson } from './context.js';
import { openTrainingDevice, openedTrainingPackage } from './device.js';

async function castTraining(codes: readonly string[]) {
  const device = openTrainingDevice();
  expect((await device.voting.insertCard('practice-card')).ok).toBe(true);
  for (const code of codes)
    for (const digit of code) await device.voting.press({ type: 'digit', digit });
  const review = await device.voting.press({ type: 'green' });
  expect(review.ok && review.value.state.screen).toBe('review');
  const cast = await device.voting.press({ type: 'green' });
  expect(cast.ok && cast.value.state.screen).toBe('recorded');
  return device;
}

describe('training mode on the voting device', () => {
  it("derives the training context from the public seed: its H_E is core's constant", () => {
    expect(trainingContextJson().extendedHash).toBe(TRAINING_EXTENDED_HASH);
  });

  it('casts on the sample election; every ballot carries the training marks', async () => {
    const device = await castTraining(['101', '103']);
    const ballots = device.ballots().map((d) => JSON.parse(d) as Record<string, unknown>);
    expect(ballots).toHaveLength(1);
    const [ballot] = ballots;
    expect(ballot).toMatchObject({
      electionHash: TRAINING_EXTENDED_HASH,
      branchId: TRAINING_ID,
      day: TRAINING_DAY,
    });
    expect(ballot !== undefined && isTrainingBallot(ballot)).toBe(true);
    device.close();
  });

  it("is refused by a real election's ballot check (the verifier's V5), proofs or not", async () => {
    const device = await castTraining(['101']);
    const [doc] = device.ballots();
    const ballot = JSON.parse(doc ?? '{}') as EncryptedBallot;
    const pkg = stationFixture().signed.package;
    const real = contextFromJson(pkg.trust.electionContext as unknown as ElectionContextJson);
    const check = {
      extendedHash: real.extendedHash,
      jointKey: real.jointKey,
      seats: real.seats,
      candidateCount: real.candidateCount,
      days: [pkg.election.meta.votingDay],
    };
    for (const branchId of [TRAINING_ID, pkg.branch.id])
      expect(typeof checkBallotShape(check, ballot, branchId)).toBe('string');
    // Under its own (training) context the ballot is sound: the refusal is the election's.
    const own = contextFromJson(trainingContextJson());
    const ownCheck = {
      ...check,
      extendedHash: own.extendedHash,
      jointKey: own.jointKey,
      candidateCount: 6,
      seats: 3,
      days: [TRAINING_DAY],
    };
    const parsed = checkBallotShape(ownCheck, ballot, TRAINING_ID);
    expect(typeof parsed).not.toBe('string');
    if (typeof parsed !== 'string')
      expect(verifyBallotProofs(ownCheck, ballot, parsed).limitOk).toBe(true);
    device.close();
  });

  it('marks every printout and screen as training, in Persian and English', async () => {
    const device = await castTraining(['102']);
    expect(device.printed.map((p) => p.kind)).toEqual(['vote', 'tracking-slip']);
    for (const p of device.printed) {
      expect(p.html).toContain('آموزشی — این رای نیست و شمرده نمی‌شود');
      expect(p.html).toContain('TRAINING — not a vote, never counted');
      expect(p.html).toMatch(/<title>آموزشی — /);
    }
    expect(device.voting.view().packageHash).toMatch(/^TRAINING-/);
    device.close();
  });

  it('has no outbox, and anything it could sign names the training election', () => {
    const opened = openedTrainingPackage();
    const identity = {
      election: opened.package.election.hash,
      branch: opened.package.branch.id,
      serial: opened.device.serial,
      seed: TRAINING_DEVICE_SEED,
      packageHash: 'f'.repeat(64),
    };
    expect(identity.election).toBe(TRAINING_ELECTION_HASH);
    const batch = buildBatch(identity, [{ trackingCode: 'x', document: '{}' }]);
    expect(isTrainingMessage(JSON.parse(batch.signed))).toBe(true);
    expect('outbox' in openTrainingDevice()).toBe(false);
  });
});

describe("the station's self-test report", () => {
  const opened = openedTrainingPackage();
  const identity = {
    election: opened.package.election.hash,
    branch: opened.package.branch.id,
    serial: opened.device.serial,
    seed: TRAINING_DEVICE_SEED,
    packageHash: 'a'.repeat(64),
  };

  it('passes only when every check passes, and is signed by the device', () => {
    const store = new StationStore(':memory:');
    const good = runSelfTest({ opened, identity, store, printerReady: true });
    expect(good.passed).toBe(true);
    const bad = runSelfTest({ opened, identity, store, printerReady: false });
    expect(bad).toMatchObject({ passed: false });
    expect(bad.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['printer']);
    const wrongKey = runSelfTest({
      opened,
      identity: { ...identity, seed: 'b'.repeat(64) },
      store,
      printerReady: true,
    });
    expect(wrongKey.checks.find((c) => c.name === 'device-key')?.passed).toBe(false);
    const signed = statusMessage(identity, good);
    expect(signed.message).toMatchObject({
      kind: 'devices.status',
      body: { package: 'a'.repeat(64) },
    });
    expect(verifyDeviceSignature(signed, opened.device.publicKey)).toBe(true);
    store.close();
  });

  it('fails the store check when the store cannot be written', () => {
    const store = new StationStore(':memory:');
    store.close();
    const r = runSelfTest({ opened, identity, store, printerReady: true });
    expect(r.checks.find((c) => c.name === 'store')?.passed).toBe(false);
  });
});
