import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import {
  accountRole,
  problem,
  staffRole,
  usernameInput,
  type AuditEntryInput,
  type Problem,
  type StaffRole,
  type StaffScope,
} from '@sandogh/core';
import {
  appendAudit,
  currentElection,
  hashPassword,
  listAccounts,
  newOneTimePassword,
  newTotpSecret,
  ONE_TIME_PASSWORD_PARAMS,
  otpauthUri,
  recordAudit,
  resetCredentials,
  scopeLabel,
  setAccountDisabled,
  totpCode,
  totpSecondsLeft,
  unlockAccount,
  createStaffAccounts,
  issueAccount,
  type IssuedCredential,
  type Store,
} from '@sandogh/store';
import { action } from '../program.js';
import { jsonText } from '../files.js';
import { progressBar, say, type Progress } from '../output.js';
import { databaseOption, withStore } from '../storeOption.js';
import { readDemoAccounts } from './demoAccounts.js';

/**
 * `sandogh staff …` (issue 3): staff accounts from the CLI, the only place one-time credentials
 * are ever shown — written to a file readable by its owner alone (mode 0600), never to standard
 * output or a log. Every change is on the audit log, by the `cli` system actor (law 6).
 */

const CLI = { kind: 'system', id: 'cli' } as const;

function created(
  electionId: string | null,
  issued: readonly IssuedCredential[],
): AuditEntryInput[] {
  return issued.map((c) => ({
    action: 'access.account.created',
    outcome: 'succeeded',
    actor: CLI,
    electionId,
    object: { type: 'account', id: c.username },
    details: { role: c.role, scope: scopeLabel(c.scope) },
  }));
}

