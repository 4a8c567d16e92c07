import { fc, test } from '@fast-check/vitest';
import { expect, it } from 'vitest';
import {
  branchSpeeds,
  totalMs,
  visitTimings,
  voterStep,
  type StationStepEvent,
} from './voterTime.js';

const T0 = Date.parse('2024-05-10T05:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

it('pairs starts with ends per visit and step, dropping halves, doubles and reversed pairs', () => {
  const events: StationStepEvent[] = [
    { visit: 'a'.repeat(16), step: 'identity', edge: 'start', at: at(0) },
    { visit: 'a'.repeat(16), step: 'identity', edge: 'end', at: at(9_000) },
    { visit: 'a'.repeat(16), step: 'casting', edge: 'start', at: at(10_000) },
    { visit: 'b'.repeat(16), step: 'identity', edge: 'end', at: at(1_000) },
    { visit: 'b'.repeat(16), step: 'identity', edge: 'start', at: at(5_000) },
    { visit: 'c'.repeat(16), step: 'printing', edge: 'start', at: at(0) },
    { visit: 'c'.repeat(16), step: 'printing', edge: 'start', at: at(1) },
    { visit: 'c'.repeat(16), step: 'printing', edge: 'end', at: at(2) },
  ];
  const { visits, dropped } = visitTimings(events);
  expect(dropped).toBe(3);
  expect(visits).toEqual([{ identity: 9_000, 'wait-device': null, casting: null, printing: null }]);
  expect(
    totalMs(visits[0] ?? { identity: 0, 'wait-device': 0, casting: 0, printing: 0 }),
  ).toBeNull();
});

test.prop([
  fc.array(fc.tuple(fc.nat(60_000), fc.nat(60_000), fc.nat(60_000), fc.nat(60_000)), {
    minLength: 1,
    maxLength: 40,
  }),
  fc.nat(),
])('recovers every complete visit, in any order of events', (durations, seed) => {
  const events: StationStepEvent[] = [];
  durations.forEach((d, v) => {
    const visit = v.toString(16).padStart(16, '0');
    let t = v * 300_000;
    voterStep.options.forEach((step, k) => {
      events.push({ visit, step, edge: 'start', at: at(t) });
      t += d[k] ?? 0;
      events.push({ visit, step, edge: 'end', at: at(t) });
    });
  });
  const shuffled = events
    .map((e, i) => ({ e, k: (i * 2_654_435_761 + seed) % 1_000_003 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.e);
  const { visits, dropped } = visitTimings(shuffled);
  expect(dropped).toBe(0);
  expect(visits.map((v) => totalMs(v)).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
    durations.map((d) => d.reduce((a, x) => a + x, 0)).sort((a, b) => a - b),
  );
});

it('puts the slowest branch first and alerts where the median is over target', () => {
  const visit = (s: number) => ({
    identity: s * 250,
    'wait-device': s * 250,
    casting: s * 250,
    printing: s * 250,
  });
  const speeds = branchSpeeds(
    [
      { branchId: 'fast', zoneHqId: 'z', visits: [visit(30), visit(40)], queue: null },
      { branchId: 'idle', zoneHqId: 'z', visits: [], queue: null },
      {
        branchId: 'slow',
        zoneHqId: 'z',
        visits: [visit(80), visit(90), visit(10)],
        queue: { length: 20, at: T0 },
      },
    ],
    60,
  );
  expect(speeds.map((s) => [s.branchId, s.voters.median, s.overTarget])).toEqual([
    ['slow', 80, true],
    ['fast', 35, false],
    ['idle', null, false],
  ]);
});
