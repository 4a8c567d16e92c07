import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  applyLifecycle,
  initialLifecycle,
  replayLifecycle,
  reportSigners,
  type BranchLifecycle,
  type LifecycleEvent,
} from './lifecycle.js';

const everyone = reportSigners;
const counts = (cast: number, abandoned = 0) => ({
  authenticated: cast + abandoned,
  cast,
  abandoned,
  provisional: 0,
});

function run(events: readonly LifecycleEvent[], segments = 1): BranchLifecycle {
  const r = replayLifecycle(events, segments);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

const opening: LifecycleEvent[] = [
  { type: 'configure', packageHash: 'abcd-0123-4567-89ef' },
  { type: 'zeroReport', ballotsHeld: 0, signers: everyone },
  { type: 'startVoting' },
];

describe('the branch lifecycle', () => {
  it('runs a fixed branch from configuration to reconciliation', () => {
    const s = run([
      ...opening,
      { type: 'castBallot' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'castBallot' },
      { type: 'closingTime', queued: 0 },
      { type: 'tallyReport', counts: counts(2, 1), signers: everyone },
      { type: 'received' },
      { type: 'reconcile' },
    ]);
    expect(s.phase).toBe('reconciled');
    expect(s.reports).toEqual([{ stop: 0, ...counts(2, 1) }]);
  });

  it('refuses a ballot before the zero report', () => {
    const s = run(opening.slice(0, 1));
    const r = applyLifecycle(s, { type: 'castBallot' });
    expect(r.ok ? 'accepted' : r.error.code).toBe('BRANCH_NOT_OPEN');
  });

  it('refuses a zero report of a device that already holds ballots, or one not signed by all', () => {
    const s = run(opening.slice(0, 1));
    const held = applyLifecycle(s, { type: 'zeroReport', ballotsHeld: 1, signers: everyone });
    expect(held.ok ? '' : held.error.code).toBe('BRANCH_ZERO_REPORT_NOT_EMPTY');
    const unsigned = applyLifecycle(s, { type: 'zeroReport', ballotsHeld: 0, signers: ['device'] });
    expect(unsigned.ok ? '' : unsigned.error.code).toBe('BRANCH_SIGNATURES_MISSING');
  });

  it('lets the voters queued at closing time vote, and nobody after them', () => {
    let s = run([...opening, { type: 'closingTime', queued: 2 }]);
    for (let i = 0; i < 2; i += 1) {
      const r = applyLifecycle(s, { type: 'castBallot' });
      expect(r.ok).toBe(true);
      if (r.ok) s = r.value;
    }
    const late = applyLifecycle(s, { type: 'castBallot' });
    expect(late.ok ? '' : late.error.code).toBe('BRANCH_QUEUE_EXHAUSTED');
  });

  it('honours an extension announced while the queue is served, within the ministry limit', () => {
    const s = run([...opening, { type: 'closingTime', queued: 0 }]);
    const ext = (totalMinutes: number, boardApproved = false) =>
      applyLifecycle(s, { type: 'extendHours', totalMinutes, limitMinutes: 180, boardApproved });
    const two = ext(120);
    expect(two.ok && two.value.phase).toBe('open');
    const four = ext(240);
    expect(four.ok ? '' : four.error.code).toBe('BRANCH_EXTENSION_LIMIT');
    expect(ext(240, true).ok).toBe(true);
  });

  it('refuses a tally report whose count differs from the ballots cast', () => {
    const s = run([...opening, { type: 'castBallot' }, { type: 'closingTime', queued: 0 }]);
    const r = applyLifecycle(s, { type: 'tallyReport', counts: counts(2), signers: everyone });
    expect(r.ok ? '' : r.error.code).toBe('BRANCH_COUNTS_MISMATCH');
  });

  it('does not reconcile a branch whose authenticated voters are not all accounted for (law 5)', () => {
    const s = run([
      ...opening,
      { type: 'castBallot' },
      { type: 'closingTime', queued: 0 },
      {
        type: 'tallyReport',
        counts: { authenticated: 3, cast: 1, abandoned: 1, provisional: 0 },
        signers: everyone,
      },
      { type: 'received' },
    ]);
    const r = applyLifecycle(s, { type: 'reconcile' });
    expect(r.ok ? '' : r.error.code).toBe('BRANCH_NOT_RECONCILED');
  });

  it('opens and closes a mobile branch at each stop, each stop reported on its own', () => {
    const stop = (cast: number): LifecycleEvent[] => [
      { type: 'zeroReport', ballotsHeld: 0, signers: everyone },
      { type: 'startVoting' },
      ...Array.from({ length: cast }, (): LifecycleEvent => ({ type: 'castBallot' })),
      { type: 'closingTime', queued: 0 },
      { type: 'tallyReport', counts: counts(cast), signers: everyone },
    ];
    const s = run(
      [
        { type: 'configure', packageHash: 'p' },
        ...stop(3),
        { type: 'nextStop' },
        ...stop(2),
        { type: 'received' },
        { type: 'reconcile' },
      ],
      2,
    );
    expect(s.reports).toEqual([
      { stop: 0, ...counts(3) },
      { stop: 1, ...counts(2) },
    ]);
    const early = replayLifecycle(
      [{ type: 'configure', packageHash: 'p' }, ...stop(1), { type: 'received' }],
      2,
    );
    expect(early.ok).toBe(false);
  });
});

const anyEvent: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  fc.constant<LifecycleEvent>({ type: 'configure', packageHash: 'p' }),
  fc.constant<LifecycleEvent>({ type: 'zeroReport', ballotsHeld: 0, signers: everyone }),
  fc.constant<LifecycleEvent>({ type: 'startVoting' }),
  fc.constant<LifecycleEvent>({ type: 'pause' }),
  fc.constant<LifecycleEvent>({ type: 'resume' }),
  fc.constant<LifecycleEvent>({ type: 'castBallot' }),
  fc.constant<LifecycleEvent>({ type: 'castBallot' }),
  fc.constant<LifecycleEvent>({ type: 'castBallot' }),
  fc.nat(3).map((queued): LifecycleEvent => ({ type: 'closingTime', queued })),
  fc.integer({ min: 1, max: 300 }).map((totalMinutes): LifecycleEvent => ({
    type: 'extendHours',
    totalMinutes,
    limitMinutes: 180,
    boardApproved: false,
  })),
  fc.nat(6).map((cast): LifecycleEvent => ({
    type: 'tallyReport',
    counts: counts(cast),
    signers: everyone,
  })),
  fc.constant<LifecycleEvent>({ type: 'nextStop' }),
  fc.constant<LifecycleEvent>({ type: 'received' }),
  fc.constant<LifecycleEvent>({ type: 'reconcile' }),
);

