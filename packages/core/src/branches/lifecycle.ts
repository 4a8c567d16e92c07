import { problem } from '../errors.js';
import type { Problem } from '../problem.js';
import { err, ok, type Result } from '../result.js';

/**
 * The life of one branch on election day (issue 5, DESIGN §2 "Hours" and "People in a
 * branch", docs/STATION.md): a pure state machine, the same on the station and at HQ, so both
 * refuse the same steps.
 *
 *   not-configured → configured → opened (zero report) → open ⇄ paused
 *     → closing (closing time, queued voters may still vote) → closed (tally report)
 *     → received (HQ has it) → reconciled (law 5 holds)
 *
 * A mobile branch runs this once per stop of its itinerary: after the tally report of a stop
 * that is not the last, `nextStop` starts the next stop's segment at `configured`, and each
 * stop's report is kept and reconciled on its own.
 */
export const branchPhases = [
  'not-configured',
  'configured',
  'opened',
  'open',
  'paused',
  'closing',
  'closed',
  'received',
  'reconciled',
] as const;
export type BranchPhase = (typeof branchPhases)[number];

/** Who must sign the zero and tally reports (DESIGN §2: the operator, a trustee, the governor's representative). */
export const reportSigners = ['device', 'operator', 'trustee', 'governor-representative'] as const;
export type ReportSigner = (typeof reportSigners)[number];

export interface SegmentCounts {
  readonly authenticated: number;
  readonly cast: number;
  readonly abandoned: number;
  readonly provisional: number;
}

export interface SegmentReport extends SegmentCounts {
  /** Index of the itinerary stop (0 for a fixed branch). */
  readonly stop: number;
}

export interface BranchLifecycle {
  readonly phase: BranchPhase;
  /** Number of segments: 1 for a fixed branch, the number of stops for a mobile one. */
  readonly segments: number;
  readonly segment: number;
  /** Short hash of the configuration package the branch runs (shown on every printout). */
  readonly packageHash: string | null;
  /** Minutes of extension announced so far, past the definition's closing time. */
  readonly extensionMinutes: number;
  readonly ballotsCast: number;
  /** In `closing`: voters still in the queue at closing time who may yet vote. */
  readonly queueRemaining: number;
  readonly reports: readonly SegmentReport[];
}

export type LifecycleEvent =
  | { readonly type: 'configure'; readonly packageHash: string }
  | {
      readonly type: 'zeroReport';
      readonly ballotsHeld: number;
      readonly signers: readonly ReportSigner[];
    }
  | { readonly type: 'startVoting' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'castBallot' }
  | { readonly type: 'closingTime'; readonly queued: number }
  | {
      readonly type: 'extendHours';
      /** The new total extension past the definition's closing time. */
      readonly totalMinutes: number;
      readonly limitMinutes: number;
      readonly boardApproved: boolean;
    }
  | {
      readonly type: 'tallyReport';
      readonly counts: SegmentCounts;
      readonly signers: readonly ReportSigner[];
      /**
       * HQ's side: the ballots HQ received for this stop, checked instead of the station's own
       * count of casts (HQ takes the report only once every ballot has arrived).
       */
      readonly received?: number;
    }
  | { readonly type: 'nextStop' }
  | { readonly type: 'received' }
  | { readonly type: 'reconcile' };

export type LifecycleEventType = LifecycleEvent['type'];

export function initialLifecycle(segments = 1): BranchLifecycle {
  return {
    phase: 'not-configured',
    segments: Math.max(1, segments),
    segment: 0,
    packageHash: null,
    extensionMinutes: 0,
    ballotsCast: 0,
    queueRemaining: 0,
    reports: [],
  };
}

function refused(state: BranchLifecycle, event: LifecycleEvent): Result<BranchLifecycle, Problem> {
  return err(problem('BRANCH_TRANSITION_REFUSED', { phase: state.phase, event: event.type }));
}

function missingSigners(signers: readonly ReportSigner[]): ReportSigner[] {
  return reportSigners.filter((s) => !signers.includes(s));
}

/** Law 5 for one segment: every voter authenticated either cast a ballot or abandoned. */
export function reconciles(c: SegmentCounts): boolean {
  return c.authenticated === c.cast + c.abandoned;
}

