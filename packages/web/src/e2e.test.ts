import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { electionHash, problem, shortHash } from '@sandogh/core';
import { demoManifest, runDemoElection, shortTrackingCode, writeRecord } from '@sandogh/crypto';
import { hqConfigSchema, startHq, type RunningHq } from '@sandogh/hq';
import {
  findAccount,
  hashPassword,
  insertAccounts,
  loadDefinition,
  newTotpSecret,
  openSession,
  totpCode,
} from '@sandogh/store';
import { openTestStore, tinyDefinition, type TestStore } from '@sandogh/store/testing';
import { toPersianDigits } from './format.js';
import { resources } from './i18n/index.js';

/**
 * The web app end to end (docs/WEB.md): the app built as it ships, the real HQ serving it and
 * its API on the real store (SQLite, the tiny fixture), and a real browser — Debian's
 * Chromium driven by playwright-core. A supervisor signs in with a TOTP code, reads Persian
 * right-to-left, finds their own sign-in in the audit log, switches to English, and a voter
 * checks tracking codes against a published record.
 */

const CHROMIUM = process.env['SANDOGH_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const fa = resources.fa.translation;
const en = resources.en.translation;
const SUPERVISOR = 'e2e-supervisor';
const PASSWORD = 'a long supervisor passphrase';
const NEWCOMER = 'e2e-newcomer';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  readonly id: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

/**
 * What axe-core finds against WCAG 2.1 A and AA (labels, names, roles, contrast, language) on
 * the page as it is now. Injected through DevTools evaluation, which the page's CSP does not
 * govern, so the app's own policy stays as strict as it ships.
 */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations;
  });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const manifest = demoManifest({ candidates: 3, seats: 2, branches: 2, n: 1, k: 1 });
const demo = runDemoElection({
  manifest,
  cast: [
    { branchId: 'b1', choices: [0] },
    { branchId: 'b2', choices: [1, 2] },
  ],
  challenged: [],
});

