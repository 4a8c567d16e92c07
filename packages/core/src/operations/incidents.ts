import { z } from 'zod';
import type { AccountRole } from '../access/roles.js';
import { assertNever, err, ok, type Result } from '../result.js';
import { medianOf, percentileOf } from './stats.js';

/**
 * Incidents on election day (issue 8; the seed: "if any problem occurs in a branch's voting
 * process, it must be solved in the shortest possible time"). Pure rules only: what an
 * incident is, who handles it, how fast, which step may follow which, when a missed target
 * escalates to the county HQ, and the figures per zone. Every function takes the instant it
 * reasons about (`now`, epoch milliseconds) from its caller: the HQ passes its injected clock,
 * tests a controlled one. docs/OPERATIONS.md §8.1 shows the tables below.
 */

export const incidentKind = z.enum([
  'authentication-device',
  'voting-device',
  'printer-paper',
  'network',
  'power',
  'supplies',
  'queue',
  /** Order and security, including any attempt to bring a non-mechanised box in (the seed). */
  'security',
  'other',
]);
export type IncidentKind = z.infer<typeof incidentKind>;

/**
 * How bad it is for the voters of the branch: `cannot-vote` (voting has stopped), `degraded`
 * (voting goes on, slower or with a workaround), `minor` (nothing voters notice yet).
 */
export const incidentSeverity = z.enum(['cannot-vote', 'degraded', 'minor']);
export type IncidentSeverity = z.infer<typeof incidentSeverity>;

export interface IncidentTargets {
  /** Minutes from the report to an acknowledgement by the team it was routed to. */
  readonly acknowledgeMinutes: number;
  /** Minutes from the report to "resolved". */
  readonly resolveMinutes: number;
}

/** The service targets per severity (docs/OPERATIONS.md §8.1, "Targets"). */
export const INCIDENT_TARGETS: Readonly<Record<IncidentSeverity, IncidentTargets>> = {
  'cannot-vote': { acknowledgeMinutes: 2, resolveMinutes: 15 },
  degraded: { acknowledgeMinutes: 5, resolveMinutes: 45 },
  minor: { acknowledgeMinutes: 15, resolveMinutes: 120 },
};

/**
 * Who handles an incident: the zone HQ's IT committee (devices, printer, network), its support
 * committee (power, supplies, queue — more hands, a spare power bank), security (order and
 * security: the zone HQ's staff with the governor's representative and the security officials
 * they call in), or the zone HQ's staff to triage what fits nowhere else.
 */
export const incidentTeam = z.enum(['it-committee', 'support-committee', 'security', 'zone-hq']);
export type IncidentTeam = z.infer<typeof incidentTeam>;

export function routeIncident(kind: IncidentKind): IncidentTeam {
  switch (kind) {
    case 'authentication-device':
    case 'voting-device':
    case 'printer-paper':
    case 'network':
      return 'it-committee';
    case 'power':
    case 'supplies':
    case 'queue':
      return 'support-committee';
    case 'security':
      return 'security';
    case 'other':
      return 'zone-hq';
    default:
      return assertNever(kind, 'incident kind');
  }
}

/**
 * Whether a person of `role` may take on an incident routed to `team`: the committee it was
 * routed to, or the staff of the zone HQ and the county HQ, who may take over anything. The
 * access policy has already placed the incident inside the person's scope.
 */
export function mayHandle(role: AccountRole, team: IncidentTeam): boolean {
  if (role === 'hq-staff' || role === 'zone-hq-staff') return true;
  if (role === 'it-committee') return team === 'it-committee';
  if (role === 'support-committee') return team === 'support-committee';
  return false;
}

/** The timeline of an incident, in order; `confirmed` is the branch saying "it works again". */
export const incidentState = z.enum([
  'reported',
  'acknowledged',
  'assigned',
  'on-site',
  'resolved',
  'confirmed',
]);
export type IncidentState = z.infer<typeof incidentState>;

/** A step someone takes; `reopen` is the branch answering "resolved" with "it still fails". */
export type IncidentStep = 'acknowledge' | 'assign' | 'arrive' | 'resolve' | 'confirm' | 'reopen';

/**
 * Allowed transitions. Steps may not be skipped forwards except that a problem fixed remotely
 * (a network setting, a phone call) is resolved without anyone on site; a reopened incident
 * goes back to its team as assigned, keeping its original report time for the targets.
 */
const TRANSITIONS: Readonly<Record<IncidentStep, readonly IncidentState[]>> = {
  acknowledge: ['reported'],
  assign: ['acknowledged', 'assigned'],
  arrive: ['assigned'],
  resolve: ['acknowledged', 'assigned', 'on-site'],
  confirm: ['resolved'],
  reopen: ['resolved'],
};

const NEXT_STATE: Readonly<Record<IncidentStep, IncidentState>> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  arrive: 'on-site',
  resolve: 'resolved',
  confirm: 'confirmed',
  reopen: 'assigned',
};

export interface TransitionRefusal {
  readonly from: IncidentState;
  readonly step: IncidentStep;
}

