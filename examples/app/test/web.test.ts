/**
 * The web page end to end in Debian's headless Chromium (playwright-core, as in
 * packages/planner/test/browser.test.ts): the app on a loopback port over a migrated in-memory
 * PGlite (or the PostgreSQL server at DATABASE_URL), the React page built by Vite into a folder
 * of the run's own.
 * A person signs up, gets a field error for an impossible weight next to the weight field, saves
 * the profile, makes the week's plan (streamed), swaps a breakfast, logs weights and sees the
 * trend chart. Screenshots at 375 px and 1280 px go to examples/app/screenshots/.
 *
 * Expected values come from the person's side: what they typed (the profile round trip), the
 * plan's own structure (7 days, meals, a shopping list grouped by store section), and a swap
 * that changes the breakfast and makes plan version 2. Skipped ONLY when /usr/bin/chromium is
 * absent (`apt-get install -y chromium`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createRegistry } from '@nexfitra/inference/plan';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { LoginLimiter } from '../src/auth/rateLimit';
import { openPostgres } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { openTestPglite } from './_pglite';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(`web.test.ts: skipped because ${CHROMIUM} is missing (apt-get install -y chromium)`);

const APP = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = join(APP, 'screenshots');

/**
 * Builds the page into a folder of this run's own (others may rebuild `dist/web` at the same
 * time in a shared checkout) and points the app at it through `WEB_DIR`.
 */
async function buildPage(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'nexfitra-app-web-'));
  const { build } = await import('vite');
  await build({ configFile: join(APP, 'web/vite.config.ts'), logLevel: 'error', build: { outDir: out } });
  process.env['WEB_DIR'] = out;
  return out;
}

