/**
 * A self-contained HTML report: one file, inline CSS and SVG charts, no script and no network,
 * so it opens offline and can be attached to a pull request or a CI artifact.
 */
import { fmt, fmtDiff, fmtMean, scopeText, shownMetrics } from './_format';
import type { EvalReportT } from './schema';
import type { Summary } from './summarize';
import { boxPlot, groupedBars, PALETTE, scatter } from './svg';

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;color:#111;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;font-size:12.5px}td,th{border-bottom:1px solid #eee;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}.better{color:#15803d;font-weight:600}.worse{color:#b91c1c;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:18px}figure{margin:0}figcaption{font-size:12px;color:#444}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;vertical-align:-1px}
.note{color:#444;font-size:12.5px;max-width:900px}`;

function values(report: EvalReportT, model: string, key: string): number[] {
  return report.rows
    .filter((r) => r.model === model)
    .map((r) => r.metrics[key])
    .filter((v): v is number => typeof v === 'number');
}

/** The HTML report of `report` with its `summary`. */
export function htmlReport(report: EvalReportT, summary: Summary): string {
  const models = report.models.map((m) => m.id);
  const info = new Map(report.metrics.map((m) => [m.key, m]));
  const legend = `<p class="legend">${models.map((m, i) => `<span><i style="background:${PALETTE[i % PALETTE.length]}"></i>${esc(m)}</span>`).join('')}</p>`;
  const dist = (key: string, title: string) =>
    boxPlot(
      `dist-${key}`,
      title,
      info.get(key)?.unit ?? '',
      models.map((m) => ({ label: m, values: values(report, m, key) })),
    );
  const hasValues = (key: string) => report.rows.some((r) => typeof r.metrics[key] === 'number');
  const slices = [...new Set(summary.bySlice.map((s) => s.slice as string))].sort();
  const sliceSeries = (key: string, scale = 1) =>
    models.map((m) => ({
      label: m,
      values: slices.map((s) => {
        const v = summary.bySlice.find((g) => g.model === m && g.slice === s)?.means[key];
        return v === null || v === undefined ? null : v * scale;
      }),
    }));
  const quality = (m: string) => summary.byModel.find((g) => g.model === m)?.means['qualityScore'] ?? 0;
  // Chart labels: a model folder's last path segment (with its #dtype), not the whole path.
  const short = (id: string) => (id.startsWith('builtin:') ? id : (id.split(/[/\\]/).pop() ?? id));
  const latPoints = report.models.map((m, i) => ({
    label: short(m.id),
    x: summary.latency[m.id]?.p50 ?? null,
    y: quality(m.id),
    color: PALETTE[i % PALETTE.length] as string,
  }));
  const sizePoints = report.models.map((m, i) => ({
    label: m.dtype && !m.id.includes('#') ? `${short(m.id)} (${m.dtype})` : short(m.id),
    x: m.sizeBytes === null ? null : m.sizeBytes / 2 ** 20,
    y: quality(m.id),
    color: PALETTE[i % PALETTE.length] as string,
  }));

  const [base, ...rest] = report.models;
  const head = `<tr><th>metric</th><th>unit</th>${models.map((m) => `<th>${esc(m)}</th>`).join('')}${rest.map((m) => `<th>${esc(m.id)} − ${esc(base?.id ?? '')} [95 % CI] verdict</th>`).join('')}</tr>`;
  const body = shownMetrics(report)
    .map((k) => {
      const unit = info.get(k)?.unit ?? '';
      const cmp = rest.map((m) => {
        const c = report.comparisons.find((x) => x.candidate === m.id && x.metric === k);
        return `<td class="${c?.verdict === 'better' ? 'better' : c?.verdict === 'worse' ? 'worse' : ''}">${esc(fmtDiff(c, unit))}</td>`;
      });
      return `<tr><td title="${esc(info.get(k)?.doc ?? '')}">${esc(k)}</td><td>${esc(unit === 'share' ? '%' : unit)}</td>${models.map((m) => `<td>${fmtMean(summary.byModel.find((g) => g.model === m)?.means[k], unit)}</td>`).join('')}${cmp.join('')}</tr>`;
    })
    .join('');
  const runRows = report.models
    .map(
      (m) =>
        `<tr><td>${esc(m.id)}</td><td>${esc(m.description)}</td><td>${fmt(summary.latency[m.id]?.p50)}</td><td>${fmt(summary.latency[m.id]?.p95)}</td><td>${fmtMean(m.peakRssMb)}</td><td>${esc(m.dtype ?? 'n/a')}</td><td>${m.sizeBytes === null ? 'n/a (code)' : fmt(m.sizeBytes / 2 ** 20)}</td><td>${fmt(m.wallMs / 1000)}</td><td>${m.cached}</td></tr>`,
    )
    .join('');
  const docs = report.metrics
    .filter((m) => !m.key.includes('.'))
    .map(
      (m) =>
        `<tr><td>${esc(m.key)}</td><td>${esc(m.unit)}</td><td>${m.better}</td><td style="text-align:left">${esc(m.doc)}</td></tr>`,
    )
    .join('');

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>nexfitra-eval: ${esc(models.join(' vs '))}</title><style>${CSS}</style></head><body>
<h1>nexfitra-eval: ${esc(models.join(' vs '))}</h1>
<p class="note">Suite <b>${esc(report.suite.name)}</b>: ${esc(scopeText(report))} (sha256 ${report.suite.hash.slice(0, 12)}…). Report schema ${esc(report.version)}, made ${esc(report.createdAt)}. Every check is core's <code>validatePlan</code>; every metric is defined at the bottom.</p>
<h2>Summary</h2><table>${head}${body}</table>
<p class="note">Paired on the same requests; differences are candidate − baseline (${esc(base?.id ?? '')}); intervals are 95 % paired-bootstrap percentile intervals (${report.settings.bootstrap} resamples, seed ${report.settings.seed}, unadjusted); verdicts use two-sided bootstrap p-values after Holm–Bonferroni over every metric compared for the pair (alpha ${report.settings.alpha}). "pp" = percentage points.</p>
<h2>Runs</h2><table><tr><th>model</th><th>what</th><th>latency p50 ms</th><th>p95 ms</th><th>peak RSS MiB</th><th>dtype</th><th>size MiB</th><th>wall s</th><th>cached</th></tr>${runRows}</table>
<h2>Distributions</h2>${legend}<div class="charts">${dist('qualityScore', 'Quality score per request (0–100)')}${dist('kcalErrorPct', 'Energy error per request after repair, % of target')}${hasValues('kcalErrorPctBeforeRepair') ? dist('kcalErrorPctBeforeRepair', 'Energy error of the proposal BEFORE repair, % of target (model runs)') : ''}${dist('latencyMs', 'Latency per request, ms')}${dist('sodiumMgPerDay', 'Mean daily sodium per plan, mg')}</div>
<h2>Per slice</h2>${legend}<div class="charts">${groupedBars('slice-valid', 'Valid plans per slice, %', '%', slices, sliceSeries('validPlan', 100), 100)}${groupedBars('slice-quality', 'Mean quality score per slice', 'score', slices, sliceSeries('qualityScore'), 100)}</div>
<h2>Speed and size against quality</h2><div class="charts">${scatter('latency-quality', 'Latency p50 vs mean quality score', 'ms', 'quality', latPoints)}${scatter('size-quality', 'Model size on disk (the dtype loaded: fp32 / int8 / int4) vs mean quality score (rule models: n/a)', 'MiB', 'quality', sizePoints)}</div>
<h2>Metric definitions</h2><p class="note">Families: <code>hard.&lt;CODE&gt;</code> / <code>soft.&lt;CODE&gt;</code> count core validator violations of one code; <code>dri.&lt;nutrient&gt;</code> is DRI coverage in % (capped at 100); <code>sets.&lt;muscle&gt;</code> is weekly sets. All are in the JSON report.</p><table><tr><th>metric</th><th>unit</th><th>better</th><th style="text-align:left">definition</th></tr>${docs}</table>
</body></html>
`;
}
