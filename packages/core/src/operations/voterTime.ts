import { z } from 'zod';
import { medianOf, percentileOf } from './stats.js';

/**
 * The speed of voting (issue 8; the seed's "voting in the shortest time"; DESIGN §2: about 70
 * seconds per voter today). The station emits one event at the start and at the end of each
 * step a voter goes through; HQ turns them into per-step durations and figures per branch and
 * zone. docs/OPERATIONS.md §8.5.
 *
 * Law 2: an event carries no national code, no ballot card, no ballot id and nothing a ballot
 * carries. Its `visit` key is a random value the station draws for one voter's pass and uses
 * only to pair starts with ends; HQ pairs them on arrival and stores durations alone — no
 * visit key, no instant finer than the hour — so nothing it keeps can be joined to the poll
 * book's check-ins or to a ballot, by key, by time or by order.
 */

export const voterStep = z.enum(['identity', 'wait-device', 'casting', 'printing']);
export type VoterStep = z.infer<typeof voterStep>;

export const stationStepEvent = z.strictObject({
  /** Random per voter pass (16 hex), drawn by the station for pairing only; never a ballot id. */
  visit: z.string().regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits'),
  step: voterStep,
  edge: z.enum(['start', 'end']),
  at: z.iso.datetime({ offset: false, precision: 3 }),
});
export type StationStepEvent = z.infer<typeof stationStepEvent>;

/** One voter's pass as HQ keeps it: a duration per step, in milliseconds, nothing else. */
export type VisitTiming = Readonly<Record<VoterStep, number | null>>;

/** The longest a step may take before its pair is taken for a clock fault (one hour). */
const MAX_STEP_MS = 3_600_000;

/**
 * Pairs each visit's start and end events. A step with no start, no end, two of either, an end
 * before its start or an hour-long gap is dropped (and counted): a crashed or restarted device
 * leaves such halves, and a guess would bias the figures.
 */
export function visitTimings(events: readonly StationStepEvent[]): {
  visits: VisitTiming[];
  dropped: number;
} {
  const edges = new Map<string, { starts: number[]; ends: number[] }>();
  for (const e of events) {
    const key = `${e.visit}|${e.step}`;
    let pair = edges.get(key);
    if (pair === undefined) {
      pair = { starts: [], ends: [] };
      edges.set(key, pair);
    }
    (e.edge === 'start' ? pair.starts : pair.ends).push(Date.parse(e.at));
  }
  const visits = new Map<string, Record<VoterStep, number | null>>();
  let dropped = 0;
  for (const [key, pair] of edges) {
    const [visit, step] = key.split('|') as [string, VoterStep];
    const [start] = pair.starts;
    const [end] = pair.ends;
    const ms = start === undefined || end === undefined ? -1 : end - start;
    if (pair.starts.length !== 1 || pair.ends.length !== 1 || ms < 0 || ms > MAX_STEP_MS) {
      dropped += 1;
      continue;
    }
    let timing = visits.get(visit);
    if (timing === undefined) {
      timing = { identity: null, 'wait-device': null, casting: null, printing: null };
      visits.set(visit, timing);
    }
    timing[step] = ms;
  }
  return { visits: [...visits.values()], dropped };
}

/** The time a voter spent in all, when every step of the pass was measured. */
export function totalMs(v: VisitTiming): number | null {
  const parts = voterStep.options.map((s) => v[s]);
  return parts.every((p) => p !== null) ? parts.reduce((a, p) => a + p, 0) : null;
}

export interface SpeedFigure {
  readonly count: number;
  /** Seconds. */
  readonly median: number | null;
  readonly p95: number | null;
}

function figure(ms: readonly number[]): SpeedFigure {
  const s = ms.map((m) => m / 1000);
  return { count: s.length, median: medianOf(s), p95: percentileOf(s, 95) };
}

/** The median total a branch should stay under: faster than the ~70 s of DESIGN §2. */
export const DEFAULT_TARGET_SECONDS = 60;

export interface SpeedFigures {
  readonly voters: SpeedFigure;
  readonly steps: Readonly<Record<VoterStep, SpeedFigure>>;
}

export function speedFigures(visits: readonly VisitTiming[]): SpeedFigures {
  const steps = {} as Record<VoterStep, SpeedFigure>;
  for (const step of voterStep.options)
    steps[step] = figure(visits.flatMap((v) => (v[step] === null ? [] : [v[step]])));
  return {
    voters: figure(visits.flatMap((v) => totalMs(v) ?? [])),
    steps,
  };
}

export interface BranchSpeed extends SpeedFigures {
  readonly branchId: string;
  readonly zoneHqId: string;
  /** The latest queue the branch reported, and when (epoch ms); null if none yet. */
  readonly queue: { readonly length: number; readonly at: number } | null;
  readonly targetSeconds: number;
  /** The alert: the branch's median voter time is over its target. */
  readonly overTarget: boolean;
}

export interface BranchVisits {
  readonly branchId: string;
  readonly zoneHqId: string;
  readonly visits: readonly VisitTiming[];
  readonly queue: { readonly length: number; readonly at: number } | null;
}

/**
 * Every branch's figures, slowest first (by median voter time; branches with no complete pass
 * yet last), so the zone's committees see first where voters wait longest.
 */
export function branchSpeeds(
  branches: readonly BranchVisits[],
  targetSeconds: number = DEFAULT_TARGET_SECONDS,
): BranchSpeed[] {
  return branches
    .map((b) => {
      const f = speedFigures(b.visits);
      return {
        branchId: b.branchId,
        zoneHqId: b.zoneHqId,
        queue: b.queue,
        ...f,
        targetSeconds,
        overTarget: f.voters.median !== null && f.voters.median > targetSeconds,
      };
    })
    .sort(
      (a, b) =>
        (b.voters.median ?? -1) - (a.voters.median ?? -1) || a.branchId.localeCompare(b.branchId),
    );
}

/** A zone HQ's figures over all its branches' passes, with its slowest branches and alerts. */
export function zoneSpeeds(branches: readonly BranchVisits[], targetSeconds?: number) {
  const zones = new Map<string, BranchVisits[]>();
  for (const b of branches) {
    const list = zones.get(b.zoneHqId);
    if (list === undefined) zones.set(b.zoneHqId, [b]);
    else list.push(b);
  }
  return [...zones.entries()].map(([zoneHqId, list]) => {
    const speeds = branchSpeeds(list, targetSeconds);
    return {
      zoneHqId,
      ...speedFigures(list.flatMap((b) => b.visits)),
      overTarget: speeds.filter((s) => s.overTarget).map((s) => s.branchId),
      slowest: speeds.slice(0, 5).map((s) => ({ branchId: s.branchId, median: s.voters.median })),
    };
  });
}
