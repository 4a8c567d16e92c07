import type { Bilingual } from '../problem.js';
import type { AreaTotals, Totals } from './compute.js';
import type { ResultsExportInput } from './exportInput.js';

/**
 * The result as a NIST SP 1500-100 (version 2) ElectionReport in JSON (DESIGN §8), valid
 * against the official schema (the test validates it). The mapping (docs/RESULTS.md §Exports):
 * - GpUnit: a ReportingUnit for the constituency (OtherType "constituency"), each zone HQ
 *   ("zone-hq"), each governor's-representative zone ("governor-zone") and each branch
 *   (Type "polling-place"); the constituency is composed of the zone HQs, a zone HQ and a zone of
 *   their branches;
 * - one CandidateContest with one CandidateSelection per candidate, VoteCounts (Type "total")
 *   per reporting unit; the contest's OtherCounts give Undervotes in NIST's sense — the unused
 *   marks, seats × ballots − votes — per unit;
 * - BallotCounts per unit give BallotsCast; the constituency carries VotersRegistered and
 *   VotersParticipated;
 * - Status: partial → unofficial-partial, provisional and final → unofficial-complete,
 *   certified → certified, a later certified version → correction.
 * Blank ballots have no NIST field; they are in the CSV and the minutes.
 */

type Json = Record<string, unknown>;

function text(name: Bilingual): Json {
  return {
    '@type': 'ElectionResults.InternationalizedText',
    Text: [
      { '@type': 'ElectionResults.LanguageString', Content: name.fa, Language: 'fa' },
      { '@type': 'ElectionResults.LanguageString', Content: name.en, Language: 'en' },
    ],
  };
}

