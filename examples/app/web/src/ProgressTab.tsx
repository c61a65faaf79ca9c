/**
 * Progress: log today's (or any day's) weight, see the trend chart core draws (an SVG made on
 * the server from numbers only, shown as an image so nothing in it can run), the trend and rate,
 * and the projection at the plan's target.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api';

interface Progress {
  entries: number;
  trend: { points: { date: string; trendKg: number; rateKgPerWeek: number; weightKg?: number }[] } | null;
  trendReason?: string;
  expenditure: { ok?: boolean; tdeeKcal?: number } | null;
  projectionReason?: string;
  charts: { weight: string | null; projection: string | null; strength: string[] };
}

const today = () => new Date().toISOString().slice(0, 10);

export function ProgressTab() {
  const [data, setData] = useState<Progress | null>(null);
  const [date, setDate] = useState(today());
  const [kg, setKg] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api<Progress>('GET', '/progress')
        .then(setData)
        .catch((e: unknown) => setError(e instanceof ApiError ? e : null)),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function log(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/progress/entries', {
        date,
        weight: { value: kg === '' ? null : Number(kg), unit: 'kg' },
      });
      setKg('');
      await load();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', 'the server did not answer'));
    } finally {
      setBusy(false);
    }
  }
  const fieldError = (p: string) => error?.fields.find((f) => f.path.startsWith(p))?.allowed;
  const last = data?.trend?.points.at(-1);

  return (
    <div className="progress">
      <form className="card logform" onSubmit={log} noValidate aria-label="Log your weight">
        <h2>Log your weight</h2>
        <div className="grid">
          <div className={fieldError('date') ? 'field invalid' : 'field'}>
            <label htmlFor="p-date">Date</label>
            <input
              id="p-date"
              type="date"
              value={date}
              max={today()}
              onChange={(e) => setDate(e.target.value)}
            />
            {fieldError('date') && <small className="error">{fieldError('date')}</small>}
          </div>
          <div className={fieldError('weight') ? 'field invalid' : 'field'}>
            <label htmlFor="p-kg">
              Weight <span className="unit">(kg)</span>
            </label>
            <input
              id="p-kg"
              type="number"
              inputMode="decimal"
              step="0.1"
              min="30"
              max="300"
              value={kg}
              onChange={(e) => setKg(e.target.value)}
              aria-invalid={!!fieldError('weight')}
            />
            {fieldError('weight') && <small className="error">{fieldError('weight')}</small>}
          </div>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Log weight'}
          </button>
        </div>
        {error && error.fields.length === 0 && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
      </form>
      <div className="card chart">
        <h2>Trend</h2>
        {last ? (
          <p className="trend" role="status">
            <strong>{last.trendKg.toFixed(1)} kg</strong> trend weight, {last.rateKgPerWeek >= 0 ? '+' : '−'}
            {Math.abs(last.rateKgPerWeek).toFixed(2)} kg a week
            <span className="muted"> · {data?.entries} weigh-ins</span>
          </p>
        ) : (
          <p className="muted">{data?.trendReason ?? 'Log a few weigh-ins to see your trend.'}</p>
        )}
        {data?.charts.weight && (
          <Chart svg={data.charts.weight} alt={`Trend weight over ${data.entries} weigh-ins`} />
        )}
      </div>
      {data?.charts.projection && (
        <div className="card chart">
          <h2>Where the plan leads</h2>
          <Chart
            svg={data.charts.projection}
            alt="Projected weight on the plan's energy target, with its uncertainty band"
          />
        </div>
      )}
    </div>
  );
}

/** A server-drawn SVG chart as an image (an `<img>` runs no script and needs no HTML injection). */
function Chart({ svg, alt }: { svg: string; alt: string }) {
  return (
    <img className="svg" alt={alt} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
  );
}
