import { describe, expect, it } from 'vitest';
import { boxPlot } from '../src/report/svg';

describe('boxPlot', () => {
  it('leaves room for long row labels: an end-anchored label starts inside the chart', () => {
    const label = 'models/plan-default#fp32';
    const svg = boxPlot('x', 'X', 'ms', [
      { label, values: [1, 2, 3] },
      { label: 'builtin:rules', values: [2, 3, 4] },
    ]);
    const m = new RegExp(`<text x="([\\d.]+)"[^>]*text-anchor="end">${label}</text>`).exec(svg);
    expect(m).not.toBeNull();
    // 12 px sans-serif is at most ~7 px a character (hand measure of the glyph widths), so the
    // label's right end must be at least 7 × its length from the left edge.
    expect(Number(m![1])).toBeGreaterThanOrEqual(7 * label.length);
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
    expect(width).toBeGreaterThan(Number(m![1]) + 300);
  });
});
