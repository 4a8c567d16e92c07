import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  accountRole,
  err,
  ok,
  problem,
  staffScope,
  type AccountRole,
  type ElectionDefinition,
  type Problem,
  type Result,
  type StaffScope,
} from '@sandogh/core';
import {
  findAccount,
  hashPassword,
  issueAccount,
  newOneTimePassword,
  newTotpSecret,
  ONE_TIME_PASSWORD_PARAMS,
  otpauthUri,
  resetCredentials,
  verifyPassword,
  type AccountRequest,
  type Store,
} from '@sandogh/store';
import { jsonText } from '../files.js';

/**
 * The demo's accounts (`npm start`): one per kind of person a visitor wants to try, with
 * passwords and TOTP secrets kept in `<demo dir>/demo-accounts.json` (mode 0600) and printed in
 * the summary. Idempotent: the file is the truth; a restart finds the accounts as the file says,
 * creates any that are missing and resets any whose credentials drifted. Demo only — a real HQ
 * creates accounts with `sandogh staff accounts create` and never prints a password.
 */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.json';

export interface DemoAccount {
  readonly username: string;
  readonly role: AccountRole;
  readonly scope: StaffScope;
  readonly trusteeRole?: 'chair' | 'secretary';
  readonly label: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly otpauthUri: string;
}

/** One entry of the file as written by `ensureDemoAccounts`; undefined for anything else. */
function demoAccountOf(value: unknown): DemoAccount | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const role = accountRole.safeParse(v['role']);
  const scope = staffScope.safeParse(v['scope']);
  const text = (key: string) => (typeof v[key] === 'string' ? v[key] : undefined);
  const [username, label, password, totpSecret, uri] = [
    text('username'),
    text('label'),
    text('password'),
    text('totpSecret'),
    text('otpauthUri'),
  ];
  if (!role.success || !scope.success || username === undefined || label === undefined)
    return undefined;
  if (password === undefined || totpSecret === undefined || uri === undefined) return undefined;
  const trustee = v['trusteeRole'];
  return {
    username,
    role: role.data,
    scope: scope.data,
    ...(trustee === 'chair' || trustee === 'secretary' ? { trusteeRole: trustee } : {}),
    label,
    password,
    totpSecret,
    otpauthUri: uri,
  };
}

type Spec = Omit<DemoAccount, 'password' | 'totpSecret' | 'otpauthUri'>;

/** Who the demo lets you be: HQ, a zone HQ, branch 0001's chair, a supervisor, IT, a candidate's representative. */
function demoSpecs(d: ElectionDefinition): Spec[] {
  const branch = d.branches.find((b) => b.id === '0001') ?? d.branches[0];
  const branchId = branch?.id ?? '0001';
  const zoneHqId = branch?.zoneHqId ?? d.zoneHqs[0]?.id ?? '';
  return [
    { username: 'demo-hq', role: 'hq-staff', scope: { kind: 'constituency' }, label: 'HQ staff' },
    {
      username: 'demo-zone-hq',
      role: 'zone-hq-staff',
      scope: { kind: 'zoneHq', zoneHqId },
      label: `zone HQ ${zoneHqId}`,
    },
    {
      username: `demo-chair-${branchId}`,
      role: 'branch-trustee',
      trusteeRole: 'chair',
      scope: { kind: 'branches', branchIds: [branchId] },
      label: `chair of branch ${branchId}`,
    },
    {
      username: 'demo-supervisor',
      role: 'supervisory-board',
      scope: { kind: 'constituency' },
      label: 'supervisory board',
    },
    {
      username: 'demo-it',
      role: 'it-committee',
      scope: { kind: 'zoneHq', zoneHqId },
      label: `IT committee, zone HQ ${zoneHqId}`,
    },
    {
      username: 'demo-representative',
      role: 'candidate-representative',
      scope: { kind: 'branches', branchIds: [branchId] },
      label: `candidate's representative, branch ${branchId}`,
    },
  ];
}

/** The demo accounts file, or a problem saying why it cannot be read. */
export function readDemoAccounts(dir: string): Result<DemoAccount[], Problem> {
  const file = join(dir, DEMO_ACCOUNTS_FILE);
  if (!existsSync(file)) return err(problem('FILE_NOT_FOUND', { file }));
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { accounts?: unknown };
    const list = Array.isArray(parsed.accounts) ? (parsed.accounts as unknown[]) : [];
    const accounts = list.map(demoAccountOf);
    if (list.length === 0 || accounts.some((a) => a === undefined))
      return err(problem('FILE_UNREADABLE', { file, reason: 'not a demo accounts file' }));
    return ok(accounts.filter((a): a is DemoAccount => a !== undefined));
  } catch (e) {
    return err(
      problem('FILE_NOT_JSON', { file, reason: e instanceof Error ? e.message : String(e) }),
    );
  }
}

/** Makes the store hold the demo accounts the file lists (writing the file first if new). */
export async function ensureDemoAccounts(
  store: Store,
  dir: string,
  definition: ElectionDefinition,
  nowMs: number,
): Promise<Result<DemoAccount[], Problem>> {
  const existing = readDemoAccounts(dir);
  const known = new Map((existing.ok ? existing.value : []).map((a) => [a.username, a]));
  const accounts: DemoAccount[] = demoSpecs(definition).map((spec) => {
    const found = known.get(spec.username);
    const password = found?.password ?? newOneTimePassword();
    const totpSecret = found?.totpSecret ?? newTotpSecret();
    return { ...spec, password, totpSecret, otpauthUri: otpauthUri(totpSecret, spec.username) };
  });
  if (!existing.ok) {
    writeFileSync(
      join(dir, DEMO_ACCOUNTS_FILE),
      jsonText({
        warning: 'Demo accounts of a demo election only. Never use these on a real HQ.',
        accounts,
      }),
      { mode: 0o600 },
    );
  }
  for (const a of accounts) {
    const stored = await findAccount(store.db, { username: a.username });
    if (stored === undefined) {
      const request: AccountRequest = {
        username: a.username,
        name: { fa: `نمایشی: ${a.label}`, en: `Demo: ${a.label}` },
        role: a.role,
        scope: a.scope,
        electionId: definition.election.id,
        trusteeRole: a.trusteeRole ?? null,
      };
      const made = await issueAccount(store, request, {
        nowMs,
        password: a.password,
        totpSecret: a.totpSecret,
        params: ONE_TIME_PASSWORD_PARAMS,
      });
      if (!made.ok) return err(made.error);
    } else if (
      stored.totpSecret !== a.totpSecret ||
      stored.passwordMustChange ||
      !(await verifyPassword(stored.passwordHash, a.password))
    ) {
      const reset = await resetCredentials(store, a.username, {
        passwordHash: await hashPassword(a.password, ONE_TIME_PASSWORD_PARAMS),
        totpSecret: a.totpSecret,
        mustChange: false,
      });
      if (!reset.ok) return err(reset.error);
    }
  }
  return ok(accounts);
}
