import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { electionHash } from '@sandogh/core';
import { loadDefinition } from '../definition/load.js';
import { describeEachEngine } from '../testing/engines.js';
import { tinyDefinition } from '../testing/tinyDefinition.js';
import { findAccount, insertAccounts, listAccounts, scopeLabel } from './accounts.js';
import { resetCredentials, setAccountDisabled, unlockAccount } from './admin.js';
import { createStaffAccounts, issueAccount } from './issue.js';
import { matchTotp, totpCode } from './totp.js';
import { verifyPassword } from './password.js';
import { migrateToEmpty, migrateToLatest } from '../migrations/index.js';

const NOW = Date.parse('2024-05-10T04:00:00.000Z');

describeEachEngine('staff accounts', (ctx) => {
  async function loaded(branches = 8) {
    const d = tinyDefinition({ branches });
    const result = await loadDefinition(ctx.store, d, electionHash(d));
    if (!result.ok) throw new Error(result.error.code);
    return d;
  }

  it('creates an account for every staff assignment, once, with a one-time password and a TOTP secret', async () => {
    const d = await loaded();
    let progress = 0;
    const made = await createStaffAccounts(ctx.store, {
      nowMs: NOW,
      onProgress: (done) => (progress = done),
    });
    if (!made.ok) throw new Error(made.error.code);
    expect(made.value.issued).toHaveLength(d.staff.length);
    expect(progress).toBe(d.staff.length);
    expect(made.value.skipped).toBe(0);
    const chair = made.value.issued.find((c) => c.staffId === 'b-0001-t1');
    expect(chair).toMatchObject({
      username: 'b-0001-t1',
      role: 'branch-trustee',
      scope: { kind: 'branches', branchIds: ['b-0001'] },
    });
    const stored = await findAccount(ctx.store.db, { username: 'B-0001-T1' });
    expect(stored).toMatchObject({
      trusteeRole: 'chair',
      deviceOperator: false,
      passwordMustChange: true,
      electionId: d.election.id,
      scope: { kind: 'branches', branchIds: ['b-0001'] },
    });
    expect(await verifyPassword(stored?.passwordHash ?? '', chair?.password ?? '')).toBe(true);
    const code = totpCode(chair?.totpSecret ?? '', NOW) ?? '';
    expect(matchTotp(stored?.totpSecret ?? '', code, NOW)).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(chair?.password);

    const again = await createStaffAccounts(ctx.store, { nowMs: NOW });
    expect(again.ok && again.value).toMatchObject({ issued: [], skipped: d.staff.length });
    const zoneHq = await findAccount(ctx.store.db, { username: 'zhq-1-staff' });
    expect(zoneHq?.scope).toEqual({ kind: 'zoneHq', zoneHqId: 'zhq-1' });
    expect(scopeLabel(zoneHq?.scope ?? { kind: 'constituency' })).toBe('zone-hq:zhq-1');
  });

  it('creates only the roles asked for', async () => {
    await loaded();
    const made = await createStaffAccounts(ctx.store, {
      nowMs: NOW,
      roles: ['hq-staff', 'inspector'],
    });
    expect(made.ok && made.value.issued.map((c) => c.role).sort()).toEqual([
      'hq-staff',
      'inspector',
    ]);
  });

  it('refuses a taken username and a scope naming a place the election lacks, writing nothing', async () => {
    await loaded();
    const base = {
      name: { fa: 'نماینده', en: 'Representative' },
      role: 'candidate-representative' as const,
      electionId: 'majlis-12-test',
    };
    const rep = await issueAccount(
      ctx.store,
      { ...base, username: 'Rep-1', scope: { kind: 'branches', branchIds: ['b-0002'] } },
      { nowMs: NOW },
    );
    expect(rep.ok).toBe(true);
    const twice = await issueAccount(
      ctx.store,
      { ...base, username: 'rep-1', scope: { kind: 'constituency' } },
      { nowMs: NOW },
    );
    expect(!twice.ok && twice.error.code).toBe('ACCESS_ACCOUNT_EXISTS');
    for (const scope of [
      { kind: 'branches' as const, branchIds: ['b-0002', 'b-9999'] },
      { kind: 'zone' as const, zoneId: 'z-9' },
      { kind: 'zoneHq' as const, zoneHqId: 'zhq-9' },
    ]) {
      const bad = await issueAccount(
        ctx.store,
        { ...base, username: 'rep-2', scope },
        { nowMs: NOW },
      );
      expect(!bad.ok && bad.error.code).toBe('ACCESS_SCOPE_UNKNOWN');
    }
    const page = await listAccounts(ctx.store);
    expect(page.items.map((a) => a.username)).toEqual(['rep-1']);
    expect(JSON.stringify(page)).not.toMatch(/scrypt|totp_secret|totpSecret/);
  });

  it('lets a constituency-wide account exist before any election, and nothing narrower', async () => {
    const admin = await issueAccount(
      ctx.store,
      {
        username: 'admin',
        name: { fa: 'مدیر', en: 'Admin' },
        role: 'hq-staff',
        scope: { kind: 'constituency' },
        electionId: null,
      },
      { nowMs: NOW },
    );
    expect(admin.ok).toBe(true);
    const narrow = await insertAccounts(
      ctx.store,
      [
        {
          username: 'zone-person',
          electionId: null,
          name: { fa: 'الف', en: 'A' },
          role: 'zone-hq-staff',
          scope: { kind: 'zoneHq', zoneHqId: 'zhq-1' },
          passwordHash: 'x',
          totpSecret: 'x',
          passwordMustChange: true,
        },
      ],
      NOW,
    );
    expect(!narrow.ok && narrow.error.code).toBe('ACCESS_SCOPE_UNKNOWN');
  });

  it('disables, enables, unlocks and resets accounts by username', async () => {
    await loaded();
    await createStaffAccounts(ctx.store, { nowMs: NOW, roles: ['hq-staff'] });
    const off = await setAccountDisabled(ctx.store, 'HQ-1', true);
    expect(off.ok && off.value.account.disabled).toBe(true);
    expect((await findAccount(ctx.store.db, { username: 'hq-1' }))?.disabled).toBe(true);
    expect((await setAccountDisabled(ctx.store, 'hq-1', false)).ok).toBe(true);
    expect((await findAccount(ctx.store.db, { username: 'hq-1' }))?.disabled).toBe(false);
    expect((await unlockAccount(ctx.store, 'hq-1')).ok).toBe(true);
    const reset = await resetCredentials(ctx.store, 'hq-1', {
      passwordHash: 'h',
      totpSecret: 'MZXW6YTBOI',
      mustChange: true,
    });
    expect(reset.ok && reset.value.passwordMustChange).toBe(true);
    for (const missing of [
      await setAccountDisabled(ctx.store, 'nobody', true),
      await unlockAccount(ctx.store, 'nobody'),
    ])
      expect(!missing.ok && missing.error.code).toBe('ACCESS_ACCOUNT_NOT_FOUND');
  });

  it('keeps the constraints of migration 0003 on both engines', async () => {
    await loaded();
    await createStaffAccounts(ctx.store, { nowMs: NOW, roles: ['hq-staff', 'zone-hq-staff'] });
    const refused = (statement: Promise<unknown>) =>
      expect(statement).rejects.toThrow(/constraint|check/i);
    const db = ctx.store.db;
    await refused(sql`update accounts set role = 'voter' where username = 'hq-1'`.execute(db));
    await refused(sql`update accounts set disabled = 2 where username = 'hq-1'`.execute(db));
    await refused(
      sql`update accounts set scope_zone_id = 'z-1' where username = 'hq-1'`.execute(db),
    );
    await refused(sql`update accounts set failed_logins = -1 where username = 'hq-1'`.execute(db));
    await refused(
      sql`update accounts set election_id = null where username = 'zhq-1-staff'`.execute(db),
    );
    await refused(
      sql`update accounts set username = 'hq-1' where username = 'zhq-1-staff'`.execute(db),
    );
  });

  it('roll back with the other migrations and apply again', async () => {
    expect(await migrateToEmpty(ctx.store)).toContain('0003_access');
    expect(await migrateToLatest(ctx.store)).toContain('0003_access');
  });
});
