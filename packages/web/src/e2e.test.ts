import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { electionHash, problem, shortHash } from '@sandogh/core';
import {
  demoManifest,
  runDemoElection,
  shortTrackingCode,
  signDeviceMessage,
  writeRecord,
} from '@sandogh/crypto';
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
import {
  openTestStore,
  testDeviceKeySeed,
  tinyDefinition,
  type TestStore,
} from '@sandogh/store/testing';
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
  let staffHeaders: Record<string, string> | undefined;
  async function hqStaffHeaders(): Promise<Record<string, string>> {
    if (staffHeaders !== undefined) return staffHeaders;
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
    staffHeaders = { authorization: `Bearer ${opened.token}` };
    return staffHeaders;
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

  /** A station's voter-time events for `voters` passes of `seconds` each, signed by the device. */
  async function sendVoterTimes(branch: string, device: string, voters: number, seconds: number) {
    const steps = ['identity', 'wait-device', 'casting', 'printing'] as const;
    const events = [];
    let clock = Date.now() - 3_600_000;
    for (let v = 0; v < voters; v++) {
      const visit = `${branch.replace(/\D/g, '')}${String(v)}`.padStart(16, 'a').slice(-16);
      for (const step of steps) {
        events.push({ visit, step, edge: 'start', at: new Date(clock).toISOString() });
        clock += (seconds * 1000) / steps.length;
        events.push({ visit, step, edge: 'end', at: new Date(clock).toISOString() });
      }
    }
    const message = signDeviceMessage(
      {
        v: 1,
        election: electionHash(tinyDefinition()),
        branch,
        device,
        kind: 'branches.voterTimes',
        id: `${branch}-${device}-e2e`.replace(/[^0-9a-f]/g, '').padEnd(32, '0'),
        at: new Date().toISOString(),
        body: { events },
      },
      testDeviceKeySeed(device),
    );
    const res = await hq.app.inject({
      method: 'POST',
      url: '/api/v1/voter-times',
      payload: message,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  /** Text as read, without the Unicode isolates that keep codes left to right in Persian. */
  const plain = async (locator: { textContent: () => Promise<string | null> }) =>
    ((await locator.textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');

  it('puts the slowest branch first, with its queue and the alert over target', async () => {
    await sendVoterTimes('b-0001', 'V-0001', 4, 92);
    await sendVoterTimes('b-0002', 'V-0002', 4, 40);
    const queued = await hq.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0001/queue',
      headers: await hqStaffHeaders(),
      payload: { length: 12 },
    });
    expect(queued.statusCode, queued.body).toBe(201);

    await page.getByRole('link', { name: en.nav.voterSpeed }).click();
    await page.getByRole('heading', { level: 1, name: en.speed.title }).waitFor();
    const county = page.getByTestId('county-speed');
    await county.waitFor();
    expect(await plain(page.getByTestId('speed-alerts'))).toBe(
      'Over the target of 60 seconds per voter: b-0001',
    );
    expect(await county.locator('tr[data-zone-hq="zhq-1"]').textContent()).toContain('b-0001');
    // The slowest branches of all: b-0001 (92 s) above b-0002 (40 s).
    const slowest = county.locator('tbody tr[data-branch]');
    expect(await slowest.nth(0).getAttribute('data-branch')).toBe('b-0001');
    expect(await slowest.nth(1).getAttribute('data-branch')).toBe('b-0002');
    await county.getByRole('button', { name: 'Zone HQ zhq-1' }).click();

    const zone = page.getByTestId('zone-speed');
    const b1 = zone.locator('tr[data-branch="b-0001"]');
    await b1.waitFor();
    expect(await b1.locator('[data-figure="median"]').textContent()).toBe('92 s');
    expect(await b1.textContent()).toContain('12 waiting at');
    expect(await b1.locator('[data-state]').textContent()).toBe(en.speed.state.over);
    const b2 = zone.locator('tr[data-branch="b-0002"]');
    expect(await b2.locator('[data-state]').textContent()).toBe(en.speed.state.within);
    expect(await b2.textContent()).toContain(en.speed.noQueue);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A looser target clears the alert; a target out of range is refused at entry.
    await page.getByLabel(en.speed.target).fill('100');
    await page.getByRole('button', { name: en.speed.apply }).click();
    await expect
      .poll(() => page.getByTestId('speed-alerts').textContent(), { timeout: 10_000 })
      .toBe('No branch is over the target of 100 seconds per voter.');
    expect(await b1.locator('[data-state]').textContent()).toBe(en.speed.state.within);
    await page.getByLabel(en.speed.target).fill('2');
    await page.getByRole('button', { name: en.speed.apply }).click();
    expect(await page.getByLabel(en.speed.target).getAttribute('aria-invalid')).toBe('true');
  });

  it('flags the branches missing their required people, with each one’s attendance', async () => {
    const staff = await hqStaffHeaders();
    const mark = async (branch: string, person: string, status: string) => {
      const res = await hq.app.inject({
        method: 'PUT',
        url: `/api/v1/branches/${branch}/attendance/${person}`,
        headers: staff,
        payload: { status },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    // b-0001: chair, device operator and a third trustee present; b-0002: its chair absent.
    for (const k of [1, 2, 3]) await mark('b-0001', `b-0001-t${String(k)}`, 'present');
    await mark('b-0002', 'b-0002-t1', 'absent');

    await page.getByRole('link', { name: en.nav.staff }).click();
    await page.getByRole('heading', { level: 1, name: en.staffing.title }).waitFor();
    const county = page.getByTestId('county-staff');
    await county.waitFor();
    const row = county.locator('tr[data-zone-hq="zhq-1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('1 of 2 branches have their people');
    expect(await row.textContent()).toContain('b-0002');
    await county.getByRole('button', { name: 'Zone HQ zhq-1' }).click();

    const zone = page.getByTestId('zone-staff');
    const flagged = zone.locator('tr[data-branch="b-0002"]');
    await flagged.waitFor();
    expect(await zone.locator('tr[data-branch="b-0001"]').count()).toBe(0);
    expect(await flagged.textContent()).toContain(en.staffing.gap.chairAbsent);
    expect(await flagged.textContent()).toContain(en.staffing.gap.trusteeQuorum);
    await flagged.getByRole('button', { name: 'Branch b-0002' }).click();
    const people = page.getByTestId('branch-staff');
    await people.locator('tr[data-staff="b-0002-t1"]').waitFor();
    expect(await people.locator('tr[data-staff="b-0002-t1"]').textContent()).toContain(
      en.staffing.attendance.absent,
    );
    expect(await people.locator('tr[data-staff="b-0002-t2"]').textContent()).toContain(
      en.staffing.attendance.unknown,
    );
    expect(await people.getByTestId('branch-staff-state').textContent()).toContain(
      en.staffing.gap.chairAbsent,
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    // A supervisor reads; recording attendance is the branch runners' (the HQ decides).
    expect(await people.getByRole('button', { name: en.staffing.record }).count()).toBe(0);

    // The HQ's staff, signed in in this browser for a moment, record the chair present.
    const supervisorCookies = await context.cookies();
    const token = staff['authorization']?.replace(/^Bearer /, '') ?? '';
    await context.clearCookies();
    await context.addCookies([
      { name: hq.app.accessControl.settings.cookieName, value: token, url: hq.url, httpOnly: true },
    ]);
    try {
      await page.reload();
      await page.getByTestId('county-staff').getByRole('button', { name: 'Zone HQ zhq-1' }).click();
      await page.getByRole('button', { name: 'Branch b-0002' }).click();
      const chair = people.locator('tr[data-staff="b-0002-t1"]');
      await chair.getByLabel('Attendance of Trustee 1 of Branch 2').selectOption('present');
      await chair.getByRole('button', { name: en.staffing.record }).click();
      // The attendance cell itself (the row also holds the form's options).
      const cell = chair.locator('td[data-attendance]');
      await expect
        .poll(() => cell.getAttribute('data-attendance'), { timeout: 10_000 })
        .toBe('present');
      expect(await cell.textContent()).toBe(en.staffing.attendance.present);
      expect(await people.getByTestId('branch-staff-state').textContent()).not.toContain(
        en.staffing.gap.chairAbsent,
      );
      // The zone's list is read again at once: b-0002 no longer lacks its chair.
      await expect
        .poll(() => zone.locator('tr[data-branch="b-0002"]').textContent(), { timeout: 10_000 })
        .not.toContain(en.staffing.gap.chairAbsent);
      expect(await accessibilityViolations(page)).toEqual([]);
    } finally {
      await context.clearCookies();
      await context.addCookies(supervisorCookies);
      await page.reload();
    }
    await page.getByRole('link', { name: /Test Supervisor/ }).waitFor();
  });

  it("shows each mobile branch's itinerary, its current stop and the late ones", async () => {
    const arrived = await hq.app.inject({
      method: 'POST',
      url: '/api/v1/branches/b-0004/itinerary/b-0004-s1/arrive',
      headers: await hqStaffHeaders(),
    });
    expect(arrived.statusCode, arrived.body).toBe(200);

    await page.getByRole('link', { name: en.nav.mobile }).click();
    await page.getByRole('heading', { level: 1, name: en.mobile.title }).waitFor();
    const county = page.getByTestId('county-mobile');
    await county.waitFor();
    const row = county.locator('tr[data-zone-hq="zhq-2"]');
    await row.waitFor();
    expect(await plain(row)).toContain('Branch b-0004: b-0004-s1');
    // The fixture's voting day is long past: the next stop, never reached, is late.
    expect(await row.textContent()).toContain('b-0004-s2');
    expect(await county.locator('tr[data-zone-hq="zhq-1"]').textContent()).toContain('0');
    await county.getByRole('button', { name: 'Zone HQ zhq-2' }).click();

    const zone = page.getByTestId('zone-mobile');
    const itinerary = zone.locator('[data-testid="itinerary"][data-branch="b-0004"]');
    await itinerary.waitFor();
    const s1 = itinerary.locator('tr[data-stop="b-0004-s1"]');
    expect(await s1.getAttribute('aria-current')).toBe('location');
    expect(await s1.textContent()).toContain(en.mobile.status.here);
    const s2 = itinerary.locator('tr[data-stop="b-0004-s2"]');
    expect(await s2.getAttribute('data-status')).toBe('late');
    expect(await s2.textContent()).toMatch(/Late by [\d,]+ minutes/);
    expect(await plain(zone.getByTestId('mobile-late'))).toBe('Late stops (1): b-0004-s2');
    // In Persian: Persian digits, the code kept left to right.
    await page.getByRole('button', { name: en.nav.otherLanguage }).click();
    await page.getByRole('heading', { level: 1, name: fa.mobile.title }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'شعبه‌های سیار ستاد منطقه zhq-۲' }).waitFor();
    await expect
      .poll(() => plain(page.getByTestId('mobile-late')), { timeout: 10_000 })
      .toBe('توقفگاه‌های با تأخیر (۱): b-۰۰۰۴-s۲');
    expect(await page.getByTestId('mobile-late').textContent()).toContain('\u2066b-۰۰۰۴-s۲\u2069');
    await page.getByRole('button', { name: fa.nav.otherLanguage }).click();
    await page.getByRole('heading', { level: 1, name: en.mobile.title }).waitFor();
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
