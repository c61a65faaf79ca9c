/**
 * Before-repair errors, repair size, TTFT and the dtype show in every report format; a rule
 * model's cells read "n/a" (it proposes nothing to repair). Values are set by hand: the text
 * model's proposals are 10 % off in energy on every request, so its mean is 10 %.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EVAL_REPORT_VERSION,
  type EvalReportT,
  htmlReport,
  markdownReport,
  metricInfos,
  RUN_METRICS,
  type Summary,
  summarize,
  terminalReport,
} from '../src/index';
import { comparisons } from '../src/run/evaluate';

const MODELS = ['builtin:rules', 'models/plan-default#int4'];
function report(): EvalReportT {
  const rows = MODELS.flatMap((model, m) =>
    Array.from({ length: 6 }, (_, i) => ({
      model,
      requestId: `r${i}`,
      slice: 'general',
      requestHash: String(i).padStart(64, '0'),
      status: 'ok' as const,
      cached: false,
      metrics: {
        validPlan: 1,
        kcalErrorPct: 1 + i / 10,
        kcalErrorPctBeforeRepair: m === 1 ? 10 : null,
        proteinErrorGBeforeRepair: m === 1 ? 20 + i : null,
        repairGramsPerDay: m === 1 ? 100 : null,
        repairSwaps: m === 1 ? 2 : null,
        firstOutputMs: m === 1 ? 150 : null,
        tokensPerSecond: m === 1 ? 600 : null,
        latencyMs: 1000 + i,
        qualityScore: 80 - 10 * m,
      },
    })),
  );
  return {
    schema: 'nexfitra-eval-report',
    version: EVAL_REPORT_VERSION,
    createdAt: '2026-11-29T00:00:00.000Z',
    suite: { name: 'hand', hash: 'f'.repeat(64), size: 6 },
    shard: null,
    settings: { seed: 0, bootstrap: 200, alpha: 0.05 },
    models: MODELS.map((id, m) => ({
      id,
      kind: m === 0 ? ('rules' as const) : ('text' as const),
      hash: `h${m}`,
      description: id,
      sizeBytes: m === 0 ? null : 3 * 2 ** 20,
      ...(m === 1 ? { dtype: 'int4' } : {}),
      peakRssMb: 200,
      wallMs: 1000,
      computed: 6,
      cached: 0,
    })),
    metrics: [...metricInfos(), ...RUN_METRICS],
    rows,
    comparisons: comparisons(rows, MODELS, { seed: 0, resamples: 200, alpha: 0.05 }),
  };
}

describe('model-run metrics in every format', () => {
  const r = report();
  let summary: Summary;
  beforeAll(async () => {
    summary = await summarize(r);
  }, 120_000);

  it('terminal and Markdown: the before-repair row reads n/a for rules and 10.00 for the model', () => {
    for (const text of [terminalReport(r, summary), markdownReport(r, summary)]) {
      const line = text.split('\n').find((l) => /^\|? ?kcalErrorPctBeforeRepair\b/.test(l));
      expect(line).toMatch(/n\/a.*10\.00/);
      // proteinErrorGBeforeRepair: mean of 20…25 = 22.5
      expect(text.split('\n').find((l) => l.includes('proteinErrorGBeforeRepair'))).toMatch(/22\.50/);
      for (const k of ['repairGramsPerDay', 'repairSwaps', 'firstOutputMs', 'tokensPerSecond', 'dtype'])
        expect(text).toContain(k);
      expect(text).toContain('int4');
    }
  });

  it('HTML: the before-repair distribution is drawn, the size chart names the dtype', () => {
    const html = htmlReport(r, summary);
    expect(html).toContain('data-chart="dist-kcalErrorPctBeforeRepair"');
    expect(html).toMatch(
      /<td title="[^"]*BEFORE repair[^"]*">kcalErrorPctBeforeRepair<\/td><td>%<\/td><td>n\/a<\/td><td>10\.00<\/td>/,
    );
    expect(html).toMatch(/>plan-default#int4: 3 MiB/);
  });
});

describe('a shard says what it covers', () => {
  it('the title lines of every format name the shard and its row count, not the whole suite', async () => {
    // Hand-built: shard 2/3 of a 6-request suite holding requests r1 and r4 (rows i ≡ 1 mod 3),
    // so "2 here"; a shard has no comparisons (merge computes them), which the line says.
    const whole = report();
    const r: EvalReportT = {
      ...whole,
      shard: { index: 2, count: 3 },
      rows: whole.rows.filter((x) => x.requestId === 'r1' || x.requestId === 'r4'),
      comparisons: [],
    };
    const summary = await summarize(r);
    const line = 'shard 2/3 of the 6 requests (2 here; paired verdicts come from';
    expect(terminalReport(r, summary)).toContain(line);
    expect(markdownReport(r, summary)).toContain(line);
    expect(htmlReport(r, summary)).toContain(line);
    expect(markdownReport(whole, await summarize(whole))).toContain('6 requests (suite sha256');
  }, 120_000);
});
