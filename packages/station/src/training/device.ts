import {
  BRANCH_PACKAGE_FORMAT,
  branchPackageShortHash,
  ok,
  TRAINING_ELECTION_HASH,
  TRAINING_ID,
  trainingSample,
  type BranchPackage,
} from '@sandogh/core';
import type { OpenedPackage } from '../config/package.js';
import type { Printout } from '../print/printouts.js';
import { StationStore } from '../store/stationStore.js';
import { VotingDevice } from '../voting/device.js';
import { TRAINING_DEVICE_PUBLIC_KEY, trainingContextJson } from './context.js';
import { markTraining } from './mark.js';

/**
 * The voting device in training mode (issue 8, docs/STATION.md "Training mode"): the real
 * voting device — the same machine, keys, encryption, review and printer — run on the sample
 * election, so operators and voters learn exactly what they will meet. What makes it training,
 * and why nothing of it can reach a count:
 * - its package is the sample's, naming TRAINING_ELECTION_HASH and the training context, so
 *   every ballot it makes carries TRAINING_EXTENDED_HASH, branch TRAINING and the training day;
 * - it has no outbox and no transport: nothing is sent anywhere; its store lives in memory and
 *   is dropped with the device, never the branch's store;
 * - every printout carries the training mark (mark.ts) and every screen shows the package as
 *   TRAINING-….
 */
export function trainingPackage(): BranchPackage {
  return {
    format: BRANCH_PACKAGE_FORMAT,
    election: {
      hash: TRAINING_ELECTION_HASH,
      meta: trainingSample.election,
      seats: trainingSample.contest.maxSelections,
    },
    branch: trainingSample.branch,
    contest: trainingSample.contest,
    candidates: trainingSample.candidates,
    devices: [
      {
        serial: TRAINING_ID,
        kind: 'voting',
        publicKey: TRAINING_DEVICE_PUBLIC_KEY,
        branchId: TRAINING_ID,
        zoneHqId: TRAINING_ID,
        status: 'active',
      },
    ],
    trust: {
      hq: { keyId: TRAINING_ID, publicKey: TRAINING_DEVICE_PUBLIC_KEY },
      electionContext: { ...trainingContextJson() },
    },
    registrySnapshot: null,
  };
}

export function openedTrainingPackage(): OpenedPackage {
  const pkg = trainingPackage();
  const [device] = pkg.devices;
  if (device === undefined) throw new Error('the training package has its device');
  return { package: pkg, shortHash: `TRAINING-${branchPackageShortHash(pkg)}`, device };
}

export interface TrainingDevice {
  readonly training: true;
  readonly voting: VotingDevice;
  readonly opened: OpenedPackage;
  /** The printouts so far, each marked as training (the last 20). */
  readonly printed: Printout[];
  /** The training ballots made so far (encrypted), kept in memory only. */
  ballots(): string[];
  close(): void;
}

export interface TrainingDeviceOptions {
  readonly print?: (printout: Printout) => void;
}

/** Any card is accepted: a training card is a practice card, and no poll book is asked. */
export function openTrainingDevice(options: TrainingDeviceOptions = {}): TrainingDevice {
  const store = new StationStore(':memory:');
  const opened = openedTrainingPackage();
  const printed: Printout[] = [];
  const voting = new VotingDevice({
    store,
    opened,
    cards: {
      accept: () => Promise.resolve(ok(undefined)),
    },
    print: (p) => {
      const marked = markTraining(p);
      printed.push(marked);
      if (printed.length > 20) printed.shift();
      options.print?.(marked);
    },
  });
  return {
    training: true,
    voting,
    opened,
    printed,
    ballots: () => store.allBallots().map((b) => b.document),
    close: () => {
      store.close();
    },
  };
}
