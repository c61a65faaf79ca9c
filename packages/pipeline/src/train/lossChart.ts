/** One row of `loss.csv`. */
export interface LossPoint {
  readonly step: number;
  readonly loss: number;
  readonly valLoss?: number;
}

/** Parses the `loss.csv` the trainer writes (`step,lr,loss,val_loss,…`). */
export function parseLossCsv(text: string): LossPoint[] {
  const [header, ...lines] = text.trim().split('\n');
  const cols = (header ?? '').split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = l.split(',');
      const v = f[at('val_loss')];
      return {
        step: Number(f[at('step')]),
        loss: Number(f[at('loss')]),
        ...(v !== undefined && v !== '' ? { valLoss: Number(v) } : {}),
      };
    });
}

const W = 640;
const H = 360;
const PAD = { left: 56, right: 16, top: 32, bottom: 40 };

/**
 * The loss curves as a standalone SVG a person opens in a browser: training loss (line) and
 * validation loss (dots) against the step, y from 0 to the largest loss, with axis labels.
 */
export function lossChartSvg(points: readonly LossPoint[], title = 'Training loss'): string {
  const maxStep = Math.max(1, ...points.map((p) => p.step));
  const maxLoss = Math.max(1e-9, ...points.flatMap((p) => [p.loss, p.valLoss ?? 0]));
  const x = (s: number) => PAD.left + (s / maxStep) * (W - PAD.left - PAD.right);
  const y = (l: number) => H - PAD.bottom - (l / maxLoss) * (H - PAD.top - PAD.bottom);
  const f = (v: number) => v.toFixed(1);
  const line = points.map((p) => `${f(x(p.step))},${f(y(p.loss))}`).join(' ');
  const dots = points
    .filter((p) => p.valLoss !== undefined)
    .map((p) => `<circle cx="${f(x(p.step))}" cy="${f(y(p.valLoss!))}" r="3.5" fill="#d95f02"/>`)
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((k) => {
      const v = k * maxLoss;
      return `<text x="${PAD.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" font-size="11">${v.toFixed(2)}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${title}">
<title>${title}</title>
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>
<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#333"/>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>
${ticks}
<text x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="12">step (max ${maxStep})</text>
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="12">loss (nats/token)</text>
<polyline points="${line}" fill="none" stroke="#1b9e77" stroke-width="1.5"/>
${dots}
<text x="${W - PAD.right}" y="${PAD.top + 12}" text-anchor="end" font-size="11" fill="#1b9e77">train</text>
<text x="${W - PAD.right}" y="${PAD.top + 26}" text-anchor="end" font-size="11" fill="#d95f02">validation</text>
</svg>
`;
}
