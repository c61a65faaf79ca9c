/**
 * The HTML report renders in headless Chromium with every chart drawn. Skipped ONLY when
 * /usr/bin/chromium is absent (apt-get install -y chromium); any other failure fails the test.
 * Writes a screenshot to packages/eval/.scratch/report.png for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { htmlReport, type Summary, summarize } from '../src/index';
import { handReport } from './_report';

const CHROMIUM = '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
if (!have)
  console.warn(
    `html.test.ts: browser check skipped because ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );

describe('HTML report', () => {
  const report = handReport();
  let summary: Summary;
  // danfojs-node takes seconds to load on a busy machine: once, with room.
  beforeAll(async () => {
    summary = await summarize(report);
  }, 120_000);

  it('is one self-contained file: no script, no external URL', () => {
    const html = htmlReport(report, summary);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import/);
    // Every chart of the issue is there: distributions, per-slice bars, latency and size vs quality.
    for (const c of [
      'dist-qualityScore',
      'dist-latencyMs',
      'slice-valid',
      'slice-quality',
      'latency-quality',
      'size-quality',
    ])
      expect(html).toContain(`data-chart="${c}"`);
  });

  it.skipIf(!have)(
    'draws every chart in headless Chromium',
    async () => {
      const report = handReport();
      const html = htmlReport(report, await summarize(report));
      const dir = mkdtempSync(join(tmpdir(), 'nexfitra-eval-html-'));
      const file = join(dir, 'report.html');
      writeFileSync(file, html);
      const { chromium } = await import('playwright-core');
      const ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
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
          '--disable-dev-shm-usage',
        ],
      });
      try {
        const page = await ctx.newPage();
        const requests: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        await page.goto(`file://${file}`);
        const charts = await page.$$eval('svg[data-chart]', (svgs) =>
          svgs.map((s) => {
            const marks = [...s.querySelectorAll('.mark')];
            const drawn = marks.filter((m) => {
              const b = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
              return b.width > 0 || b.height > 0;
            });
            return {
              name: s.getAttribute('data-chart'),
              marks: marks.length,
              drawn: drawn.length,
              w: s.getBoundingClientRect().width,
            };
          }),
        );
        // 4 box plots × 2 models × 3 marks; 2 bar charts × 2 slices × 2 models; 2 scatters × 2 points.
        const byName = Object.fromEntries(charts.map((c) => [c.name, c]));
        expect(charts).toHaveLength(8);
        for (const c of charts) {
          expect(c.w).toBeGreaterThan(300);
          expect(c.drawn).toBe(c.marks);
        }
        expect(byName['dist-qualityScore']?.marks).toBe(6);
        expect(byName['slice-valid']?.marks).toBe(4);
        expect(byName['latency-quality']?.marks).toBe(2);
        expect(requests).toEqual([]);
        const shots = join(import.meta.dirname, '..', '.scratch');
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, 'report.png'), fullPage: true });
      } finally {
        await ctx.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
