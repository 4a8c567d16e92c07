import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffRole } from '../definition/schema.js';
import { failuresSoFar, lockoutMs, LOCKOUT } from './lockout.js';
import { passwordWeakness, totpCodeInput, usernameInput } from './credentials.js';
import { ACTIONS, accessPolicy } from './policy.js';
import { policySectionOf, renderPolicyDoc, replacePolicySection } from './policyDoc.js';
import { ACCOUNT_ROLES } from './roles.js';
import type { ActionSpec } from './spec.js';

describe('the access policy table', () => {
  it('names every action area.verb and says what each is for', () => {
    for (const action of ACTIONS) {
      expect(action).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect((accessPolicy[action] as ActionSpec).summary.length).toBeGreaterThan(5);
    }
  });

  it('gives grants to staff actions only, and every staff action to at least one role', () => {
    for (const action of ACTIONS) {
      const spec: ActionSpec = accessPolicy[action];
      if (spec.audience === 'staff')
        expect(Object.keys(spec.grants ?? {}).length).toBeGreaterThan(0);
      else expect(spec.grants, action).toBeUndefined();
    }
  });

  it('names the device kinds of every device action, and of no other', () => {
    for (const action of ACTIONS) {
      const spec: ActionSpec = accessPolicy[action];
      if (spec.audience === 'device')
        expect(spec.deviceKinds?.length ?? 0, action).toBeGreaterThan(0);
      else expect(spec.deviceKinds, action).toBeUndefined();
    }
  });

  it('covers every staff role of the definition plus the candidate representative', () => {
    expect(ACCOUNT_ROLES).toEqual([...staffRole.options, 'candidate-representative']);
    const used = new Set(
      ACTIONS.flatMap((a) => Object.keys((accessPolicy[a] as ActionSpec).grants ?? {})),
    );
    for (const role of ACCOUNT_ROLES) expect(used, role).toContain(role);
  });

  it('declares the two-person rules of the brief: override, extension beyond the limit, certification', () => {
    for (const action of [
      'pollbook.override',
      'branches.extendHoursBeyondLimit',
      'results.certify',
    ] as const)
      expect((accessPolicy[action] as ActionSpec).secondApprover).toBeDefined();
  });

  it('is shown in docs/SECURITY.md exactly as generated (node --import tsx scripts/policy-doc.ts)', () => {
    const onDisk = readFileSync(new URL('../../../../docs/SECURITY.md', import.meta.url), 'utf8');
    expect(
      policySectionOf(onDisk),
      'docs/SECURITY.md has no generated policy section',
    ).toBeDefined();
    expect(policySectionOf(onDisk)).toBe(renderPolicyDoc(accessPolicy));
    expect(replacePolicySection(onDisk, renderPolicyDoc(accessPolicy))).toBe(onDisk);
  });
});

describe('lockout', () => {
  it('locks after five failures for a minute, doubling to at most an hour', () => {
    expect([0, 1, 4].map(lockoutMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 10, 11, 50].map((n) => lockoutMs(n) / 60_000)).toEqual([1, 2, 4, 32, 60, 60]);
  });

  it('forgets failures after a day without one', () => {
    expect(failuresSoFar(4, 0, LOCKOUT.forgetAfterMs)).toBe(4);
    expect(failuresSoFar(4, 0, LOCKOUT.forgetAfterMs + 1)).toBe(0);
    expect(failuresSoFar(4, undefined, 0)).toBe(0);
  });
});

describe('what people type to sign in', () => {
  it('accepts TOTP codes in Persian or Arabic digits, with spaces', () => {
    expect(totpCodeInput.parse('۱۲۳ ۴۵۶')).toBe('123456');
    expect(totpCodeInput.parse('١٢٣٤٥٦')).toBe('123456');
    expect(totpCodeInput.safeParse('12345').success).toBe(false);
    expect(totpCodeInput.safeParse('12345a').success).toBe(false);
  });

  it('compares usernames without case', () => {
    expect(usernameInput.parse('S02F07deaf0ba')).toBe('s02f07deaf0ba');
    expect(usernameInput.safeParse('../etc').success).toBe(false);
  });

  it('asks for 12 characters that do not contain the username, counted as people see them', () => {
    expect(passwordWeakness('short', 'ali')).toBe('too-short');
    expect(passwordWeakness('xx-ALI-xx-long-enough', 'ali')).toBe('contains-username');
    expect(passwordWeakness('گذرواژهٔ بلند من', 'ali')).toBeUndefined();
    expect(passwordWeakness('x'.repeat(257), 'ali')).toBe('too-long');
  });
});
