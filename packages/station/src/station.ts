import { branchPackageHash, err, ok, problem, type Problem, type Result } from '@sandogh/core';
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
import { PollBookClient, type RegistrySnapshot } from './pollbook/client.js';
import { httpCardPoster, pollbookCardCheck, type CardPoster } from './voting/cards.js';
import { VotingDevice, type CardCheck } from './voting/device.js';
import { provisionalCardCheck } from './voting/provisional.js';

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
  /**
   * The branch's authentication device, when this station program runs it too: its serial and
   * key (checked against the package like the voting device's). With an HQ, the station then
   * has a poll-book client (`pollbook/client.ts`) with the offline rule (law 1).
   */
  readonly authentication?: { readonly deviceSerial: string; readonly seedHex: string };
  readonly pollbook?: {
    /** No answer from HQ within this long: check locally, provisional card (default 10 s). */
    readonly offlineAfterMs?: number;
    /** How often undecided offline marks are sent again (default 5 s). */
    readonly retryMs?: number;
    readonly snapshot?: RegistrySnapshot;
  };
}

export interface Station {
  readonly opened: OpenedPackage;
  readonly identity: DeviceIdentity;
  readonly store: StationStore;
  readonly outbox: Outbox | undefined;
  readonly voting: VotingDevice;
  /** The authentication device's poll-book client (with `authentication` and an HQ). */
  readonly pollbook: PollBookClient | undefined;
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
  // Provisional cards (law 1) are checked against the station store, the rest as before.
  const cards = provisionalCardCheck(
    store,
    options.cards ?? (poster === undefined ? localCardCheck : pollbookCardCheck(identity, poster)),
  );
  let pollbook: PollBookClient | undefined;
  if (options.authentication !== undefined && poster !== undefined) {
    const auth = openBranchPackage(options.packageText, {
      hqPublicKey: options.hqPublicKey,
      deviceSerial: options.authentication.deviceSerial,
      devicePublicKey: devicePublicKeyOf(options.authentication.seedHex),
    });
    const problemOf = !auth.ok
      ? auth.error
      : auth.value.device.kind !== 'authentication'
        ? problem('PACKAGE_FOREIGN', {
            reason: `device ${options.authentication.deviceSerial} is not an authentication device`,
          })
        : undefined;
    if (problemOf !== undefined) {
      store.close();
      return err(problemOf);
    }
    pollbook = new PollBookClient({
      identity: {
        ...identity,
        serial: options.authentication.deviceSerial,
        seed: options.authentication.seedHex,
      },
      store,
      poster,
      ...(options.pollbook?.offlineAfterMs === undefined
        ? {}
        : { offlineAfterMs: options.pollbook.offlineAfterMs }),
      ...(options.pollbook?.retryMs === undefined ? {} : { retryMs: options.pollbook.retryMs }),
      ...(options.pollbook?.snapshot === undefined ? {} : { snapshot: options.pollbook.snapshot }),
      onReleased: () => {
        outbox?.nudge();
      },
    });
  }
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
    pollbook,
    printed,
    close: () => {
      pollbook?.stop();
      outbox?.stop();
      store.close();
    },
  });
}
