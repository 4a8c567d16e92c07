import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPath } from '../problem.js';
import { sampleDefinition } from './sample.js';
import { validateDefinition } from './validate.js';
import type { ElectionDefinition } from './schema.js';

function clone(d: ElectionDefinition): Record<string, unknown> & ElectionDefinition {
  return structuredClone(d);
}

function problemsOf(raw: unknown): { code: string; at: string }[] {
  const result = validateDefinition(raw);
  if (result.ok) return [];
  return result.error.map((p) => ({ code: p.code, at: formatPath(p.path) }));
}

describe('validateDefinition', () => {
  it('accepts the sample definition', () => {
    const result = validateDefinition(sampleDefinition());
    expect(result.ok).toBe(true);
  });

  it('lists every fault of a definition with several, each with its path — never only the first', () => {
    const d = clone(sampleDefinition({ branches: 4 }));
    (d as Record<string, unknown>)['colour'] = 'blue';
    d.election.hours.closes = '07:00';
    const b1 = d.branches[1];
    const b2 = d.branches[2];
    const b3 = d.branches[3];
    const c0 = d.candidates[0];
    if (b1 === undefined || b2 === undefined || b3 === undefined || c0 === undefined)
      throw new Error('sample too small');
    b1.id = '0001'; // duplicate of branches[0]
    b2.zoneId = 'Z99';
    (b2 as Record<string, unknown>)['expectedVoters'] = 'many';
    b3.itinerary = [];
    c0.code = '12';
    d.devices = d.devices.filter((v) => v.serial !== 'VOTE-0001');

    const found = problemsOf(d);
    expect(found).toEqual(
      expect.arrayContaining([
        { code: 'INPUT_UNKNOWN_FIELD', at: '$.colour' },
        { code: 'DEFINITION_HOURS_ORDER', at: '$.election.hours.closes' },
        { code: 'DEFINITION_DUPLICATE_ID', at: '$.branches[1].id' },
        { code: 'INPUT_WRONG_TYPE', at: '$.branches[2].expectedVoters' },
        { code: 'DEFINITION_MOBILE_ITINERARY', at: '$.branches[3].itinerary' },
        { code: 'DEFINITION_CANDIDATE_CODE_LENGTH', at: '$.candidates[0].code' },
        { code: 'DEFINITION_BRANCH_DEVICES', at: '$.branches[0]' },
      ]),
    );
    // branches[2] ('0003') did not parse, but it is declared: the devices and trustees that
    // refer to it are not also reported as referring to nothing.
    const refersTo0003 = (at: string) => /^\$\.(devices\[[45]\]|staff\[1[0-4]\])/.test(at);
    expect(
      found.filter((p) => p.code === 'DEFINITION_UNKNOWN_REFERENCE' && refersTo0003(p.at)),
    ).toEqual([]);
  });

  it('checks references between sections', () => {
    const d = clone(sampleDefinition());
    const b0 = d.branches[0];
    const v0 = d.devices[0];
    const s0 = d.staff[0];
    if (b0 === undefined || v0 === undefined || s0 === undefined)
      throw new Error('sample too small');
    b0.zoneHqId = 'H77';
    v0.branchId = '9999';
    s0.scope = { kind: 'branches', branchIds: ['8888'] };
    expect(problemsOf(d)).toEqual(
      expect.arrayContaining([
        { code: 'DEFINITION_UNKNOWN_REFERENCE', at: '$.branches[0].zoneHqId' },
        { code: 'DEFINITION_UNKNOWN_REFERENCE', at: '$.devices[0].branchId' },
        { code: 'DEFINITION_UNKNOWN_REFERENCE', at: '$.staff[0].scope.branchIds[0]' },
      ]),
    );
  });

  it('requires five trustees with one chair where a branch is staffed', () => {
    const d = clone(sampleDefinition());
    d.staff = d.staff.filter((p) => p.id !== 'T-0002-3');
    const chair = d.staff.find((p) => p.id === 'T-0001-2');
    if (chair === undefined) throw new Error('no trustee');
    chair.trusteeRole = 'chair';
    const found = problemsOf(d);
    expect(found).toContainEqual({ code: 'DEFINITION_BRANCH_STAFF', at: '$.branches[0]' });
    expect(found).toContainEqual({ code: 'DEFINITION_BRANCH_STAFF', at: '$.branches[1]' });
  });

  it('refuses mobile stops out of order or outside polling hours', () => {
    const d = clone(sampleDefinition());
    const mobile = d.branches.find((b) => b.kind === 'mobile');
    const [s1, s2] = mobile?.itinerary ?? [];
    if (s1 === undefined || s2 === undefined) throw new Error('no mobile branch');
    s2.arrive = '11:00';
    s1.arrive = '07:30';
    const found = problemsOf(d).map((p) => p.code);
    expect(found).toContain('DEFINITION_ITINERARY_ORDER');
    expect(found).toContain('DEFINITION_ITINERARY_OUTSIDE_HOURS');
  });

  it('answers a non-object with one clear problem', () => {
    for (const raw of [null, 42, 'election', [], undefined]) {
      expect(problemsOf(raw)).toEqual([{ code: 'INPUT_WRONG_TYPE', at: '$' }]);
    }
  });

  it('reports a problem, never throws, whatever one field of a branch is replaced with', () => {
    const base = sampleDefinition();
    const fields = Object.keys(base.branches[0] ?? {});
    fc.assert(
      fc.property(
        fc.nat({ max: base.branches.length - 1 }),
        fc.constantFrom(...fields),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.object()),
        (at, field, value) => {
          const d = clone(base);
          const b = d.branches[at] as Record<string, unknown> | undefined;
          if (b === undefined) return;
          fc.pre(JSON.stringify(b[field]) !== JSON.stringify(value));
          b[field] = value;
          const result = validateDefinition(d);
          // Some replacements are valid (a new name, a different address): then nothing is reported.
          if (!result.ok) {
            for (const p of result.error) {
              expect(p.message.fa.length).toBeGreaterThan(0);
              expect(p.message.en.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a runoff definition', () => {
  function runoff(): ElectionDefinition {
    const d = clone(sampleDefinition({ candidates: 4, seats: 2 }));
    d.election.round = 2;
    // Round 1: 3 seats, 100 valid ballots; 1001 wins (≥ 20), so 2 seats remain and 4 are listed.
    d.round1 = {
      seats: 3,
      validBallots: 100,
      candidates: [
        { code: '1000', name: { fa: 'برنده', en: 'Winner' }, votes: 60 },
        ...d.candidates.map((c, i) => ({ code: c.code, name: c.name, votes: 19 - i })),
        { code: '1099', name: { fa: 'آخر', en: 'Last' }, votes: 1 },
      ],
    };
    return d;
  }

  it('is accepted when its candidates are the list the rule derives', () => {
    expect(problemsOf(runoff())).toEqual([]);
  });

  it('is refused without round-1 results', () => {
    const d = clone(runoff());
    delete d.round1;
    expect(problemsOf(d)).toContainEqual({ code: 'DEFINITION_ROUND1_REFERENCE', at: '$.round1' });
  });

  it('is refused when a candidate is not on the derived list, or seats do not match', () => {
    const d = clone(runoff());
    const c = d.candidates[3];
    if (c === undefined) throw new Error('no candidate');
    c.code = '1099';
    d.constituency.seats = 3;
    d.contest.maxSelections = 3;
    const found = problemsOf(d);
    expect(found).toContainEqual({ code: 'DEFINITION_RUNOFF_MISMATCH', at: '$.candidates' });
    expect(found).toContainEqual({
      code: 'DEFINITION_RUNOFF_MISMATCH',
      at: '$.constituency.seats',
    });
  });
});
