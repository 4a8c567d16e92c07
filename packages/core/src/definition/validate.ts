import type { z } from 'zod';
import { problem } from '../errors.js';
import { formatPath, type Problem, type ProblemPath } from '../problem.js';
import { err, ok, type Result } from '../result.js';
import { problemsFromZod } from '../zodProblems.js';
import * as s from './schema.js';
import type { ElectionDefinition } from './schema.js';
import { checkRunoffList } from './runoffCheck.js';

/** An element that parsed, with the index it had in its array (for problem paths). */
interface Indexed<T> {
  readonly at: number;
  readonly value: T;
}

/** The parts of a definition that parsed, so that semantic checks run even when some did not. */
export interface PartialDefinition {
  readonly election: s.ElectionMeta | undefined;
  readonly constituency: s.Constituency | undefined;
  readonly contest: s.Contest | undefined;
  readonly round1: s.Round1Results | undefined;
  readonly candidates: readonly Indexed<s.Candidate>[];
  readonly zoneHqs: readonly Indexed<s.ZoneHq>[];
  readonly zones: readonly Indexed<s.Zone>[];
  readonly branches: readonly Indexed<s.Branch>[];
  readonly devices: readonly Indexed<s.Device>[];
  readonly staff: readonly Indexed<s.StaffAssignment>[];
}

const sections = [
  'formatVersion',
  'election',
  'constituency',
  'contest',
  'candidates',
  'round1',
  'zoneHqs',
  'zones',
  'branches',
  'devices',
  'staff',
] as const;

function parseOne<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: ProblemPath,
  out: Problem[],
): T | undefined {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  out.push(...problemsFromZod(parsed.error, path));
  return undefined;
}

function parseEach<T>(
  element: z.ZodType<T>,
  raw: unknown,
  key: string,
  bounds: { min: number; max: number },
  out: Problem[],
): Indexed<T>[] {
  if (raw === undefined) {
    out.push(problem('INPUT_REQUIRED', undefined, [key]));
    return [];
  }
  if (!Array.isArray(raw)) {
    out.push(problem('INPUT_WRONG_TYPE', { expected: 'array' }, [key]));
    return [];
  }
  if (raw.length < bounds.min) out.push(problem('INPUT_TOO_SMALL', { minimum: bounds.min }, [key]));
  if (raw.length > bounds.max) {
    out.push(problem('INPUT_TOO_BIG', { maximum: bounds.max }, [key]));
    return [];
  }
  const parsed: Indexed<T>[] = [];
  raw.forEach((item: unknown, at) => {
    const value = parseOne(element, item, [key, at], out);
    if (value !== undefined) parsed.push({ at, value });
  });
  return parsed;
}

/**
 * Validates a definition and returns **every** problem, each with its JSON path (issue 2):
 * each section and each array element is parsed on its own, and the cross-reference checks
 * then run over whatever parsed, so one bad branch does not hide a duplicate code elsewhere.
 */