describe('the web app in a browser', () => {
  let dir: string;
  let test: TestStore;
  let hq: RunningHq;
  let context: BrowserContext;
  let page: Page;
  let totpSecret: string;
  let newcomerSecret: string;
  let electionShortHash: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandogh-web-e2e-'));
    const webDir = join(dir, 'dist');
    // Built once, as `npm run build:web` builds it, into this test's own folder.
    await build({
      root: webRoot,
      configFile: join(webRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: webDir, emptyOutDir: true },
    });
    await writeRecord(join(dir, 'record'), demo.record);

    test = await openTestStore('sqlite');
    const definition = tinyDefinition();
    const hash = electionHash(definition);
    electionShortHash = shortHash(hash);
    const loaded = await loadDefinition(test.store, definition, hash);
    if (!loaded.ok) throw new Error(loaded.error.message.en);
    totpSecret = newTotpSecret();
    newcomerSecret = newTotpSecret();
    const passwordHash = await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 });
    const made = await insertAccounts(
      test.store,
      [
        {
          username: NEWCOMER,
          electionId: definition.election.id,
          name: { fa: 'تازه‌وارد', en: 'Newcomer' },
          role: 'observer',
          scope: { kind: 'branches', branchIds: ['b-0001'] },
          passwordHash,
          totpSecret: newcomerSecret,
          // As after `sandogh staff accounts create`: a one-time password to replace first.
          passwordMustChange: true,
        },
        {
          username: SUPERVISOR,
          electionId: definition.election.id,
          name: { fa: 'ناظر آزمون', en: 'Test Supervisor' },
          role: 'supervisory-board',
          scope: { kind: 'constituency' },
          passwordHash,
          totpSecret,
          passwordMustChange: false,
        },
      ],
      Date.now(),
    );
    if (!made.ok) throw new Error(made.error.message.en);

    const config = hqConfigSchema.parse({
      databaseUrl: 'sqlite::memory:',
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
      // Plain http on loopback, as `npm start` runs: a Secure cookie would not come back.
      cookieSecure: false,
      passwordScryptLogN: 10,
      webDir,
      recordDir: join(dir, 'record'),
    });
    hq = await startHq(config, { store: test.store, signals: false });

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    // A blocked script or style (the HQ's CSP) or an uncaught error shows up here.
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // API refusals (401 before sign-in, 404 for an unknown code) are answers the screens
      // show; Chromium logs each as a failed load, which is not an error of the page.
      const text = message.text();
      if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
        pageErrors.push(text);
    });
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/') && response.status() >= 400)
        pageErrors.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // The incidents screen closes its live stream (EventSource) when the reader leaves it:
      // Chromium reports that as an aborted request, which is the app's own doing.
      if (
        request.failure()?.errorText === 'net::ERR_ABORTED' &&
        new URL(request.url()).pathname.endsWith('/incidents/stream')
      )
        return;
      pageErrors.push(`failed ${request.url()}`);
    });
  });

  afterAll(async () => {
    await context.close();
    await hq.stop();
    await test.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in Persian, right to left, with the election and its geography', async () => {
    await page.goto(`${hq.url}/`);
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('fa');
    expect(await html.getAttribute('dir')).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: fa.overview.title }).waitFor();
    const title = await page.getByTestId('election-title').textContent();
    expect(title).toMatch(/[\u0600-\u06FF]/);
    // The voting day in the Jalali calendar with Persian digits.
    expect(await page.getByTestId('voting-day').textContent()).toMatch(
      /^[۰-۹]+ [\u0600-\u06FF]+ [۰-۹]{4}$/,
    );
    await page.getByRole('table', { name: fa.overview.zones }).waitFor();
    expect(await page.title()).toBe(fa.app.title);
    // Every screen names the election it speaks for by its hash.
    expect(await page.getByTestId('election-stamp').textContent()).toContain(electionShortHash);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("refuses a wrong password with the HQ's own message, in Persian", async () => {
    await page.getByRole('link', { name: fa.nav.signIn }).click();
    await page.getByLabel(fa.signIn.username).fill(SUPERVISOR);
    await page.getByLabel(fa.signIn.password).fill('not the password at all');
    await page.getByLabel(fa.signIn.totp).fill('000000');
    await page.getByRole('button', { name: fa.signIn.submit }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(problem('ACCESS_LOGIN_FAILED').message.fa);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('signs a supervisor in with password and TOTP, and shows role and scope', async () => {
    await page.getByLabel(fa.signIn.username).fill(SUPERVISOR);
    await page.getByLabel(fa.signIn.password).fill(PASSWORD);
    // Persian digits, as a Persian keyboard types them.
    await page
      .getByLabel(fa.signIn.totp)
      .fill(toPersianDigits(totpCode(totpSecret, Date.now()) ?? ''));
    await page.getByRole('button', { name: fa.signIn.submit }).click();
    await page.getByRole('heading', { level: 1, name: fa.account.title }).waitFor();
    expect(await page.getByTestId('account-role').textContent()).toBe(
      fa.roles['supervisory-board'],
    );
    await page.getByText(fa.scope.constituency).waitFor();
  });

  it('filters the audit log down to the sign-in, and opens it in full', async () => {
    await page.getByRole('link', { name: fa.nav.audit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: fa.audit.title }).waitFor();
    await page.getByTestId('audit-entries').waitFor();
    await page.getByLabel(fa.audit.filter.action).fill('access.login');
    await page.getByLabel(fa.audit.filter.actorId).fill(SUPERVISOR);
    await page.getByLabel(fa.audit.filter.outcome).selectOption('succeeded');
    await page.getByRole('button', { name: fa.audit.filter.apply }).click();
    const rows = page.getByTestId('audit-entries').locator('tbody tr');
    // The filtered page replaces the whole log's: wait for it, not for the first row alone.
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByText('access.login.succeeded').waitFor();
    expect(await rows.first().textContent()).toContain(SUPERVISOR);
    expect(await rows.first().textContent()).toContain(fa.audit.outcome.succeeded);

    await rows.first().getByRole('button').click();
    const detail = page.getByTestId('audit-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('supervisory-board');
    expect(await accessibilityViolations(page)).toEqual([]);
    // Escape closes it and puts the reader back on the entry they opened.
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    const focused = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(name: string): string | null } | null };
          }
        ).document.activeElement?.getAttribute('data-sequence') ?? null,
    );
    expect(focused).toBe(await rows.first().getByRole('button').getAttribute('data-sequence'));
    expect(focused).not.toBeNull();

    // The refused attempt before it is on the record too, and nothing else of theirs failed.
    await page.getByLabel(fa.audit.filter.outcome).selectOption('refused');
    await page.getByRole('button', { name: fa.audit.filter.apply }).click();
    await rows.first().getByText('access.login.failed').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel(fa.audit.filter.outcome).selectOption('failed');
    await page.getByRole('button', { name: fa.audit.filter.apply }).click();
    await page.getByText(fa.audit.empty).waitFor();

    await page.getByRole('button', { name: fa.audit.chain.verify }).click();
    const verdict = page.getByTestId('chain-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('class')).toContain('good');
  });

  it('switches to English, left to right, and remembers it', async () => {
    await page.getByRole('button', { name: fa.nav.otherLanguage }).click();
    await page.getByRole('heading', { level: 1, name: en.audit.title }).waitFor();
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('en');
    expect(await html.getAttribute('dir')).toBe('ltr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: en.audit.title }).waitFor();
    expect(await html.getAttribute('dir')).toBe('ltr');
  });

  it('tells a voter clearly whether a tracking code is in the record', async () => {
    await page.getByRole('link', { name: en.nav.track }).click();
    const field = page.getByLabel(en.track.code);
    const check = page.getByRole('button', { name: en.track.submit });

    await field.fill('AAAA-BBBB-CCCC-DDDD');
    await check.click();
    const refused = page.getByTestId('track-refused');
    await refused.getByRole('heading', { name: en.track.outcome.notFound }).waitFor();
    expect(await refused.getByRole('alert').textContent()).toBe(
      'This tracking code is not in the election record.',
    );

    await field.fill('my vote please');
    await check.click();
    await refused.getByRole('heading', { name: en.track.outcome.badCode }).waitFor();

    const [code] = demo.trackingCodes;
    await field.fill(shortTrackingCode(code ?? ''));
    await check.click();
    const found = page.getByTestId('track-found');
    await found.getByRole('heading', { name: en.track.found }).waitFor();
    expect(await found.textContent()).toMatch(/cast in branch b[12]/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("shows a supervisor the IT committee's device readiness view", async () => {
    await page.getByRole('link', { name: en.nav.devices }).click();
    const view = page.getByTestId('device-readiness');
    await view.waitFor();
    expect(await view.locator('tr[data-serial="V-0001"]').textContent()).toContain(
      en.readiness.gap['not-reported'],
    );
    expect(await view.textContent()).toContain('S-0001');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  /** An HQ staff member's API session, to act beside the browser (report, acknowledge). */
  async function hqStaffHeaders(): Promise<Record<string, string>> {
    const username = 'e2e-hq-staff';
    const made = await insertAccounts(
      test.store,
      [
        {
          username,
          electionId: tinyDefinition().election.id,
          name: { fa: 'کارشناس ستاد', en: 'HQ staff' },
          role: 'hq-staff',
          scope: { kind: 'constituency' },
          passwordHash: await hashPassword(PASSWORD, { logN: 10, r: 8, p: 1 }),
          totpSecret: newTotpSecret(),
          passwordMustChange: false,
        },
      ],
      Date.now(),
    );
    if (!made.ok) throw new Error(made.error.message.en);
    const account = await findAccount(test.store.db, { username });
    if (account === undefined) throw new Error('no account');
    const { settings } = hq.app.accessControl;
    const opened = await openSession(
      test.store.db,
      account.id,
      settings.clock(),
      settings.timeouts,
      'e2e',
    );
    return { authorization: `Bearer ${opened.token}` };
  }

  it('shows the incidents of a zone HQ live, with figures and each timeline', async () => {
    const staff = await hqStaffHeaders();
    const report = async (branch: string, kind: string, severity: string) => {
      const res = await hq.app.inject({
        method: 'POST',
        url: `/api/v1/branches/${branch}/incidents`,
        headers: staff,
        payload: { kind, severity, description: `e2e ${kind} at ${branch}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const first = await report('b-0001', 'voting-device', 'cannot-vote');

    await page.getByRole('link', { name: en.nav.incidents }).click();
    await page.getByRole('heading', { level: 1, name: en.incidents.title }).waitFor();
    // The county board: every zone HQ's figures; zhq-1 has the open incident.
    const county = page.getByTestId('county-incidents');
    await county.waitFor();
    expect(await county.locator('tr[data-zone-hq="zhq-1"] td').first().textContent()).toBe('1');
    await county.getByRole('button', { name: 'Zone HQ zhq-1' }).click();

    const zone = page.getByTestId('zone-incidents');
    await zone.waitFor();
    // The live stream is connected, and its figures arrived through it.
    await expect.poll(() => zone.getAttribute('data-feed')).toBe('live');
    await zone
      .getByTestId('unable-to-vote')
      .getByText(/Branch b-0001: since/)
      .waitFor();
    await zone.locator(`tr[data-incident="${first}"]`).waitFor();

    // A new incident and a step of the first reach the screen through the stream alone.
    const second = await report('b-0002', 'printer-paper', 'degraded');
    const ack = await hq.app.inject({
      method: 'POST',
      url: `/api/v1/branches/b-0001/incidents/${first}/acknowledge`,
      headers: staff,
      payload: {},
    });
    expect(ack.statusCode, ack.body).toBe(200);
    await zone.locator(`tr[data-incident="${second}"]`).waitFor();
    const feed = zone.getByTestId('incident-feed');
    await feed.getByText(/branch b-0002, Printer or paper — Reported/).waitFor();
    await feed.getByText(/branch b-0001, Voting device — Acknowledged/).waitFor();
    await expect
      .poll(async () => zone.locator('[data-figure="open"]').textContent())
      .toMatch(/^2 \(/);

    await zone
      .locator(`tr[data-incident="${first}"]`)
      .getByRole('button', { name: /Timeline of the incident in branch b-0001/ })
      .click();
    const timeline = page.getByTestId('incident-timeline');
    await timeline.getByText(/^Acknowledged — /).waitFor();
    expect(await timeline.textContent()).toContain('e2e voting-device at b-0001');
    expect(await timeline.textContent()).toMatch(/Reported — /);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Where the stream cannot be had (here: refused by a proxy), the screen polls `?since=`.
    await page.route('**/incidents/stream', (route) =>
      route.fulfill({ status: 502, contentType: 'text/plain', body: 'bad gateway' }),
    );
    try {
      await page.getByRole('button', { name: en.incidents.backToCounty }).click();
      await county.getByRole('button', { name: 'Zone HQ zhq-1' }).click();
      await expect.poll(() => zone.getAttribute('data-feed')).toBe('polling');
      const third = await report('b-0002', 'queue', 'minor');
      await zone.locator(`tr[data-incident="${third}"]`).waitFor({ timeout: 15_000 });
      await feed.getByText(/branch b-0002, Queue too long — Reported/).waitFor();
    } finally {
      await page.unroute('**/incidents/stream');
    }
  });

  it('shows which branches are not fully supplied, per zone HQ, with the Persian pick lists', async () => {
    await page.getByRole('link', { name: en.nav.supplies }).click();
    await page.getByRole('heading', { level: 1, name: en.supplies.title }).waitFor();
    const county = page.getByTestId('county-supplies');
    await county.waitFor();
    // Nothing has been shipped yet: no branch of zhq-1 is ready.
    const row = county.locator('tr[data-zone-hq="zhq-1"]');
    expect(await row.textContent()).toContain('0 of 2 branches ready');
    expect(await row.textContent()).toContain('b-0001');
    await county.getByRole('button', { name: 'Zone HQ zhq-1' }).click();

    const zone = page.getByTestId('zone-supplies');
    await zone.waitFor();
    const b1 = zone.locator('tr[data-branch="b-0001"]');
    await b1.waitFor();
    // Items named from the HQ's catalogue, with what the branch has of what it needs.
    expect(await b1.textContent()).toContain('Voting device: 0 of 1');
    const link = zone.getByRole('link', { name: 'D-1' });
    const href = await link.getAttribute('href');
    expect(href).toBe('/api/v1/zone-hqs/zhq-1/supplies/picklist?day=D-1');
    const pickList = await context.request.get(`${hq.url}${href ?? ''}`);
    expect(pickList.status()).toBe(200);
    expect(await pickList.text()).toMatch(/dir="rtl"/);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets anyone try the ballot on the sample election, marked as training throughout', async () => {
    await page.getByRole('link', { name: en.nav.tryBallot }).click();
    await page.getByTestId('training-banner').waitFor();
    const field = page.getByLabel(en.tryBallot.keyCode);
    const choose = page.getByRole('button', { name: en.tryBallot.choose, exact: true });
    await field.fill('999');
    await choose.click();
    expect(await page.getByRole('alert').textContent()).toBe('Code 999 is not on this ballot.');
    await field.fill('101');
    await choose.click();
    await page.getByRole('button', { name: en.tryBallot.green }).click();
    await page.getByTestId('training-review').waitFor();
    await page.getByRole('button', { name: en.tryBallot.confirm }).click();
    const receipt = page.getByTestId('training-receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain(en.tryBallot.banner);
    expect(await receipt.textContent()).toContain('Sample candidate One (101)');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('signs out, after which the audit log asks for a sign-in', async () => {
    await page.getByRole('link', { name: /Test Supervisor/ }).click();
    await page.getByRole('button', { name: en.account.signOut }).click();
    await page.getByRole('heading', { level: 1, name: en.signIn.title }).waitFor();
    await page.goto(`${hq.url}/audit`);
    await page.getByText(en.audit.signInFirst).waitFor();
  });

  it('makes a newcomer with a one-time password choose a new one first', async () => {
    await page.goto(`${hq.url}/sign-in`);
    await page.getByLabel(en.signIn.username).fill(NEWCOMER);
    await page.getByLabel(en.signIn.password).fill(PASSWORD);
    await page.getByLabel(en.signIn.totp).fill(totpCode(newcomerSecret, Date.now()) ?? '');
    await page.getByRole('button', { name: en.signIn.submit }).click();
    await page.getByText(en.account.mustChangePassword).waitFor();
    await page.getByText('Branches b-0001').waitFor();

    await page.getByLabel(en.password.current).fill(PASSWORD);
    await page.getByLabel(en.password.new, { exact: true }).fill('short');
    await page.getByLabel(en.password.again).fill('short');
    await page.getByRole('button', { name: en.password.submit }).click();
    // The HQ's own judgement of the password, in English.
    await page.getByRole('alert').filter({ hasText: /12/ }).waitFor();

    await page.getByLabel(en.password.current).fill(PASSWORD);
    await page.getByLabel(en.password.new, { exact: true }).fill('a brand new passphrase here');
    await page.getByLabel(en.password.again).fill('a brand new passphrase here');
    await page.getByRole('button', { name: en.password.submit }).click();
    await page.getByText(en.password.changed).waitFor();
    await page.getByText(en.account.mustChangePassword).waitFor({ state: 'detached' });
  });

  it('loaded everything from the HQ itself, with no blocked script, style or font', () => {
    expect(pageErrors).toEqual([]);
  });
});