export function nextIncidentState(
  from: IncidentState,
  step: IncidentStep,
): Result<IncidentState, TransitionRefusal> {
  return TRANSITIONS[step].includes(from) ? ok(NEXT_STATE[step]) : err({ from, step });
}

/** An incident is open until it is resolved; a reopened one is open again. */
export function isIncidentOpen(state: IncidentState): boolean {
  return state !== 'resolved' && state !== 'confirmed';
}

/** What the escalation rules need to know of one incident. */
export interface IncidentClock {
  readonly severity: IncidentSeverity;
  readonly state: IncidentState;
  /** Epoch milliseconds. */
  readonly reportedAt: number;
  readonly acknowledgedAt: number | null;
  readonly resolvedAt: number | null;
  /** When each breach was escalated already (so each escalates once). */
  readonly acknowledgeEscalatedAt: number | null;
  readonly resolveEscalatedAt: number | null;
}

export type IncidentBreach = 'acknowledge' | 'resolve';

export function incidentDeadlines(severity: IncidentSeverity, reportedAt: number) {
  const t = INCIDENT_TARGETS[severity];
  return {
    acknowledgeBy: reportedAt + t.acknowledgeMinutes * 60_000,
    resolveBy: reportedAt + t.resolveMinutes * 60_000,
  };
}

/**
 * The targets an incident has missed at `now` and that were not escalated yet: each breach
 * goes to the county HQ once. A target met late is still a breach if it was missed while
 * nobody escalated it (the sweep runs every few seconds, so that only happens across a
 * restart); one met in time never is.
 */
export function dueEscalations(incident: IncidentClock, now: number): IncidentBreach[] {
  const { acknowledgeBy, resolveBy } = incidentDeadlines(incident.severity, incident.reportedAt);
  const due: IncidentBreach[] = [];
  const ackAt = incident.acknowledgedAt ?? Number.POSITIVE_INFINITY;
  if (incident.acknowledgeEscalatedAt === null && now > acknowledgeBy && ackAt > acknowledgeBy)
    due.push('acknowledge');
  const resolvedAt = isIncidentOpen(incident.state)
    ? Number.POSITIVE_INFINITY
    : (incident.resolvedAt ?? Number.POSITIVE_INFINITY);
  if (incident.resolveEscalatedAt === null && now > resolveBy && resolvedAt > resolveBy)
    due.push('resolve');
  return due;
}

/** One incident as the zone figures read it. */
export interface IncidentFacts extends IncidentClock {
  readonly branchId: string;
  readonly zoneHqId: string;
}

export interface ZoneIncidentFigures {
  readonly zoneHqId: string;
  readonly open: number;
  readonly openBySeverity: Readonly<Record<IncidentSeverity, number>>;
  /** Seconds; null when nothing was acknowledged (or resolved) yet. */
  readonly acknowledgeSeconds: { readonly median: number | null; readonly p95: number | null };
  readonly resolveSeconds: { readonly median: number | null; readonly p95: number | null };
  readonly breachedNow: number;
  /** Branches with an open `cannot-vote` incident, since its earliest report, longest first. */
  readonly unableToVote: readonly {
    readonly branchId: string;
    readonly since: number;
    readonly forSeconds: number;
  }[];
}

/** The live figures of one zone HQ from its incidents, at `now`. */
export function zoneIncidentFigures(
  zoneHqId: string,
  incidents: readonly IncidentFacts[],
  now: number,
): ZoneIncidentFigures {
  const mine = incidents.filter((i) => i.zoneHqId === zoneHqId);
  const open = mine.filter((i) => isIncidentOpen(i.state));
  const toAck = mine.flatMap((i) =>
    i.acknowledgedAt === null ? [] : [(i.acknowledgedAt - i.reportedAt) / 1000],
  );
  const toResolve = mine.flatMap((i) =>
    i.resolvedAt === null || isIncidentOpen(i.state) ? [] : [(i.resolvedAt - i.reportedAt) / 1000],
  );
  const down = new Map<string, number>();
  for (const i of open) {
    if (i.severity !== 'cannot-vote') continue;
    const since = down.get(i.branchId);
    if (since === undefined || i.reportedAt < since) down.set(i.branchId, i.reportedAt);
  }
  const openBySeverity = { 'cannot-vote': 0, degraded: 0, minor: 0 };
  for (const i of open) openBySeverity[i.severity] += 1;
  return {
    zoneHqId,
    open: open.length,
    openBySeverity,
    acknowledgeSeconds: { median: medianOf(toAck), p95: percentileOf(toAck, 95) },
    resolveSeconds: { median: medianOf(toResolve), p95: percentileOf(toResolve, 95) },
    breachedNow: open.filter((i) => {
      const d = incidentDeadlines(i.severity, i.reportedAt);
      return now > d.resolveBy || (i.acknowledgedAt === null && now > d.acknowledgeBy);
    }).length,
    unableToVote: [...down.entries()]
      .map(([branchId, since]) => ({ branchId, since, forSeconds: (now - since) / 1000 }))
      .sort((a, b) => a.since - b.since || a.branchId.localeCompare(b.branchId)),
  };
}