export function validateDefinition(raw: unknown): Result<ElectionDefinition, Problem[]> {
  const problems: Problem[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err([problem('INPUT_WRONG_TYPE', { expected: 'object' })]);
  }
  const doc = raw as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (!(sections as readonly string[]).includes(key)) {
      problems.push(problem('INPUT_UNKNOWN_FIELD', { field: key }, [key]));
    }
  }
  parseOne(
    s.electionDefinition.shape.formatVersion,
    doc['formatVersion'],
    ['formatVersion'],
    problems,
  );
  const partial: PartialDefinition = {
    election: parseOne(s.electionMeta, doc['election'], ['election'], problems),
    constituency: parseOne(s.constituency, doc['constituency'], ['constituency'], problems),
    contest: parseOne(s.contest, doc['contest'], ['contest'], problems),
    round1:
      doc['round1'] === undefined
        ? undefined
        : parseOne(s.round1Results, doc['round1'], ['round1'], problems),
    candidates: parseEach(
      s.candidate,
      doc['candidates'],
      'candidates',
      { min: 1, max: 1_000 },
      problems,
    ),
    zoneHqs: parseEach(s.zoneHq, doc['zoneHqs'], 'zoneHqs', { min: 1, max: 1_000 }, problems),
    zones: parseEach(s.zone, doc['zones'], 'zones', { min: 1, max: 1_000 }, problems),
    branches: parseEach(s.branch, doc['branches'], 'branches', { min: 1, max: 100_000 }, problems),
    devices: parseEach(s.device, doc['devices'], 'devices', { min: 0, max: 300_000 }, problems),
    staff: parseEach(
      s.staffAssignment,
      doc['staff'],
      'staff',
      { min: 0, max: 1_000_000 },
      problems,
    ),
  };
  const declared = {
    branches: declaredKeys(doc['branches'], 'id'),
    zones: declaredKeys(doc['zones'], 'id'),
    zoneHqs: declaredKeys(doc['zoneHqs'], 'id'),
  };
  problems.push(...crossChecks(partial, declared));
  if (problems.length > 0) return err(problems);
  // Everything parsed piecewise and cross-checked; the whole-document parse now only narrows the type.
  const whole = s.electionDefinition.safeParse(raw, { reportInput: true });
  return whole.success ? ok(whole.data) : err(problemsFromZod(whole.error));
}

/**
 * The identifiers an array declares, whether or not its elements parsed: a reference to a
 * branch whose own fields are broken is not also reported as a reference to nothing.
 */
function declaredKeys(raw: unknown, field: string): Set<string> {
  const keys = new Set<string>();
  if (!Array.isArray(raw)) return keys;
  for (const item of raw as unknown[]) {
    if (typeof item === 'object' && item !== null) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value === 'string') keys.add(value);
    }
  }
  return keys;
}

interface Declared {
  readonly branches: ReadonlySet<string>;
  readonly zones: ReadonlySet<string>;
  readonly zoneHqs: ReadonlySet<string>;
}

