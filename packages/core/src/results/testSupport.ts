import type { ResultsExportInput } from './exportInput.js';
import type { BranchCount, ResultsGeography } from './schema.js';

/**
 * A small geography for tests: `candidates` candidates (codes 101…), `seats` seats, branches
 * b1…bN spread over zone HQs h1…h3 and governor's zones z1…z4. Not the demo (core depends on
 * no other package).
 */
export function testGeography(branchCount = 6, candidates = 32, seats = 16): ResultsGeography {
  return {
    election: { id: 'test-election' },
    constituency: { id: 'tehran', seats },
    contest: { id: 'majlis', maxSelections: seats },
    candidates: Array.from({ length: candidates }, (_, i) => ({ code: String(101 + i) })),
    zoneHqs: ['h1', 'h2', 'h3'].map((id) => ({ id })),
    zones: ['z1', 'z2', 'z3', 'z4'].map((id) => ({ id })),
    branches: Array.from({ length: branchCount }, (_, i) => ({
      id: `b${i + 1}`,
      zoneHqId: `h${(i % 3) + 1}`,
      zoneId: `z${(i % 4) + 1}`,
    })),
  };
}

/**
 * A branch count made from explicit ballots (each a list of candidate codes; [] is blank), the
 * independent plain count the tests compare the computation with.
 */
export function countOfBallots(
  geography: ResultsGeography,
  branchId: string,
  ballots: readonly (readonly string[])[],
): BranchCount {
  const votes = new Map(geography.candidates.map((c) => [c.code, 0]));
  for (const ballot of ballots)
    for (const code of new Set(ballot)) votes.set(code, (votes.get(code) ?? 0) + 1);
  return {
    branchId,
    votes: [...votes].map(([code, count]) => ({ code, votes: count })),
    blankBallots: ballots.filter((b) => b.length === 0).length,
    ballotsCast: ballots.length,
  };
}

/** The named definition the exports read, over `testGeography`. */
export function testExportDefinition(
  geography: ResultsGeography,
): ResultsExportInput['definition'] {
  const named = (fa: string, en: string) => ({ fa, en });
  return {
    election: {
      id: geography.election.id,
      title: named('دور دوم دوازدهمین دورهٔ مجلس', 'Majlis 12, runoff'),
      round: 2,
      votingDay: '2024-05-10',
    },
    constituency: {
      id: geography.constituency.id,
      name: named('تهران', 'Tehran'),
      seats: geography.constituency.seats,
    },
    contest: {
      id: geography.contest.id,
      title: named('مجلس', 'Majlis'),
      maxSelections: geography.contest.maxSelections,
    },
    candidates: geography.candidates.map((c) => ({
      code: c.code,
      name: named(`نامزد ${c.code}`, `Candidate "${c.code}", Jr.`),
    })),
    zoneHqs: geography.zoneHqs.map((z) => ({
      id: z.id,
      name: named(`ستاد ${z.id}`, `Zone HQ ${z.id}`),
    })),
    zones: geography.zones.map((z) => ({ id: z.id, name: named(`منطقه ${z.id}`, `Zone ${z.id}`) })),
    branches: geography.branches.map((b) => ({
      ...b,
      name: named(`شعبه <${b.id}>`, `Branch ${b.id}`),
    })),
  };
}
