import type { Bilingual } from '../problem.js';
import type { ElectionResults, ResultState } from './compute.js';

/**
 * What every export of a result reads (NIST SP 1500-100, CSV, the constituency minutes): the
 * named parts of the definition, the computed result, the declared winners and the version.
 * An `ElectionDefinition` provides the `definition` part as it is.
 */
export interface ResultsExportInput {
  readonly definition: {
    readonly election: {
      readonly id: string;
      readonly title: Bilingual;
      readonly round: number;
      /** Gregorian civil date 'YYYY-MM-DD'. */
      readonly votingDay: string;
    };
    readonly constituency: {
      readonly id: string;
      readonly name: Bilingual;
      readonly seats: number;
    };
    readonly contest: {
      readonly id: string;
      readonly title: Bilingual;
      readonly maxSelections: number;
    };
    readonly candidates: readonly { readonly code: string; readonly name: Bilingual }[];
    readonly zoneHqs: readonly { readonly id: string; readonly name: Bilingual }[];
    readonly zones: readonly { readonly id: string; readonly name: Bilingual }[];
    readonly branches: readonly {
      readonly id: string;
      readonly name: Bilingual;
      readonly zoneId: string;
      readonly zoneHqId: string;
    }[];
  };
  readonly results: ElectionResults;
  /** The declared winners: the sure ones and, after a tie, the lot's (compute.declareWinners). */
  readonly winners: readonly string[] | null;
  readonly state: ResultState;
  /** The result version this export publishes (versions.ts), and whether it corrects a certified one. */
  readonly version: {
    readonly number: number;
    readonly hash: string;
    readonly correction: boolean;
  };
  /** SHA-256 of the canonical JSON of `results`. */
  readonly resultsHash: string;
  /** ISO 8601 instant, UTC. */
  readonly generatedAt: string;
}

/** The people who sign the constituency minutes, in the order they sign. */
export interface MinutesSigner {
  readonly name: Bilingual;
  readonly role: 'executive-board' | 'supervisory-board' | 'governor-representative' | 'hq-staff';
  /** ISO 8601 instant, UTC, once signed. */
  readonly signedAt?: string;
}