/** The state after `event`, or the catalogued refusal; the state itself never changes. */
export function applyLifecycle(
  state: BranchLifecycle,
  event: LifecycleEvent,
): Result<BranchLifecycle, Problem> {
  const { phase } = state;
  switch (event.type) {
    case 'configure':
      // A new package may replace the old one until the zero report fixes what the branch runs.
      if (phase !== 'not-configured' && phase !== 'configured') return refused(state, event);
      return ok({ ...state, phase: 'configured', packageHash: event.packageHash });
    case 'zeroReport': {
      if (phase !== 'configured') return refused(state, event);
      if (event.ballotsHeld !== 0)
        return err(problem('BRANCH_ZERO_REPORT_NOT_EMPTY', { count: event.ballotsHeld }));
      const missing = missingSigners(event.signers);
      if (missing.length > 0)
        return err(problem('BRANCH_SIGNATURES_MISSING', { missing: missing.join(', ') }));
      return ok({ ...state, phase: 'opened', ballotsCast: 0, queueRemaining: 0 });
    }
    case 'startVoting':
      return phase === 'opened' ? ok({ ...state, phase: 'open' }) : refused(state, event);
    case 'pause':
      return phase === 'open' ? ok({ ...state, phase: 'paused' }) : refused(state, event);
    case 'resume':
      return phase === 'paused' ? ok({ ...state, phase: 'open' }) : refused(state, event);
    case 'castBallot':
      if (phase === 'open') return ok({ ...state, ballotsCast: state.ballotsCast + 1 });
      // DESIGN §2 Hours: voters already in the queue at closing still vote, and nobody else.
      if (phase === 'closing') {
        if (state.queueRemaining <= 0) return err(problem('BRANCH_QUEUE_EXHAUSTED'));
        return ok({
          ...state,
          ballotsCast: state.ballotsCast + 1,
          queueRemaining: state.queueRemaining - 1,
        });
      }
      return err(problem('BRANCH_NOT_OPEN', { phase }));
    case 'closingTime':
      if (phase !== 'open' && phase !== 'paused' && phase !== 'opened')
        return refused(state, event);
      return ok({ ...state, phase: 'closing', queueRemaining: Math.max(0, event.queued) });
    case 'extendHours': {
      // An extension announced while the queue is being served reopens the doors (the real
      // runoff was extended at 18:00 to 20:00, then 21:00, then 22:00).
      if (phase !== 'open' && phase !== 'paused' && phase !== 'opened' && phase !== 'closing')
        return refused(state, event);
      if (event.totalMinutes <= state.extensionMinutes) return refused(state, event);
      if (event.totalMinutes > event.limitMinutes && !event.boardApproved)
        return err(
          problem('BRANCH_EXTENSION_LIMIT', {
            minutes: event.totalMinutes,
            limit: event.limitMinutes,
          }),
        );
      return ok({
        ...state,
        phase: phase === 'closing' ? 'open' : phase,
        extensionMinutes: event.totalMinutes,
        queueRemaining: 0,
      });
    }
    case 'tallyReport': {
      if (phase !== 'closing') return refused(state, event);
      const missing = missingSigners(event.signers);
      if (missing.length > 0)
        return err(problem('BRANCH_SIGNATURES_MISSING', { missing: missing.join(', ') }));
      const cast = event.received ?? state.ballotsCast;
      if (event.counts.cast !== cast)
        return err(problem('BRANCH_COUNTS_MISMATCH', { reported: event.counts.cast, cast }));
      return ok({
        ...state,
        phase: 'closed',
        ballotsCast: cast,
        queueRemaining: 0,
        reports: [...state.reports, { stop: state.segment, ...event.counts }],
      });
    }
    case 'nextStop':
      if (phase !== 'closed' || state.segment + 1 >= state.segments) return refused(state, event);
      return ok({
        ...state,
        phase: 'configured',
        segment: state.segment + 1,
        extensionMinutes: 0,
        ballotsCast: 0,
      });
    case 'received':
      // Only the last stop's report ends the branch's day; earlier stops go on to `nextStop`.
      if (phase !== 'closed' || state.segment + 1 < state.segments) return refused(state, event);
      return ok({ ...state, phase: 'received' });
    case 'reconcile': {
      if (phase !== 'received') return refused(state, event);
      const bad = state.reports.find((r) => !reconciles(r));
      if (bad !== undefined)
        return err(
          problem('BRANCH_NOT_RECONCILED', {
            authenticated: bad.authenticated,
            cast: bad.cast,
            abandoned: bad.abandoned,
          }),
        );
      return ok({ ...state, phase: 'reconciled' });
    }
  }
}

/** Applies events in order, stopping at the first refusal (for replaying a stored history). */
export function replayLifecycle(
  events: readonly LifecycleEvent[],
  segments = 1,
): Result<BranchLifecycle, Problem> {
  let state = initialLifecycle(segments);
  for (const event of events) {
    const next = applyLifecycle(state, event);
    if (!next.ok) return next;
    state = next.value;
  }
  return ok(state);
}
