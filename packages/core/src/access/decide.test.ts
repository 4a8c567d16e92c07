import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { StaffScope } from '../definition/schema.js';
import { decide, mayAttempt, mayInitiate } from './decide.js';
import { ACTIONS, accessPolicy } from './policy.js';
import {
  ACCOUNT_ROLES,
  SUPERVISOR_ROLES,
  scopeContains,
  type Actor,
  type ObjectLocation,
} from './roles.js';
import { SCOPE_RULES, type ActionSpec, type Policy } from './spec.js';

/** A small geography: 3 zone HQs and 3 zones, 9 branches, each branch in one of each. */
const ZONE_HQS = ['h1', 'h2', 'h3'];
const ZONES = ['z1', 'z2', 'z3'];
const BRANCHES = Array.from({ length: 9 }, (_, i) => ({
  branchId: `b${i}`,
  zoneHqId: ZONE_HQS[i % 3] ?? 'h1',
  zoneId: ZONES[Math.floor(i / 3)] ?? 'z1',
}));

const scopeArb: fc.Arbitrary<StaffScope> = fc.oneof(
  fc.constant({ kind: 'constituency' as const }),
  fc.constantFrom(...ZONE_HQS).map((zoneHqId) => ({ kind: 'zoneHq' as const, zoneHqId })),
  fc.constantFrom(...ZONES).map((zoneId) => ({ kind: 'zone' as const, zoneId })),
  fc
    .subarray(
      BRANCHES.map((b) => b.branchId),
      { minLength: 1 },
    )
    .map((branchIds) => ({ kind: 'branches' as const, branchIds })),
);

const locationArb: fc.Arbitrary<ObjectLocation> = fc.oneof(
  fc.constant({ kind: 'constituency' as const }),
  fc.constantFrom(...ZONE_HQS).map((zoneHqId) => ({ kind: 'zoneHq' as const, zoneHqId })),
  fc.constantFrom(...ZONES).map((zoneId) => ({ kind: 'zone' as const, zoneId })),
  fc.constantFrom(...BRANCHES).map((b) => ({ kind: 'branch' as const, ...b })),
  fc.constant({ kind: 'branch' as const, branchId: 'unknown' }),
);

const actorArb: fc.Arbitrary<Actor> = fc.record({
  accountId: fc.constantFrom('a1', 'a2', 'a3'),
  role: fc.constantFrom(...ACCOUNT_ROLES),
  scope: scopeArb,
  trusteeRole: fc.constantFrom('chair' as const, 'secretary' as const, undefined),
  deviceOperator: fc.boolean(),
});

const maybeActor = fc.option(actorArb, { nil: undefined });
const realAction = fc.constantFrom(...ACTIONS);

/** Random policies: any audience, any grants, sometimes a second approver. */
const grantsArb = fc.dictionary(fc.constantFrom(...ACCOUNT_ROLES), fc.constantFrom(...SCOPE_RULES));
const specArb: fc.Arbitrary<ActionSpec> = fc.record(
  {
    summary: fc.constant('x'),
    audience: fc.constantFrom(
      'public' as const,
      'signed-in' as const,
      'staff' as const,
      'device' as const,
    ),
    effect: fc.constantFrom('read' as const, 'change' as const, 'attest' as const),
    grants: grantsArb,
    secondApprover: fc.record({ grants: grantsArb, because: fc.constant('x') }),
  },
  { requiredKeys: ['summary', 'audience', 'effect'] },
);
const policyArb: fc.Arbitrary<Policy> = fc.dictionary(
  fc.constantFrom('a.one', 'a.two', 'a.three'),
  specArb,
);

