import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightTrendChart } from '../src/progress/index';
import { allCharts } from './progress-charts.fixtures';

/*
 * SVG charts: snapshots of one of each (deterministic input, fixed number formatting), the
 * accessibility contract, and a headless-Chromium check that each one really draws — every
 * chart's marks have non-empty bounding boxes (docs/recipes.md "Browser tests"). The Chromium part is
 * skipped ONLY when /usr/bin/chromium is absent (apt-get install -y chromium), as in
 * packages/planner/test/browser.test.ts.
 */
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(`progress-charts.test.ts: browser check skipped because ${CHROMIUM} is missing`);

const charts = allCharts();

describe('progress charts (SVG strings)', () => {
  it.each(Object.keys(charts))('%s: matches its snapshot and is the same on a second render', (name) => {
    expect(charts[name]).toMatchSnapshot();
    expect(allCharts()[name]).toBe(charts[name]);
  });
  it.each(Object.keys(charts))('%s: accessible (role="img", <title>, <desc> naming it) and small', (name) => {
    const svg = charts[name]!;
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="([\w-]+)-title \1-desc"/,
    );
    expect(svg).toMatch(/<title id="[\w-]+-title">[^<]+<\/title><desc id="[\w-]+-desc">[^<]{30,}<\/desc>/);
    expect(svg.length).toBeLessThan(16_000);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    // Fixed formatting: every coordinate has exactly one decimal.
    for (const m of svg.matchAll(/ (?:x|y|cx|cy|x1|x2|y1|y2|width|height)="(-?[\d.]+)"/g)) {
      if (!['640', '320', '0', '10', '12', '14'].includes(m[1]!)) expect(m[1]).toMatch(/^-?\d+(\.\d)?$/);
    }
  });
  it('states the numbers in its description', () => {
    expect(charts['weight']).toMatch(
      /<desc[^>]*>Trend weight from 2026-01-01 to 2026-03-11: [\d.]+ kg to [\d.]+ kg\. Current rate -[\d.]+ kg\/week\. \d+ weigh-ins shown as dots, 1 outlier\(s\) as red circles\.<\/desc>/,
    );
  });
  it('escapes text and rejects bad input with a NexFitraError', () => {
    const svg = weightTrendChart([{ date: '2026-01-01', trendKg: 80 }], { title: 'Ann & <Bob>' });
    expect(svg).toContain('Ann &amp; &lt;Bob&gt;');
    expect(() => weightTrendChart([])).toThrow(/weightTrendChart: points/);
    expect(() => weightTrendChart([{ date: '2026-01-01', trendKg: Number.NaN }])).toThrow(/points.0.trendKg/);
  });
});

describe('progress charts in a browser', () => {
  it.skipIf(!HAS_CHROMIUM)(
    'each chart draws in headless Chromium: the svg and its marks have non-empty boxes',
    async () => {
      const { chromium } = await import('playwright-core');
      const profile = mkdtempSync(join(tmpdir(), 'nexfitra-charts-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        ignoreDefaultArgs: ['--headless'],
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
      try {
        const page = await context.newPage();
        await page.setContent(`<!doctype html><body>${Object.values(charts).join('')}</body>`);
        // A string, so the page code needs no DOM types in this Node-typed test.
        const boxes = (await page.evaluate(`[...document.querySelectorAll('svg')].map((svg) => {
          const marks = [...svg.querySelectorAll('polyline, polygon, circle, rect[fill]:not([width="640"])')];
          const nonEmpty = marks.filter((m) => { const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length;
          const r = svg.getBoundingClientRect();
          return { w: r.width, h: r.height, marks: marks.length, nonEmpty, title: svg.querySelector('title')?.textContent };
        })`)) as { w: number; h: number; marks: number; nonEmpty: number; title: string | undefined }[];
        expect(boxes).toHaveLength(4);
        for (const b of boxes) {
          expect(b.w).toBe(640);
          expect(b.h).toBe(320);
          expect(b.marks).toBeGreaterThanOrEqual(3);
          expect(b.nonEmpty).toBeGreaterThanOrEqual(b.marks - 1);
          expect(b.title).toBeTruthy();
        }
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