/** '2024-05-10T18:30:00Z': the schema's DateTimeWithZone pattern has no fractional seconds. */
function nistInstant(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

const unitId = {
  constituency: (id: string) => `ru-constituency-${id}`,
  zoneHq: (id: string) => `ru-zonehq-${id}`,
  zone: (id: string) => `ru-zone-${id}`,
  branch: (id: string) => `ru-branch-${id}`,
};

function status(input: ResultsExportInput): string {
  switch (input.state) {
    case 'partial':
      return 'unofficial-partial';
    case 'provisional':
    case 'final':
      return 'unofficial-complete';
    case 'certified':
      return input.version.correction ? 'correction' : 'certified';
  }
}

function gpUnits(input: ResultsExportInput): Json[] {
  const { definition, results } = input;
  const unit = (id: string, name: Bilingual, type: string, composing: string[]): Json => ({
    '@id': id,
    '@type': 'ElectionResults.ReportingUnit',
    Name: text(name),
    ...(type === 'polling-place' ? { Type: type } : { Type: 'other', OtherType: type }),
    ...(composing.length > 0 ? { ComposingGpUnitIds: composing } : {}),
  });
  const branchesOf = (pick: (b: (typeof definition.branches)[number]) => boolean): string[] =>
    definition.branches.filter(pick).map((b) => unitId.branch(b.id));
  return [
    {
      ...unit(
        unitId.constituency(definition.constituency.id),
        definition.constituency.name,
        'constituency',
        definition.zoneHqs.map((z) => unitId.zoneHq(z.id)),
      ),
      VotersRegistered: results.turnout.registeredVoters,
      VotersParticipated: results.turnout.ballotsCast,
      TotalSubUnits: results.constituency.branchesTotal,
      SubUnitsReported: results.constituency.branchesReported,
    },
    ...definition.zoneHqs.map((z) =>
      unit(
        unitId.zoneHq(z.id),
        z.name,
        'zone-hq',
        branchesOf((b) => b.zoneHqId === z.id),
      ),
    ),
    ...definition.zones.map((z) =>
      unit(
        unitId.zone(z.id),
        z.name,
        'governor-zone',
        branchesOf((b) => b.zoneId === z.id),
      ),
    ),
    ...definition.branches.map((b) => unit(unitId.branch(b.id), b.name, 'polling-place', [])),
  ];
}

/** Every reporting unit with its totals, constituency first. */
function unitsWithTotals(input: ResultsExportInput): [string, Totals][] {
  const { results } = input;
  const area = (make: (id: string) => string) => (t: AreaTotals) =>
    [make(t.id), t] as [string, Totals];
  return [
    [unitId.constituency(results.constituency.id), results.constituency],
    ...results.zoneHqs.map(area(unitId.zoneHq)),
    ...results.zones.map(area(unitId.zone)),
    ...results.branches.filter((b) => b.reported).map(area(unitId.branch)),
  ];
}

export function nistElectionReport(input: ResultsExportInput): Json {
  const { definition, results } = input;
  const units = unitsWithTotals(input);
  const winners = input.winners === null ? null : new Set(input.winners);
  const decided = winners !== null && (input.state === 'final' || input.state === 'certified');
  const contest: Json = {
    '@id': `contest-${definition.contest.id}`,
    '@type': 'ElectionResults.CandidateContest',
    ElectionDistrictId: unitId.constituency(definition.constituency.id),
    Name: definition.contest.title.en,
    BallotTitle: text(definition.contest.title),
    VotesAllowed: definition.contest.maxSelections,
    NumberElected: definition.constituency.seats,
    VoteVariation: 'n-of-m',
    TotalSubUnits: results.constituency.branchesTotal,
    SubUnitsReported: results.constituency.branchesReported,
    CountStatus: [
      {
        '@type': 'ElectionResults.CountStatus',
        Type: 'total',
        Status: results.state === 'partial' ? 'in-process' : 'completed',
      },
    ],
    OtherCounts: units.map(([id, t]) => ({
      '@type': 'ElectionResults.OtherCounts',
      GpUnitId: id,
      Undervotes:
        definition.contest.maxSelections * t.ballotsCast -
        t.votes.reduce((sum, v) => sum + v.votes, 0),
    })),
    ContestSelection: definition.candidates.map((c, index) => ({
      '@id': `selection-${c.code}`,
      '@type': 'ElectionResults.CandidateSelection',
      CandidateIds: [`candidate-${c.code}`],
      SequenceOrder: index + 1,
      VoteCounts: units.map(([id, t]) => ({
        '@type': 'ElectionResults.VoteCounts',
        GpUnitId: id,
        Type: 'total',
        Count: t.votes.find((v) => v.code === c.code)?.votes ?? 0,
      })),
    })),
  };
  const election: Json = {
    '@type': 'ElectionResults.Election',
    ElectionScopeId: unitId.constituency(definition.constituency.id),
    Name: text(definition.election.title),
    StartDate: definition.election.votingDay,
    EndDate: definition.election.votingDay,
    Type: definition.election.round === 2 ? 'runoff' : 'general',
    BallotCounts: units.map(([id, t]) => ({
      '@type': 'ElectionResults.BallotCounts',
      GpUnitId: id,
      Type: 'total',
      BallotsCast: t.ballotsCast,
    })),
    Candidate: definition.candidates.map((c) => ({
      '@id': `candidate-${c.code}`,
      '@type': 'ElectionResults.Candidate',
      BallotName: text(c.name),
      ExternalIdentifier: [
        {
          '@type': 'ElectionResults.ExternalIdentifier',
          Type: 'local-level',
          Label: 'candidate-code',
          Value: c.code,
        },
      ],
      ...(decided ? { PostElectionStatus: winners.has(c.code) ? 'winner' : 'defeated' } : {}),
    })),
    Contest: [contest],
  };
  return {
    '@type': 'ElectionResults.ElectionReport',
    Format: 'precinct-level',
    GeneratedDate: nistInstant(input.generatedAt),
    Issuer: 'Sandogh election headquarters',
    IssuerAbbreviation: 'SANDOGH',
    SequenceStart: input.version.number,
    SequenceEnd: input.version.number,
    Status: status(input),
    VendorApplicationId: 'Sandogh 0.1.0',
    Notes: `Result version ${input.version.number} (${input.version.hash}); results hash ${input.resultsHash}.`,
    ExternalIdentifier: [
      {
        '@type': 'ElectionResults.ExternalIdentifier',
        Type: 'other',
        OtherType: 'sandogh-election-id',
        Value: definition.election.id,
      },
    ],
    GpUnit: gpUnits(input),
    Election: [election],
  };
}