describe('the branch lifecycle, whatever the order of events', () => {
  test.prop([fc.array(anyEvent, { maxLength: 80 }), fc.integer({ min: 1, max: 3 })])(
    'takes no ballot before the zero report nor after closing beyond the queue, and reports exactly what was cast',
    (events, segments) => {
      let state = initialLifecycle(segments);
      let zeroReportOfSegment = false;
      let castInSegment = 0;
      let queueAllowance = Number.POSITIVE_INFINITY;
      for (const event of events) {
        const before = state;
        const r = applyLifecycle(state, event);
        if (!r.ok) {
          expect(r.error.code).toMatch(/^BRANCH_/);
          continue;
        }
        state = r.value;
        if (event.type === 'zeroReport') zeroReportOfSegment = true;
        if (event.type === 'nextStop') {
          zeroReportOfSegment = false;
          castInSegment = 0;
        }
        if (event.type === 'closingTime') queueAllowance = event.queued;
        if (event.type === 'extendHours') queueAllowance = Number.POSITIVE_INFINITY;
        if (event.type === 'castBallot') {
          expect(zeroReportOfSegment).toBe(true);
          expect(['open', 'closing']).toContain(before.phase);
          if (before.phase === 'closing') {
            queueAllowance -= 1;
            expect(queueAllowance).toBeGreaterThanOrEqual(0);
          }
          castInSegment += 1;
        }
        if (event.type === 'tallyReport') expect(event.counts.cast).toBe(castInSegment);
        expect(state.ballotsCast).toBe(castInSegment);
        expect(state.segment).toBeLessThan(segments);
      }
      if (state.phase === 'reconciled') {
        expect(state.reports).toHaveLength(segments);
        for (const report of state.reports)
          expect(report.authenticated).toBe(report.cast + report.abandoned);
      }
    },
  );
});
