import { describe, expect, it } from 'vitest';
import { checkEntry, combineEntries } from './entry.js';
import type { PaperEntry } from './entry.js';
import type { SampledBallot } from './sampler.js';

const check = { candidates: new Set(['101', '102', '103']), maxSelections: 2 };
const sample: SampledBallot[] = [
  { draw: 1, branchId: 'b1', position: 4 },
  { draw: 2, branchId: 'b2', position: 7 },
  { draw: 3, branchId: 'b1', position: 4 },
];

function entry(branchId: string, position: number, marks: string[] | null, by: string): PaperEntry {
  return { branchId, position, marks, enteredBy: by };
}

describe('double entry of the sampled paper votes', () => {
  it('counts a paper when two people read it alike, once per draw that chose it', () => {
    const combined = combineEntries(
      sample,
      [entry('b1', 4, ['101'], 'ali'), entry('b2', 7, [], 'ali')],
      [entry('b1', 4, ['101'], 'sara'), entry('b2', 7, [], 'sara')],
    );
    expect(combined).toMatchObject({
      ok: true,
      value: { votes: [['101'], [], ['101']], disagreements: [], missing: 0 },
    });
  });

  it('flags a paper whose two readings differ for a third look, which then decides', () => {
    const first = [entry('b1', 4, ['101', '102'], 'ali'), entry('b2', 7, null, 'ali')];
    const second = [entry('b1', 4, ['101'], 'sara'), entry('b2', 7, null, 'sara')];
    const flagged = combineEntries(sample, first, second);
    expect(flagged).toMatchObject({
      ok: true,
      value: {
        votes: [undefined, null, undefined],
        disagreements: [{ code: 'RLA_ENTRIES_DISAGREE', details: { branch: 'b1', position: 4 } }],
        missing: 2,
      },
    });
    const settled = combineEntries(sample, first, second, [entry('b1', 4, ['101', '102'], 'reza')]);
    expect(settled).toMatchObject({ ok: true, value: { missing: 0, disagreements: [] } });
  });

  it('does not accept two entries by the same person as agreeing', () => {
    const same = combineEntries(
      sample,
      [entry('b1', 4, ['101'], 'ali')],
      [entry('b1', 4, ['101'], 'ali')],
    );
    expect(same).toMatchObject({
      ok: true,
      value: { disagreements: [{ code: 'RLA_ENTRIES_DISAGREE' }] },
    });
  });

  it('refuses an entry for a paper outside the sample, unknown codes and too many marks', () => {
    expect(combineEntries(sample, [entry('b9', 1, [], 'ali')], [])).toMatchObject({
      ok: false,
      error: [{ code: 'RLA_ENTRY_UNKNOWN_BALLOT' }],
    });
    expect(checkEntry(entry('b1', 4, ['999'], 'ali'), check)).toMatchObject({
      error: [{ code: 'RLA_ENTRY_UNKNOWN_CANDIDATE' }],
    });
    expect(checkEntry(entry('b1', 4, ['101', '102', '103'], 'ali'), check)).toMatchObject({
      error: [{ code: 'RLA_ENTRY_TOO_MANY_MARKS' }],
    });
    expect(checkEntry(entry('b1', 4, ['102', '101', '102'], 'ali'), check)).toMatchObject({
      ok: true,
      value: { marks: ['101', '102'] },
    });
    expect(
      checkEntry({ branchId: 'b1', position: 0, marks: [], enteredBy: 'a' }, check),
    ).toMatchObject({
      ok: false,
    });
  });
});
