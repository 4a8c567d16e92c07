import { expect, it } from 'vitest';
import { branchStaffing, type AssignedPerson, type AttendanceStatus } from './staffing.js';

const trustee = (n: number): AssignedPerson => ({
  id: `t${n}`,
  role: 'branch-trustee',
  trusteeRole: n === 1 ? 'chair' : 'secretary',
  deviceOperator: n === 2,
});
const people: AssignedPerson[] = [
  ...[1, 2, 3, 4, 5].map(trustee),
  { id: 'gov', role: 'governor-representative', trusteeRole: null, deviceOperator: false },
  { id: 'obs', role: 'observer', trusteeRole: null, deviceOperator: false },
];
const with_ = (entries: [string, AttendanceStatus][]) => new Map(entries);

it('flags a branch whose chair, operator, quorum or representative is missing', () => {
  expect(branchStaffing(people, with_([])).gaps).toEqual([
    'chair-absent',
    'device-operator-absent',
    'trustee-quorum',
    'governor-representative-absent',
  ]);
  const full = with_([
    ['t1', 'present'],
    ['t2', 'present'],
    ['t4', 'present'],
    ['gov', 'present'],
  ]);
  expect(branchStaffing(people, full)).toMatchObject({
    ready: true,
    gaps: [],
    unknown: ['t3', 't5', 'obs'],
  });
  full.set('t2', 'left');
  expect(branchStaffing(people, full).gaps).toEqual(['device-operator-absent', 'trustee-quorum']);
});

it('needs no representative where none is assigned, and never waits for an observer', () => {
  const trustees = people.filter((p) => p.role === 'branch-trustee');
  const here = with_([
    ['t1', 'present'],
    ['t2', 'present'],
    ['t3', 'present'],
  ]);
  expect(branchStaffing(trustees, here).ready).toBe(true);
});
