import { signDeviceMessage, type SignedMessage } from '@sandogh/crypto';
import type { DeviceIdentity } from '../sync/outbox.js';

/**
 * The voting device's own signature on its branch's zero report and tally report (issue 5,
 * DESIGN §2 "People in a branch"; docs/STATION.md §3). The people sign with their own accounts
 * at HQ; the device signs what it holds, with its registered key: HQ rebuilds this statement
 * from the report it receives and checks the signature against the device registry, so a
 * report a device never made (or made for other counts, another stop, another branch) is
 * refused.
 */
export const BRANCH_REPORT_FORMAT = 'sandogh/branch-report/1';

export type BranchReportContent =
  | {
      readonly report: 'zero';
      /** Itinerary stop (0 for a fixed branch). */
      readonly stop: number;
      /** The package's short hash, as printed. */
      readonly packageHash: string;
      readonly ballotsHeld: number;
    }
  | {
      readonly report: 'tally';
      readonly stop: number;
      readonly counts: {
        readonly authenticated: number;
        readonly cast: number;
        readonly abandoned: number;
        readonly provisional: number;
      };
    };

export interface BranchReportStatement {
  readonly format: typeof BRANCH_REPORT_FORMAT;
  readonly election: string;
  readonly branch: string;
  readonly device: string;
  readonly content: BranchReportContent;
}

export function signBranchReport(
  identity: DeviceIdentity,
  content: BranchReportContent,
): SignedMessage<BranchReportStatement> {
  return signDeviceMessage(
    {
      format: BRANCH_REPORT_FORMAT,
      election: identity.election,
      branch: identity.branch,
      device: identity.serial,
      content,
    },
    identity.seed,
  );
}
