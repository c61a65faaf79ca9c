/** @internal A one-line progress bar with ETA on stderr (rewritten in place on a TTY, every 10 % otherwise). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let start = performance.now();
  let current = '';
  let lastPct = -1;
  return (model: string, done: number, total: number, cached: number) => {
    if (model !== current) {
      current = model;
      start = performance.now();
      lastPct = -1;
    }
    const computed = done - cached;
    const elapsed = (performance.now() - start) / 1000;
    const eta = computed > 0 ? ((total - done) * elapsed) / computed : 0;
    const width = 24;
    const fill = Math.round((done / total) * width);
    const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
    const line = `${model} [${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${total} · ${cached} cached · ${mmss(elapsed)} elapsed · ETA ${mmss(eta)}`;
    if (stream.isTTY) stream.write(`\r${line}${done === total ? '\n' : ''}`);
    else {
      const pct = Math.floor((done / total) * 10);
      if (pct !== lastPct) {
        lastPct = pct;
        stream.write(`${line}\n`);
      }
    }
  };
}
