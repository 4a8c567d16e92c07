import {
  problem,
  type DeviceStatusBody,
  type Problem,
  type SignedDeviceMessage,
} from '@sandogh/core';
import type { Station } from '../station.js';
import { runSelfTest, sendStatus, statusMessage } from './selfTest.js';

/**
 * The self-test as the station runs it (issue 8, docs/STATION.md "Self-test"): at start and on
 * the operator's request, check, sign a `devices.status` report and send it to HQ. HQ's
 * readiness view learns of the device only from these reports, so the outcome of the sending is
 * kept beside the checks for the kiosk to show: a report HQ never received is a device HQ
 * still counts as `not-reported`.
 */
export type StatusSender = (
  signed: SignedDeviceMessage<DeviceStatusBody>,
) => Promise<{ readonly status: number; readonly body: unknown }>;

export type StatusDelivery =
  /** The station has no HQ (tests, a station set up offline): nothing was sent. */
  | { readonly state: 'no-hq' }
  /** HQ took the report; its answer (`configured: current | stale`, the self-test result). */
  | { readonly state: 'accepted'; readonly answer: unknown }
  /** HQ answered with a refusal (its problem as sent), or could not be reached. */
  | { readonly state: 'refused' | 'unreachable'; readonly problem: Problem };

export interface SelfTestReport {
  readonly at: string;
  readonly selfTest: DeviceStatusBody['selfTest'];
  readonly hq: StatusDelivery;
}

export interface SelfTestRunnerOptions {
  /** The printer's own answer (paper, cover); default: ready. */
  readonly printerReady?: () => boolean;
  /** Where the report goes; none: kept at the station only. */
  readonly send?: StatusSender;
  readonly clock?: () => Date;
}

export interface SelfTestRunner {
  /** Runs the self-test and sends its report; `printerReady` overrides the printer's answer. */
  run(overrides?: { readonly printerReady?: boolean }): Promise<SelfTestReport>;
  /** The latest report, if any. */
  last(): SelfTestReport | undefined;
}

/** HQ over HTTP: the sender for a station given `--hq`. */
export function httpStatusSender(hqUrl: string): StatusSender {
  return (signed) => sendStatus(hqUrl, signed);
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'object'
  );
}

async function deliver(
  send: StatusSender | undefined,
  signed: SignedDeviceMessage<DeviceStatusBody>,
): Promise<StatusDelivery> {
  if (send === undefined) return { state: 'no-hq' };
  try {
    const answer = await send(signed);
    if (answer.status >= 200 && answer.status < 300)
      return { state: 'accepted', answer: answer.body };
    return {
      state: 'refused',
      problem: isProblem(answer.body)
        ? answer.body
        : problem('STATION_STATUS_NOT_SENT', { reason: `HQ answered ${String(answer.status)}` }),
    };
  } catch (e) {
    return {
      state: 'unreachable',
      problem: problem('STATION_STATUS_NOT_SENT', {
        reason: e instanceof Error ? e.message : String(e),
      }),
    };
  }
}

export function selfTestRunner(
  station: Station,
  options: SelfTestRunnerOptions = {},
): SelfTestRunner {
  let latest: SelfTestReport | undefined;
  const clock = options.clock ?? (() => new Date());
  return {
    async run(overrides = {}) {
      const selfTest = runSelfTest({
        opened: station.opened,
        identity: station.identity,
        store: station.store,
        printerReady: overrides.printerReady ?? options.printerReady?.() ?? true,
      });
      const at = clock();
      const hq = await deliver(options.send, statusMessage(station.identity, selfTest, at));
      latest = { at: at.toISOString(), selfTest, hq };
      return latest;
    },
    last: () => latest,
  };
}