/** Reserves the credentials file before anything is created: it must not exist already. */
function reserve(file: string): number | Problem {
  try {
    return openSync(file, 'wx', 0o600);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST') return problem('FILE_EXISTS', { file });
    return problem('FILE_UNREADABLE', { file, reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Writes one-time credentials to a reserved file, durably, and warns the operator loudly. */
function deliver(fd: number, file: string, credentials: readonly IssuedCredential[]): void {
  const text = jsonText({
    warning:
      'One-time staff credentials. Hand each person their own entry, in person or sealed; then destroy this file. Each password must be changed at first sign-in.',
    accounts: credentials.map((c) => ({ ...c, mustChangePassword: true })),
  });
  writeSync(fd, text);
  fsyncSync(fd);
  closeSync(fd);
  process.stderr.write(
    `\n⚠  ${credentials.length} one-time credential(s) written to ${file} (mode 0600, readable by you alone).\n` +
      '   Anyone holding this file can sign in as these people until they change their passwords.\n' +
      '   Deliver each entry to its owner only, then destroy the file (e.g. shred -u).\n' +
      '   ⚠  اطلاعات ورود یک‌بارمصرف در این پرونده است؛ هر سطر را فقط به صاحبش بدهید و پرونده را نابود کنید.\n\n',
  );
}

function abandon(fd: number, file: string): void {
  closeSync(fd);
  unlinkSync(file);
}

async function withCredentialsFile(
  file: string,
  work: () => Promise<IssuedCredential[] | readonly Problem[]>,
): Promise<readonly Problem[] | undefined> {
  const fd = reserve(file);
  if (typeof fd !== 'number') return [fd];
  let outcome: IssuedCredential[] | readonly Problem[];
  try {
    outcome = await work();
  } catch (e) {
    abandon(fd, file);
    throw e;
  }
  const first = outcome[0];
  if (first !== undefined && 'code' in first) {
    abandon(fd, file);
    return outcome as readonly Problem[];
  }
  deliver(fd, file, outcome as IssuedCredential[]);
  return undefined;
}

function scopeFrom(flags: {
  zoneHq?: string;
  zone?: string;
  branch?: string[];
}): StaffScope | Problem {
  const given = [flags.zoneHq, flags.zone, flags.branch].filter((v) => v !== undefined);
  if (given.length > 1)
    return problem('CLI_USAGE', { reason: 'give at most one of --zone-hq, --zone, --branch' });
  if (flags.zoneHq !== undefined) return { kind: 'zoneHq', zoneHqId: flags.zoneHq };
  if (flags.zone !== undefined) return { kind: 'zone', zoneId: flags.zone };
  if (flags.branch !== undefined) return { kind: 'branches', branchIds: flags.branch };
  return { kind: 'constituency' };
}

function parsedUsername(raw: string): string | Problem {
  const parsed = usernameInput.safeParse(raw);
  return parsed.success
    ? parsed.data
    : problem('INPUT_BAD_FORMAT', { format: 'username' }, ['username']);
}

async function note(store: Store, entry: AuditEntryInput): Promise<void> {
  await recordAudit(store, [entry]);
}

interface CreateFlags {
  database: string;
  role: string;
  out?: string;
  zoneHq?: string;
  zone?: string;
  branch?: string[];
  nameFa?: string;
  nameEn?: string;
}

export function registerStaffCommands(program: Command): void {
  const staff = program
    .command('staff')
    .description('Staff accounts: create, list, disable, enable, unlock, reset; demo TOTP codes');
  const accounts = staff.command('accounts').description('Accounts in bulk');

  databaseOption(
    accounts
      .command('create')
      .description(
        'An account for every staff assignment of the loaded definition that has none; one-time credentials go to a file (mode 0600)',
      )
      .option(
        '-o, --out <file>',
        'credentials file to write (must not exist)',
        'staff-credentials.json',
      )
      .option('--role <roles...>', 'only these roles'),
  ).action(
    action(async (flags: { database: string; out: string; role?: string[] }) => {
      const roles: StaffRole[] = [];
      for (const r of flags.role ?? []) {
        const parsed = staffRole.safeParse(r);
        if (!parsed.success)
          return [
            problem('INPUT_NOT_ALLOWED', { allowed: staffRole.options.join(', ') }, ['role']),
          ];
        roles.push(parsed.data);
      }
      let skipped = 0;
      const problems = await withStore(flags.database, (store) =>
        withCredentialsFile(flags.out, async () => {
          const electionId = (await currentElection(store))?.id ?? null;
          let bar: Progress | undefined;
          const made = await createStaffAccounts(store, {
            nowMs: Date.now(),
            ...(roles.length > 0 ? { roles } : {}),
            onProgress: (done, total) => {
              bar ??= progressBar('accounts', total);
              bar.update(done);
            },
            record: (trx, issued) => appendAudit(trx, created(electionId, issued)),
          });
          bar?.stop();
          if (!made.ok) return [made.error];
          skipped = made.value.skipped;
          return [...made.value.issued];
        }),
      );
      if (problems !== undefined) return problems;
      say(`✔ accounts created; ${skipped} staff already had one (unchanged).`);
      return undefined;
    }),
  );

  databaseOption(
    accounts
      .command('list')
      .description('Accounts: username, role, scope, status')
      .option('--role <role>'),
  ).action(
    action(async (flags: { database: string; role?: string }) => {
      const role = flags.role === undefined ? undefined : accountRole.safeParse(flags.role);
      if (role !== undefined && !role.success)
        return [
          problem('INPUT_NOT_ALLOWED', { allowed: accountRole.options.join(', ') }, ['role']),
        ];
      await withStore(flags.database, async (store) => {
        for (let offset = 0; ; offset += 1_000) {
          const page = await listAccounts(store, { role: role?.data, limit: 1_000, offset });
          for (const a of page.items)
            say(
              `${a.username}\t${a.role}\t${scopeLabel(a.scope)}${a.disabled ? '\tdisabled' : ''}${a.lockedUntil === null ? '' : `\tlocked until ${a.lockedUntil}`}`,
            );
          if (offset + page.limit >= page.total) break;
        }
      });
      return undefined;
    }),
  );

  databaseOption(
    staff
      .command('create')
      .description('One account (e.g. the first HQ staff, before any election is loaded)')
      .argument('<username>')
      .requiredOption('--role <role>', `one of: ${accountRole.options.join(', ')}`)
      .option('--zone-hq <id>', 'scope: one zone HQ')
      .option('--zone <id>', "scope: one governor's-representative zone")
      .option('--branch <ids...>', 'scope: these branches')
      .option('--name-fa <name>', 'name in Persian')
      .option('--name-en <name>', 'name in English')
      .option('-o, --out <file>', 'credentials file to write (must not exist)'),
  ).action(
    action(async (raw: string, flags: CreateFlags) => {
      const username = parsedUsername(raw);
      if (typeof username !== 'string') return [username];
      const role = accountRole.safeParse(flags.role);
      if (!role.success)
        return [
          problem('INPUT_NOT_ALLOWED', { allowed: accountRole.options.join(', ') }, ['role']),
        ];
      const scope = scopeFrom(flags);
      if ('code' in scope) return [scope];
      const out = flags.out ?? `credentials-${username}.json`;
      const problems = await withStore(flags.database, (store) =>
        withCredentialsFile(out, async () => {
          const election = await currentElection(store);
          const electionId = election?.id ?? null;
          const made = await issueAccount(
            store,
            {
              username,
              name: { fa: flags.nameFa ?? username, en: flags.nameEn ?? username },
              role: role.data,
              scope,
              electionId,
            },
            {
              nowMs: Date.now(),
              record: (trx, issued) => appendAudit(trx, created(electionId, issued)),
            },
          );
          return made.ok ? [made.value] : [made.error];
        }),
      );
      if (problems !== undefined) return problems;
      say(`✔ account ${username} (${role.data}, ${scopeLabel(scope)}) created.`);
      return undefined;
    }),
  );

  for (const [verb, what] of [
    ['disable', 'Disable an account; its sessions end at once'],
    ['enable', 'Enable a disabled account'],
    ['unlock', 'Lift a lockout after failed sign-ins'],
  ] as const) {
    databaseOption(staff.command(verb).description(what).argument('<username>')).action(
      action(async (raw: string, flags: { database: string }) => {
        const username = parsedUsername(raw);
        if (typeof username !== 'string') return [username];
        return withStore(flags.database, async (store) => {
          const done =
            verb === 'unlock'
              ? await unlockAccount(store, username)
              : await setAccountDisabled(store, username, verb === 'disable');
          if (!done.ok) return [done.error];
          await note(store, {
            action:
              verb === 'unlock'
                ? 'access.login.unlocked'
                : verb === 'disable'
                  ? 'access.account.disabled'
                  : 'access.account.enabled',
            outcome: 'succeeded',
            actor: CLI,
            electionId: done.value.account.electionId,
            object: { type: 'account', id: username },
          });
          say(`✔ ${username}: ${verb}d.`);
          return undefined;
        });
      }),
    );
  }

  databaseOption(
    staff
      .command('reset')
      .description(
        'New one-time password and TOTP secret (lost phone, forgotten password); sessions end',
      )
      .argument('<username>')
      .option('-o, --out <file>', 'credentials file to write (must not exist)'),
  ).action(
    action(async (raw: string, flags: { database: string; out?: string }) => {
      const username = parsedUsername(raw);
      if (typeof username !== 'string') return [username];
      const out = flags.out ?? `credentials-${username}.json`;
      return withStore(flags.database, (store) =>
        withCredentialsFile(out, async () => {
          const password = newOneTimePassword();
          const totpSecret = newTotpSecret();
          const reset = await resetCredentials(store, username, {
            passwordHash: await hashPassword(password, ONE_TIME_PASSWORD_PARAMS),
            totpSecret,
            mustChange: true,
          });
          if (!reset.ok) return [reset.error];
          const a = reset.value;
          await note(store, {
            action: 'access.credentials.changed',
            outcome: 'succeeded',
            actor: CLI,
            electionId: a.electionId,
            object: { type: 'account', id: username },
            details: { what: 'reset' },
          });
          return [
            {
              username,
              staffId: a.staffId,
              name: a.name,
              role: a.role,
              scope: a.scope,
              password,
              totpSecret,
              otpauthUri: otpauthUri(totpSecret, username),
            },
          ];
        }),
      );
    }),
  );

  staff
    .command('totp')
    .description("A demo account's current TOTP code, from the demo accounts file")
    .argument('<username>')
    .option('--dir <dir>', 'the demo folder', '.sandogh/demo')
    .action(
      action((username: string, flags: { dir: string }) => {
        const accounts = readDemoAccounts(flags.dir);
        if (!accounts.ok) return Promise.resolve([accounts.error]);
        const found = accounts.value.find((a) => a.username === username.toLowerCase());
        if (found === undefined)
          return Promise.resolve([
            problem('ACCESS_DEMO_ACCOUNT_UNKNOWN', {
              username,
              file: `${flags.dir}/demo-accounts.json`,
            }),
          ]);
        const now = Date.now();
        say(
          `${totpCode(found.totpSecret, now) ?? ''}  (${username}; ${totpSecondsLeft(now)} s left, then ${totpCode(found.totpSecret, now + 30_000) ?? ''})`,
        );
        return Promise.resolve(undefined);
      }),
    );
}
