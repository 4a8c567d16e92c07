import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  dueEscalations,
  INCIDENT_TARGETS,
  incidentKind,
  incidentState,
  mayHandle,
  nextIncidentState,
  routeIncident,
  zoneIncidentFigures,
  type IncidentFacts,
  type IncidentState,
  type IncidentStep,
} from './incidents.js';

const MIN = 60_000;
const T0 = Date.parse('2024-05-10T05:00:00.000Z');

function incident(over: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    branchId: 'b-1',
    zoneHqId: 'zhq-1',
    severity: 'cannot-vote',
    state: 'reported',
    reportedAt: T0,
    acknowledgedAt: null,
    resolvedAt: null,
    acknowledgeEscalatedAt: null,
    resolveEscalatedAt: null,
    ...over,
  };
}

describe('incident routing', () => {
  it('sends device, printer and network trouble to IT, power, supplies and queues to support, order to security', () => {
    expect(routeIncident('authentication-device')).toBe('it-committee');
    expect(routeIncident('voting-device')).toBe('it-committee');
    expect(routeIncident('printer-paper')).toBe('it-committee');
    expect(routeIncident('network')).toBe('it-committee');
    expect(routeIncident('power')).toBe('support-committee');
    expect(routeIncident('supplies')).toBe('support-committee');
    expect(routeIncident('queue')).toBe('support-committee');
    expect(routeIncident('security')).toBe('security');
    expect(routeIncident('other')).toBe('zone-hq');
  });

  it('lets a committee take only its own incidents; zone HQ and HQ staff take any', () => {
    for (const kind of incidentKind.options) {
      const team = routeIncident(kind);
      expect(mayHandle('hq-staff', team)).toBe(true);
      expect(mayHandle('zone-hq-staff', team)).toBe(true);
      expect(mayHandle('it-committee', team)).toBe(team === 'it-committee');
      expect(mayHandle('support-committee', team)).toBe(team === 'support-committee');
      expect(mayHandle('branch-trustee', team)).toBe(false);
    }
  });
});

describe('the incident timeline', () => {
  it('walks reported → acknowledged → assigned → on site → resolved → confirmed', () => {
    const steps: IncidentStep[] = ['acknowledge', 'assign', 'arrive', 'resolve', 'confirm'];
    let state: IncidentState = 'reported';
    for (const step of steps) {
      const next = nextIncidentState(state, step);
      if (!next.ok) throw new Error(`refused ${step} from ${state}`);
      state = next.value;
    }
    expect(state).toBe('confirmed');
  });

  it('allows a remote fix without anyone on site, and a reopen back to the team', () => {
    expect(nextIncidentState('acknowledged', 'resolve')).toEqual({ ok: true, value: 'resolved' });
    expect(nextIncidentState('resolved', 'reopen')).toEqual({ ok: true, value: 'assigned' });
  });

  test.prop([fc.constantFrom(...incidentState.options)])(
    'never resolves an unacknowledged incident nor confirms an unresolved one',
    (from) => {
      expect(nextIncidentState(from, 'resolve').ok).toBe(
        ['acknowledged', 'assigned', 'on-site'].includes(from),
      );
      expect(nextIncidentState(from, 'confirm').ok).toBe(from === 'resolved');
      expect(nextIncidentState(from, 'acknowledge').ok).toBe(from === 'reported');
    },
  );
});

describe('escalation', () => {
  it('escalates a branch that cannot vote when nobody acknowledged it within 2 minutes', () => {
    expect(INCIDENT_TARGETS['cannot-vote']).toEqual({ acknowledgeMinutes: 2, resolveMinutes: 15 });
    expect(dueEscalations(incident(), T0 + 2 * MIN)).toEqual([]);
    expect(dueEscalations(incident(), T0 + 2 * MIN + 1)).toEqual(['acknowledge']);
    const acked = incident({ state: 'acknowledged', acknowledgedAt: T0 + MIN });
    expect(dueEscalations(acked, T0 + 10 * MIN)).toEqual([]);
    expect(dueEscalations(acked, T0 + 15 * MIN + 1)).toEqual(['resolve']);
  });

  it('escalates each breach once, and never one met in time', () => {
    const escalated = incident({ acknowledgeEscalatedAt: T0 + 3 * MIN });
    expect(dueEscalations(escalated, T0 + 4 * MIN)).toEqual([]);
    const resolved = incident({
      state: 'resolved',
      acknowledgedAt: T0 + MIN,
      resolvedAt: T0 + 14 * MIN,
    });
    expect(dueEscalations(resolved, T0 + 60 * MIN)).toEqual([]);
  });

  test.prop([
    fc.constantFrom('cannot-vote' as const, 'degraded' as const, 'minor' as const),
    fc.integer({ min: 0, max: 300 }),
    fc.option(fc.integer({ min: 0, max: 300 })),
  ])('escalates acknowledgement exactly when its target passed unmet', (severity, at, ackAfter) => {
    const i = incident({
      severity,
      state: ackAfter === null ? 'reported' : 'acknowledged',
      acknowledgedAt: ackAfter === null ? null : T0 + ackAfter * MIN,
    });
    const target = INCIDENT_TARGETS[severity].acknowledgeMinutes;
    const ackMin = ackAfter ?? Number.POSITIVE_INFINITY;
    const expected = at > target && ackMin > target;
    expect(dueEscalations(i, T0 + at * MIN).includes('acknowledge')).toBe(expected);
  });
});

describe('zone figures', () => {
  it('counts open incidents, the times to acknowledge and resolve and the branches that cannot vote', () => {
    const list: IncidentFacts[] = [
      incident({ branchId: 'b-1', reportedAt: T0 }),
      incident({ branchId: 'b-1', reportedAt: T0 + 5 * MIN, severity: 'cannot-vote' }),
      incident({
        branchId: 'b-2',
        state: 'confirmed',
        acknowledgedAt: T0 + MIN,
        resolvedAt: T0 + 10 * MIN,
      }),
      incident({
        branchId: 'b-3',
        severity: 'degraded',
        state: 'acknowledged',
        acknowledgedAt: T0 + 3 * MIN,
      }),
      incident({ branchId: 'b-9', zoneHqId: 'zhq-2' }),
    ];
    const f = zoneIncidentFigures('zhq-1', list, T0 + 20 * MIN);
    expect(f.open).toBe(3);
    expect(f.openBySeverity).toEqual({ 'cannot-vote': 2, degraded: 1, minor: 0 });
    expect(f.acknowledgeSeconds).toEqual({ median: 120, p95: 180 });
    expect(f.resolveSeconds).toEqual({ median: 600, p95: 600 });
    expect(f.unableToVote).toEqual([{ branchId: 'b-1', since: T0, forSeconds: 1200 }]);
    expect(f.breachedNow).toBe(2);
  });
});