describe('decide', () => {
  it('denies by default: an action not in the table is refused to everyone', () => {
    fc.assert(
      fc.property(maybeActor, fc.string(), locationArb, (actor, action, where) => {
        fc.pre(!Object.hasOwn(accessPolicy, action));
        expect(decide(accessPolicy, actor, action, where)).toEqual({
          allowed: false,
          reason: 'unknown-action',
        });
      }),
    );
  });

  it('allows a staff action only to a role the table lists for it', () => {
    fc.assert(
      fc.property(policyArb, actorArb, locationArb, (policy, actor, where) => {
        for (const [action, spec] of Object.entries(policy)) {
          const verdict = decide(policy, actor, action, where);
          if (spec.audience === 'staff' && spec.grants?.[actor.role] === undefined)
            expect(verdict.allowed).toBe(false);
          if (spec.audience === 'device') expect(verdict.allowed).toBe(false);
        }
      }),
    );
  });

  it('never lets anyone anonymous past a non-public action', () => {
    fc.assert(
      fc.property(policyArb, locationArb, (policy, where) => {
        for (const [action, spec] of Object.entries(policy))
          expect(decide(policy, undefined, action, where).allowed).toBe(spec.audience === 'public');
      }),
    );
  });

  it('keeps an own-scope grant inside the scope: allowed only where the scope contains the object', () => {
    fc.assert(
      fc.property(actorArb, realAction, locationArb, (actor, action, where) => {
        const spec: ActionSpec = accessPolicy[action];
        const rule = spec.grants?.[actor.role];
        fc.pre(spec.audience === 'staff' && rule !== undefined && rule !== 'anywhere');
        if (mayInitiate(accessPolicy, actor, action, where).allowed)
          expect(scopeContains(actor.scope, where)).toBe(true);
      }),
    );
  });

  it('refuses a narrow scope what it allows the constituency: scope only ever narrows', () => {
    fc.assert(
      fc.property(actorArb, realAction, locationArb, (actor, action, where) => {
        const wide: Actor = { ...actor, scope: { kind: 'constituency' } };
        if (mayInitiate(accessPolicy, actor, action, where).allowed)
          expect(mayInitiate(accessPolicy, wide, action, where).allowed).toBe(true);
      }),
    );
  });

  it('never lets a branch-scoped account reach a branch outside its list', () => {
    fc.assert(
      fc.property(actorArb, realAction, fc.constantFrom(...BRANCHES), (actor, action, branch) => {
        fc.pre(actor.scope.kind === 'branches' && !actor.scope.branchIds.includes(branch.branchId));
        const spec: ActionSpec = accessPolicy[action];
        fc.pre(spec.audience === 'staff' && spec.grants?.[actor.role] !== 'anywhere');
        expect(decide(accessPolicy, actor, action, { kind: 'branch', ...branch }).allowed).toBe(
          false,
        );
      }),
    );
  });

  it('lets supervisors change nothing but their own acts', () => {
    for (const role of SUPERVISOR_ROLES) {
      fc.assert(
        fc.property(actorArb, realAction, locationArb, actorArb, (actor, action, where, other) => {
          const supervisor: Actor = { ...actor, role };
          const spec: ActionSpec = accessPolicy[action];
          const verdict = decide(accessPolicy, supervisor, action, where, other);
          if (verdict.allowed && spec.audience === 'staff')
            expect(['read', 'attest']).toContain(spec.effect);
        }),
      );
    }
  });

  it('lets supervisors see everything that is not public', () => {
    for (const action of ACTIONS) {
      const spec: ActionSpec = accessPolicy[action];
      if (spec.audience !== 'staff' || spec.effect !== 'read') continue;
      for (const role of SUPERVISOR_ROLES)
        expect(spec.grants?.[role], `${action} ${role}`).toBe('anywhere');
    }
  });

  it('gives a candidate representative only public reads and their own branch’s live counts', () => {
    const granted = ACTIONS.filter(
      (a) => (accessPolicy[a] as ActionSpec).grants?.['candidate-representative'] !== undefined,
    );
    expect(granted).toEqual(['branches.readLive']);
    const rep: Actor = {
      accountId: 'r',
      role: 'candidate-representative',
      scope: { kind: 'branches', branchIds: ['b0'] },
    };
    const b0: ObjectLocation = { kind: 'branch', branchId: 'b0', zoneId: 'z1', zoneHqId: 'h1' };
    const b1: ObjectLocation = { kind: 'branch', branchId: 'b1', zoneId: 'z1', zoneHqId: 'h2' };
    expect(decide(accessPolicy, rep, 'branches.readLive', b0).allowed).toBe(true);
    expect(decide(accessPolicy, rep, 'branches.readLive', b1)).toEqual({
      allowed: false,
      reason: 'out-of-scope',
    });
    expect(decide(accessPolicy, rep, 'branches.read', b0).allowed).toBe(false);
    expect(decide(accessPolicy, rep, 'results.read', b1).allowed).toBe(true);
  });

  it('needs a second, different person of a named role within the scope for two-person actions', () => {
    const b0: ObjectLocation = { kind: 'branch', branchId: 'b0', zoneId: 'z1', zoneHqId: 'h1' };
    const here: StaffScope = { kind: 'branches', branchIds: ['b0'] };
    const operator: Actor = {
      accountId: 'op',
      role: 'branch-trustee',
      scope: here,
      trusteeRole: 'secretary',
      deviceOperator: true,
    };
    const chair: Actor = {
      accountId: 'ch',
      role: 'branch-trustee',
      scope: here,
      trusteeRole: 'chair',
    };
    const elsewhereChair: Actor = {
      ...chair,
      accountId: 'ch2',
      scope: { kind: 'branches', branchIds: ['b1'] },
    };
    const secretary: Actor = { ...chair, accountId: 's', trusteeRole: 'secretary' };
    const inspector: Actor = { accountId: 'in', role: 'inspector', scope: here };
    const o = (approver?: Actor) =>
      decide(accessPolicy, operator, 'pollbook.override', b0, approver);
    expect(o()).toEqual({ allowed: false, reason: 'second-approver-required' });
    expect(mayInitiate(accessPolicy, operator, 'pollbook.override', b0).allowed).toBe(true);
    expect(o(chair)).toEqual({ allowed: true });
    expect(o(operator)).toEqual({ allowed: false, reason: 'approver-is-actor' });
    expect(o(elsewhereChair)).toEqual({ allowed: false, reason: 'approver-out-of-scope' });
    expect(o(secretary)).toEqual({ allowed: false, reason: 'approver-not-branch-chair' });
    expect(o(inspector)).toEqual({ allowed: false, reason: 'approver-role-not-granted' });
    expect(decide(accessPolicy, chair, 'pollbook.override', b0, operator)).toEqual({
      allowed: false,
      reason: 'not-device-operator',
    });
  });

  it('never allows a two-person action with the same person twice', () => {
    fc.assert(
      fc.property(actorArb, realAction, locationArb, (actor, action, where) => {
        const spec: ActionSpec = accessPolicy[action];
        fc.pre(spec.secondApprover !== undefined);
        expect(decide(accessPolicy, actor, action, where, actor).allowed).toBe(false);
        expect(decide(accessPolicy, actor, action, where).allowed).toBe(false);
      }),
    );
  });

  it('agrees with mayAttempt: what decide allows somewhere, mayAttempt allows', () => {
    fc.assert(
      fc.property(maybeActor, realAction, locationArb, actorArb, (actor, action, where, other) => {
        if (decide(accessPolicy, actor, action, where, other).allowed)
          expect(mayAttempt(accessPolicy, actor, action).allowed).toBe(true);
      }),
    );
  });
});
