import { electionHash, validateDefinition } from '@sandogh/core';
import { describe, expect, it } from 'vitest';
import { tinyDefinition } from './tinyDefinition.js';

describe('the tiny test definition', () => {
  it.each([1, 4, 9, 40])('is a valid definition with %i branches', (branches) => {
    const checked = validateDefinition(tinyDefinition({ branches }));
    expect(checked.ok ? [] : checked.error).toEqual([]);
  });

  it('has what the store tests rely on: a mobile branch with two stops, a spare, five trustees per branch', () => {
    const d = tinyDefinition();
    expect(d.branches.filter((b) => b.kind === 'mobile').map((b) => b.itinerary.length)).toEqual([
      2,
    ]);
    expect(d.devices.filter((v) => v.branchId === null)).toHaveLength(1);
    expect(d.staff.filter((p) => p.role === 'branch-trustee')).toHaveLength(20);
  });

  it('is deterministic, so its election hash is stable', () => {
    expect(electionHash(tinyDefinition())).toBe(electionHash(tinyDefinition()));
    expect(electionHash(tinyDefinition({ electionId: 'other' }))).not.toBe(
      electionHash(tinyDefinition()),
    );
  });
});
