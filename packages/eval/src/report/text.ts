/** The terminal table and the Markdown report. */
import { fmt, fmtDiff, fmtMean, scopeText, shownMetrics } from './_format';
import type { EvalReportT } from './schema';
import type { Summary } from './summarize';

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(w[i] as number) : c.padStart(w[i] as number))).join('  ');
  return [line(head), w.map((n) => '─'.repeat(n)).join('  '), ...rows.map(line)];
}

function cells(report: EvalReportT, summary: Summary): { head: string[]; rows: string[][] } {
  const info = new Map(report.metrics.map((m) => [m.key, m]));
  const [base, ...rest] = report.models;
  const head = [
    'metric',
    'unit',
    ...report.models.map((m) => m.id),
    ...rest.map((m) => `${m.id} − ${base?.id ?? ''} [95 % CI] verdict`),
  ];
  const rows = shownMetrics(report).map((k) => {
    const unit = info.get(k)?.unit ?? '';
    return [
      k,
      unit === 'share' ? '%' : unit,
      ...report.models.map((m) => fmtMean(summary.byModel.find((s) => s.model === m.id)?.means[k], unit)),
      ...rest.map((m) =>
        fmtDiff(
          report.comparisons.find((c) => c.candidate === m.id && c.metric === k),
          unit,
        ),
      ),
    ];
  });
  rows.push([
    'latency p50 / p95',
    'ms',
    ...report.models.map((m) => `${fmt(summary.latency[m.id]?.p50)} / ${fmt(summary.latency[m.id]?.p95)}`),
    ...rest.map(() => ''),
  ]);
  rows.push(['peakRssMb', 'MiB', ...report.models.map((m) => fmtMean(m.peakRssMb)), ...rest.map(() => '')]);
  rows.push(['dtype', '', ...report.models.map((m) => m.dtype ?? 'n/a (code)'), ...rest.map(() => '')]);
  rows.push([
    'modelSizeMb',
    'MiB',
    ...report.models.map((m) => (m.sizeBytes === null ? 'n/a (code)' : fmt(m.sizeBytes / 2 ** 20))),
    ...rest.map(() => ''),
  ]);
  rows.push([
    'wall time',
    's',
    ...report.models.map((m) => `${fmt(m.wallMs / 1000)} (${m.cached} cached)`),
    ...rest.map(() => ''),
  ]);
  return { head, rows };
}

const METHOD =
  'Paired on the same requests. Differences are candidate − baseline (first model); intervals are 95 % paired-bootstrap percentile intervals (unadjusted); verdicts use two-sided bootstrap p-values adjusted with Holm–Bonferroni over every metric compared for the pair (family-wise error ≤ alpha).';

/** A plain-text table for the terminal. */
export function terminalReport(report: EvalReportT, summary: Summary): string {
  const { head, rows } = cells(report, summary);
  const title = `nexfitra-eval · suite ${report.suite.name} (${scopeText(report)}) · ${report.models.length} model(s)`;
  return [title, '', ...table(head, rows), '', report.models.length > 1 ? METHOD : ''].join('\n');
}

/** A Markdown report: the headline table, per-slice quality, failures and every metric's definition. */
export function markdownReport(report: EvalReportT, summary: Summary): string {
  const { head, rows } = cells(report, summary);
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const md = (h: readonly string[], rs: readonly (readonly string[])[]) => [
    `| ${h.map(esc).join(' | ')} |`,
    `|${h.map(() => '---').join('|')}|`,
    ...rs.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ];
  const slices = [...new Set(summary.bySlice.map((s) => s.slice as string))];
  const sliceRows = slices.map((s) => [
    s,
    ...report.models.map((m) => {
      const g = summary.bySlice.find((x) => x.model === m.id && x.slice === s);
      return g ? `${fmt(g.means['validPlan'], 'share')} valid · q ${fmt(g.means['qualityScore'])}` : '–';
    }),
  ]);
  const failures = report.rows.filter((r) => r.status === 'error' || r.status === 'failed').slice(0, 20);
  const docs = report.metrics
    .filter((m) => !m.key.includes('.'))
    .map((m) => [m.key, m.unit, m.better, m.doc]);
  return [
    `# nexfitra-eval: ${report.models.map((m) => m.id).join(' vs ')} on \`${report.suite.name}\``,
    '',
    `${scopeText(report)} (suite sha256 ${report.suite.hash.slice(0, 12)}…), report schema ${report.version}, ${report.createdAt}.`,
    '',
    ...md(head, rows),
    '',
    report.models.length > 1 ? METHOD : '',
    '',
    '## Per slice (valid plans · mean quality score)',
    '',
    ...md(['slice', ...report.models.map((m) => m.id)], sliceRows),
    '',
    ...(failures.length
      ? [
          '## Failures (first 20)',
          '',
          ...failures.map((f) => `- ${f.model} · ${f.requestId}: ${f.status} ${f.error ?? ''}`),
          '',
        ]
      : []),
    '## Metric definitions',
    '',
    'Families (one column per member): `hard.<CODE>` and `soft.<CODE>` count core validator violations of one code; `dri.<nutrient>` is DRI coverage in % capped at 100; `sets.<muscle>` is weekly sets.',
    '',
    ...md(['metric', 'unit', 'better', 'definition'], docs),
    '',
  ].join('\n');
}