describe('the web page in headless Chromium', () => {
  it.skipIf(!HAS_CHROMIUM)(
    'signs up, saves a profile, streams a plan, swaps a meal, logs weights and shows the chart',
    async () => {
      const web = await buildPage();
      // The page on whichever storage the suite runs on (the .ci/run second run: a PostgreSQL server).
      const url = process.env['DATABASE_URL'];
      const db = url ? await openPostgres(url) : await openTestPglite();
      await migrate(db);
      const app = createApp({
        db,
        jwtSecret: randomBytes(32),
        // Errors reach the test log (a page that says "internal error" needs its cause beside it).
        logger: createLogger(
          'error',
          new Writable({
            write(c, _e, cb) {
              process.stderr.write(c);
              cb();
            },
          }),
        ),
        registry: createRegistry(),
        limiter: new LoginLimiter(5, 60_000),
        maxBodyBytes: 64 * 1024,
        scrypt: { N: 2 ** 12, r: 8, p: 1 },
        trustProxy: false,
      });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => server.once('listening', resolve));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { chromium } = await import('playwright-core');
      const profileDir = mkdtempSync(join(tmpdir(), 'nexfitra-app-chromium-'));
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        ignoreDefaultArgs: ['--headless'],
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--disable-dev-shm-usage',
        ],
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 1,
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(String(e)));
        page.on('console', (m) => {
          // 4xx answers the flow provokes (no profile yet, the refused weight) are logged by
          // Chromium as "Failed to load resource"; anything else is a problem.
          if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
            problems.push(m.text());
        });
        // Nothing may be fetched from anywhere but the app.
        page.on('request', (r) => {
          if (!r.url().startsWith(base) && !r.url().startsWith('data:'))
            problems.push(`external: ${r.url()}`);
        });
        await page.goto(base);

        // Sign up.
        await page.screenshot({ path: join(tmpdir(), 'nexfitra-signin-375.png') });
        await page.getByRole('button', { name: 'Create an account' }).click();
        await page.getByLabel('Email').fill(`web-${randomBytes(3).toString('hex')}@example.org`);
        await page.getByLabel('Password').fill('correct horse battery staple');
        await page.getByRole('button', { name: 'Create account' }).click();

        // The profile form opens (no profile yet). A 900 kg weight is refused next to the field.
        const form = page.getByRole('tabpanel', { name: 'Profile' });
        await form.getByLabel('Age').fill('34');
        await form.getByLabel('Sex').selectOption('female');
        await form.getByRole('spinbutton', { name: /^Weight/ }).fill('900');
        await form.getByLabel('Height').fill('165');
        await form.getByLabel('Daily activity').selectOption('light');
        await form.getByLabel('I want to').selectOption('lose');
        await form.getByLabel('Days a week').fill('3');
        await page.getByRole('button', { name: 'Save profile' }).click();
        const weightField = form.locator('.field.invalid', {
          has: page.getByRole('spinbutton', { name: /^Weight/ }),
        });
        await expect.poll(() => weightField.locator('.error').textContent()).toMatch(/\d/);
        await page.screenshot({ path: join(tmpdir(), 'nexfitra-profile-375.png') });
        await form.getByRole('spinbutton', { name: /^Weight/ }).fill('68');
        await page.getByRole('button', { name: 'Save profile' }).click();
        await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1);
        expect(await form.locator('.field.invalid').count()).toBe(0);

        // Make the week's plan with the model chosen from the registry list, and watch it arrive.
        await page.getByRole('button', { name: 'Plan my week →' }).click();
        const models = await page.getByLabel('Model').locator('option').allTextContents();
        expect(models).toContain('builtin:rules');
        await page.getByLabel('Model').selectOption('builtin:rules');
        await page.getByRole('button', { name: 'Make my week' }).click();
        await expect.poll(() => page.getByText(/^Planning with builtin:rules…/).count()).toBe(1);
        // The plan, or an error the page shows (then fail at once with its text).
        const done = page.getByText(/^Plan version 1 by builtin:rules/).or(page.getByRole('alert'));
        await done.first().waitFor({ timeout: 60_000 });
        expect(await page.getByRole('alert').allTextContents()).toEqual([]);
        expect(await page.getByRole('tab', { name: /^Day \d$/ }).count()).toBe(7);
        const breakfast = page.getByRole('region', { name: 'Breakfast, day 1' });
        const before = await breakfast.locator('.food').allTextContents();
        expect(before.length).toBeGreaterThan(0);
        // Household measures on the items, the day against its targets, the shopping list by section.
        expect(await page.locator('.measure').first().textContent()).toMatch(/^[\d¼½¾]+ (× )?\S/);
        expect(await page.locator('.barrow').first().textContent()).toMatch(/Energy[\d,]+ \/ [\d,]+ kcal/);
        expect(await page.locator('.shopping h3').allTextContents()).toContain('produce');
        expect(await page.locator('.session .sets').first().textContent()).toMatch(/^\d+ × \d+(–\d+)? reps/);

        // Swap the breakfast: a new plan version with a different breakfast.
        await page.getByRole('button', { name: 'Swap Breakfast, day 1' }).click();
        await page.getByText(/swapped — this is plan version 2/).waitFor({ timeout: 30_000 });
        const after = await breakfast.locator('.food').allTextContents();
        expect(after).not.toEqual(before);
        // Rate the new breakfast 4 of 5 (feedback for fine-tuning); the stars say so after a reload too.
        await page.getByRole('button', { name: 'Rate Breakfast, day 1 4 of 5' }).click();
        await expect
          .poll(() =>
            page.getByRole('button', { name: 'Rate Breakfast, day 1 4 of 5' }).getAttribute('aria-pressed'),
          )
          .toBe('true');
        mkdirSync(SHOTS, { recursive: true });
        // The phone shot starts at the week's meals (the day's totals against the targets, breakfast).
        await page.getByRole('heading', { name: 'Meals' }).evaluate((h) => h.scrollIntoView());
        await page.screenshot({ path: join(SHOTS, 'plan-375.png') });

        // Log five weigh-ins; the trend and its chart appear.
        await page.getByRole('tab', { name: 'Progress' }).click();
        const progress = page.getByRole('tabpanel', { name: 'Progress' });
        const day = (k: number) => new Date(Date.now() - k * 86_400_000).toISOString().slice(0, 10);
        for (const [k, kg] of [
          [8, 68.4],
          [6, 68.1],
          [4, 68.2],
          [2, 67.8],
          [0, 67.7],
        ] as const) {
          await progress.getByLabel('Date').fill(day(k));
          await progress.getByRole('spinbutton', { name: /^Weight/ }).fill(String(kg));
          await progress.getByRole('button', { name: 'Log weight' }).click();
          await expect
            .poll(() => progress.getByRole('spinbutton', { name: /^Weight/ }).inputValue())
            .toBe('');
        }
        await page.getByText(/kg trend weight/).waitFor();
        const chart = page.getByRole('img', { name: /Trend weight over 5 weigh-ins/ });
        expect((await chart.boundingBox())!.width).toBeGreaterThan(250);

        // An expired access token (here a bad one) on reload: the page's parallel requests share
        // one refresh (two would present a spent refresh token and the server would end the
        // session, RFC 9700 §4.14.2), and the person stays signed in with their plan.
        await page.evaluate(
          "const k = 'nexfitra.session'; const t = JSON.parse(sessionStorage.getItem(k)); t.accessToken = 'x.y.z'; sessionStorage.setItem(k, JSON.stringify(t));",
        );
        await page.reload();
        await page.getByText(/^Plan version 2 by builtin:rules/).waitFor({ timeout: 30_000 });
        const stars = page.getByRole('button', { name: 'Rate Breakfast, day 1 4 of 5' });
        await expect.poll(() => stars.getAttribute('aria-pressed')).toBe('true');

        await page.setViewportSize({ width: 1280, height: 900 });
        await page.getByRole('tab', { name: 'Week plan' }).click();
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: join(SHOTS, 'plan-1280.png') });
        await page.getByRole('tab', { name: 'Progress' }).click();
        await page.screenshot({ path: join(tmpdir(), 'nexfitra-progress-1280.png') });
        expect(problems).toEqual([]);
      } catch (e) {
        // What the page showed when it failed, for whoever reads the log.
        await context
          .pages()[0]
          ?.screenshot({ path: join(tmpdir(), 'nexfitra-web-failure.png'), fullPage: true });
        throw e;
      } finally {
        await context.close();
        await new Promise((resolve) => server.close(resolve));
        await db.close();
        rmSync(profileDir, { recursive: true, force: true });
        rmSync(web, { recursive: true, force: true });
        delete process.env['WEB_DIR'];
      }
    },
    120_000,
  );
});