function uniqueIds<T>(
  items: readonly Indexed<T>[],
  base: ProblemPath,
  field: string,
  key: (t: T) => string,
  out: Problem[],
): Map<string, T> {
  const seen = new Map<string, T>();
  const firstAt = new Map<string, number>();
  for (const { at, value } of items) {
    const k = key(value);
    const first = firstAt.get(k);
    if (first !== undefined) {
      out.push(
        problem('DEFINITION_DUPLICATE_ID', { id: k, first: formatPath([...base, first]) }, [
          ...base,
          at,
          field,
        ]),
      );
    } else {
      firstAt.set(k, at);
      seen.set(k, value);
    }
  }
  return seen;
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function crossChecks(d: PartialDefinition, declared: Declared): Problem[] {
  const out: Problem[] = [];
  const counties = new Set<string>();
  if (d.constituency !== undefined) {
    const items = d.constituency.counties.map((value, at) => ({ at, value }));
    for (const k of uniqueIds(items, ['constituency', 'counties'], 'id', (c) => c.id, out).keys())
      counties.add(k);
  }
  const ref = (kind: string, idValue: string, known: ReadonlySet<string>, path: ProblemPath) => {
    if (!known.has(idValue))
      out.push(problem('DEFINITION_UNKNOWN_REFERENCE', { kind, id: idValue }, path));
  };

  if (d.election !== undefined) {
    const { hours } = d.election;
    if (minutesOf(hours.closes) <= minutesOf(hours.opens)) {
      out.push(problem('DEFINITION_HOURS_ORDER', undefined, ['election', 'hours', 'closes']));
    }
    if (d.election.round === 2 && d.round1 === undefined) {
      out.push(problem('DEFINITION_ROUND1_REFERENCE', undefined, ['round1']));
    }
  }

  const candidates = uniqueIds(d.candidates, ['candidates'], 'code', (c) => c.code, out);
  if (d.contest !== undefined) {
    const length = d.contest.candidateCodeLength;
    for (const { at, value } of d.candidates) {
      if (value.code.length !== length) {
        out.push(
          problem('DEFINITION_CANDIDATE_CODE_LENGTH', { code: value.code, length }, [
            'candidates',
            at,
            'code',
          ]),
        );
      }
    }
  }
  if (d.constituency !== undefined) {
    const seats = d.constituency.seats;
    if (d.contest !== undefined && d.contest.maxSelections !== seats) {
      out.push(
        problem('DEFINITION_SELECTIONS_SEATS', { seats, maxSelections: d.contest.maxSelections }, [
          'contest',
          'maxSelections',
        ]),
      );
    }
    if (candidates.size > 0 && candidates.size < seats) {
      out.push(
        problem('DEFINITION_TOO_FEW_CANDIDATES', { candidates: candidates.size, seats }, [
          'candidates',
        ]),
      );
    }
  }
  if (d.round1 !== undefined && d.constituency !== undefined && d.election?.round === 2) {
    out.push(...checkRunoffList(d.round1, d.constituency.seats, [...candidates.keys()]));
  }

  uniqueIds(d.zoneHqs, ['zoneHqs'], 'id', (z) => z.id, out);
  uniqueIds(d.zones, ['zones'], 'id', (z) => z.id, out);
  const { zoneHqs, zones, branches } = declared;
  if (d.constituency !== undefined) {
    for (const { at, value } of d.zoneHqs)
      ref('county', value.countyId, counties, ['zoneHqs', at, 'countyId']);
    for (const { at, value } of d.zones)
      ref('county', value.countyId, counties, ['zones', at, 'countyId']);
  }

  uniqueIds(d.branches, ['branches'], 'id', (b) => b.id, out);
  for (const { at, value: b } of d.branches) {
    if (d.constituency !== undefined)
      ref('county', b.countyId, counties, ['branches', at, 'countyId']);
    if (zones.size > 0) ref('zone', b.zoneId, zones, ['branches', at, 'zoneId']);
    if (zoneHqs.size > 0) ref('zone HQ', b.zoneHqId, zoneHqs, ['branches', at, 'zoneHqId']);
    out.push(...itineraryProblems(b, at, d.election));
  }

  const devicesByBranch = new Map<string, { authentication: number; voting: number }>();
  uniqueIds(d.devices, ['devices'], 'serial', (v) => v.serial, out);
  uniqueIds(d.devices, ['devices'], 'publicKey', (v) => v.publicKey, out);
  for (const { at, value: v } of d.devices) {
    if (zoneHqs.size > 0) ref('zone HQ', v.zoneHqId, zoneHqs, ['devices', at, 'zoneHqId']);
    if (v.branchId === null) continue;
    if (branches.size > 0) ref('branch', v.branchId, branches, ['devices', at, 'branchId']);
    if (v.kind === 'spare') {
      out.push(
        problem(
          'DEFINITION_DEVICE_KIND_MISMATCH',
          { serial: v.serial, kind: v.kind, role: 'branch device' },
          ['devices', at, 'branchId'],
        ),
      );
      continue;
    }
    const tally = devicesByBranch.get(v.branchId) ?? { authentication: 0, voting: 0 };
    tally[v.kind] += 1;
    devicesByBranch.set(v.branchId, tally);
  }
  if (d.devices.length > 0) {
    for (const { at, value: b } of d.branches) {
      const tally = devicesByBranch.get(b.id);
      if (tally?.authentication !== 1 || tally.voting !== 1) {
        out.push(problem('DEFINITION_BRANCH_DEVICES', { branch: b.id }, ['branches', at]));
      }
    }
  }

  out.push(...staffProblems(d, declared));
  return out;
}

function itineraryProblems(
  b: s.Branch,
  at: number,
  election: s.ElectionMeta | undefined,
): Problem[] {
  const out: Problem[] = [];
  const path = ['branches', at, 'itinerary'];
  if ((b.kind === 'mobile') !== b.itinerary.length > 0) {
    out.push(problem('DEFINITION_MOBILE_ITINERARY', { branch: b.id }, path));
    return out;
  }
  uniqueIds(
    b.itinerary.map((value, i) => ({ at: i, value })),
    path,
    'id',
    (x) => x.id,
    out,
  );
  let previousDepart = -1;
  b.itinerary.forEach((stop, i) => {
    const arrive = minutesOf(stop.arrive);
    const depart = minutesOf(stop.depart);
    if (depart <= arrive || arrive < previousDepart) {
      out.push(problem('DEFINITION_ITINERARY_ORDER', { branch: b.id }, [...path, i]));
    }
    if (election !== undefined) {
      const { opens, closes } = election.hours;
      if (arrive < minutesOf(opens) || depart > minutesOf(closes)) {
        out.push(problem('DEFINITION_ITINERARY_OUTSIDE_HOURS', { branch: b.id }, [...path, i]));
      }
    }
    previousDepart = depart;
  });
  return out;
}

function staffProblems(d: PartialDefinition, { branches, zones, zoneHqs }: Declared): Problem[] {
  const out: Problem[] = [];
  uniqueIds(d.staff, ['staff'], 'id', (p) => p.id, out);
  const trustees = new Map<string, { count: number; chairs: number }>();
  for (const { at, value: p } of d.staff) {
    const scope = p.scope;
    const path = ['staff', at, 'scope'];
    switch (scope.kind) {
      case 'constituency':
        break;
      case 'zone':
        if (zones.size > 0 && !zones.has(scope.zoneId)) {
          out.push(
            problem('DEFINITION_UNKNOWN_REFERENCE', { kind: 'zone', id: scope.zoneId }, [
              ...path,
              'zoneId',
            ]),
          );
        }
        break;
      case 'zoneHq':
        if (zoneHqs.size > 0 && !zoneHqs.has(scope.zoneHqId)) {
          out.push(
            problem('DEFINITION_UNKNOWN_REFERENCE', { kind: 'zone HQ', id: scope.zoneHqId }, [
              ...path,
              'zoneHqId',
            ]),
          );
        }
        break;
      case 'branches':
        scope.branchIds.forEach((branchId, i) => {
          if (branches.size > 0 && !branches.has(branchId)) {
            out.push(
              problem('DEFINITION_UNKNOWN_REFERENCE', { kind: 'branch', id: branchId }, [
                ...path,
                'branchIds',
                i,
              ]),
            );
          }
        });
        break;
    }
    const isTrustee = p.role === 'branch-trustee';
    if (isTrustee !== (p.trusteeRole !== undefined) || (!isTrustee && p.deviceOperator === true)) {
      out.push(problem('DEFINITION_TRUSTEE_FIELDS', { id: p.id }, ['staff', at]));
    }
    if (isTrustee) {
      if (scope.kind !== 'branches' || scope.branchIds.length !== 1) {
        out.push(problem('DEFINITION_TRUSTEE_SCOPE', { id: p.id }, path));
        continue;
      }
      const branchId = scope.branchIds[0] ?? '';
      const t = trustees.get(branchId) ?? { count: 0, chairs: 0 };
      t.count += 1;
      if (p.trusteeRole === 'chair') t.chairs += 1;
      trustees.set(branchId, t);
    }
  }
  // Five trustees with one chair (DESIGN §2 "People in a branch"); a branch not yet staffed is
  // allowed here and flagged by the readiness checks before opening.
  for (const { at, value: b } of d.branches) {
    const t = trustees.get(b.id);
    if (t !== undefined && (t.count !== 5 || t.chairs !== 1)) {
      out.push(
        problem('DEFINITION_BRANCH_STAFF', { branch: b.id, count: t.count, chairs: t.chairs }, [
          'branches',
          at,
        ]),
      );
    }
  }
  return out;
}
