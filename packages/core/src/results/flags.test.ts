import { describe, expect, it } from 'vitest';
import { flagItems, undecidedBranches, type RecordedFlagDecision } from './flags.js';
import { reconcileBranches } from './reconcile.js';

const branch = (id: string, reportedCast: number) => ({
  branchId: id,
  authenticated: 3,
  cast: 3,
  abandoned: 0,
  provisional: { cast: 0, confirmed: 0, excluded: 0 },
  receivedAtHq: 3,
  tallyReport: { authenticated: 3, cast: reportedCast, abandoned: 0 },
});

const decision = (
  branchId: string,
  field: string | undefined,
  sequence: number,
): RecordedFlagDecision => ({
  branchId,
  code: 'RECONCILE_TALLY_REPORT',
  ...(field === undefined ? {} : { field }),
  decision: 'explained',
  reason: 'checked with the trustees',
  decidedBy: 'sup-1',
  sequence,
  decidedAt: '2024-05-10T19:00:00.000Z',
  numbers: {},
});

describe('reconciliation flags and their decisions', () => {
  it('lists each flag with its own decisions, oldest first, and the branches still undecided', () => {
    const report = reconcileBranches([branch('b1', 4), branch('b2', 3), branch('b3', 2)]);
    if (!report.ok) throw new Error('refused');
    const items = flagItems(report.value, [
      decision('b1', 'cast', 2),
      decision('b1', 'cast', 1),
      // A decision on another field, or without the field, decides nothing here.
      decision('b3', 'abandoned', 1),
      decision('b3', undefined, 1),
    ]);
    expect(items.map((i) => [i.branchId, i.field, i.decisions.map((d) => d.sequence)])).toEqual([
      ['b1', 'cast', [1, 2]],
      ['b3', 'cast', []],
    ]);
    expect(items[0]?.numbers).toEqual({ branch: 'b1', field: 'cast', reported: 4, expected: 3 });
    expect(undecidedBranches(items)).toEqual(['b3']);
  });
});
