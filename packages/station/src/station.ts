import { branchPackageHash, err, ok, type Problem, type Result } from '@sandogh/core';
import { devicePublicKeyOf } from '@sandogh/crypto';
import { openBranchPackage, type OpenedPackage } from './config/package.js';
import type { Printout } from './print/printouts.js';
import { StationStore } from './store/stationStore.js';
import {
  Outbox,
  httpTransport,
  type DeviceIdentity,
  type OutboxOptions,
  type Transport,
} from './sync/outbox.js';
import { httpCardPoster, pollbookCardCheck, type CardPoster } from './voting/cards.js';
import { VotingDevice, type CardCheck } from './voting/device.js';

/**
 * One branch station as it runs (issue 5, docs/STATION.md): the configuration package it was
 * given (checked against the HQ key it was provisioned with), its device key, its durable
 * store, its outbox to HQ and its voting device. Built here so the CLI, the local server and
 * the tests assemble it the same way.
 */
export interface StationOptions {
  /** The package file's text, exactly as HQ wrote it. */
  readonly packageText: string;
  /** HQ's public key (base64), provisioned with the station. */
  readonly hqPublicKey: string;
  readonly deviceSerial: string;
  /** The device's Ed25519 seed, hex (its key file). */
  readonly seedHex: string;
  /** The SQLite file of the station store. */
  readonly dataFile: string;
  readonly hqUrl?: string;
  readonly transport?: Transport;
  /**
   * How the voting device checks a ballot card. Default: the HQ poll book's card route
   * (`voting/cards.ts`) whenever the station has an HQ (`hqUrl` or `cardPoster`); a station
   * without any HQ (tests, training) falls back to `localCardCheck`.
   */
  readonly cards?: CardCheck;
  /** Where the poll-book card check posts (default: `hqUrl` over HTTP). */
  readonly cardPoster?: CardPoster;
  readonly print?: (printout: Printout) => void;
  readonly outbox?: OutboxOptions;
}

export interface Station {
  readonly opened: OpenedPackage;
  readonly identity: DeviceIdentity;
  readonly store: StationStore;
  readonly outbox: Outbox | undefined;
  readonly voting: VotingDevice;
  readonly printed: Printout[];
  close(): void;
}

/**
 * Any card not yet used at this station: for tests and stations without an HQ only. A real
 * station checks cards with the poll book (`pollbookCardCheck`, the default with an HQ).
 */
export const localCardCheck: CardCheck = { accept: () => Promise.resolve(ok(undefined)) };

export function openStation(options: StationOptions): Result<Station, Problem> {
  const opened = openBranchPackage(options.packageText, {
    hqPublicKey: options.hqPublicKey,
    deviceSerial: options.deviceSerial,
    devicePublicKey: devicePublicKeyOf(options.seedHex),
  });
  if (!opened.ok) return err(opened.error);
  const pkg = opened.value.package;
  const identity: DeviceIdentity = {
    election: pkg.election.hash,
    branch: pkg.branch.id,
    serial: options.deviceSerial,
    seed: options.seedHex,
    packageHash: branchPackageHash(pkg),
  };
  const store = new StationStore(options.dataFile);
  store.setMeta('package', branchPackageHash(pkg));
  const transport =
    options.transport ?? (options.hqUrl === undefined ? undefined : httpTransport(options.hqUrl));
  const outbox =
    transport === undefined ? undefined : new Outbox(store, identity, transport, options.outbox);
  const poster =
    options.cardPoster ?? (options.hqUrl === undefined ? undefined : httpCardPoster(options.hqUrl));
  const cards =
    options.cards ?? (poster === undefined ? localCardCheck : pollbookCardCheck(identity, poster));
  const printed: Printout[] = [];
  const voting = new VotingDevice({
    store,
    opened: opened.value,
    cards,
    print: (p) => {
      printed.push(p);
      if (printed.length > 20) printed.shift();
      options.print?.(p);
    },
    ...(outbox === undefined
      ? {}
      : {
          afterCast: () => {
            outbox.nudge();
          },
        }),
  });
  return ok({
    opened: opened.value,
    identity,
    store,
    outbox,
    voting,
    printed,
    close: () => {
      outbox?.stop();
      store.close();
    },
  });
}
