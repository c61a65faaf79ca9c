/**
 * The week's plan: choose a model, make the plan and watch it arrive part by part (server-sent
 * events), then read it — each day's meals against the targets, training sessions, the
 * shopping list — and swap a meal or a session you do not want.
 */
import { useEffect, useState } from 'react';
import { ApiError, api, type DayView, type PlanBody, type SessionView, streamPlan } from './api';
import { DayCard } from './DayCard';
import { SessionCard } from './SessionCard';
import { ShoppingList } from './ShoppingList';

interface ModelEntry {
  id: string;
  info: { kind?: string; description?: string; name?: string } | null;
}

interface Streaming {
  days: DayView[];
  sessions: SessionView[];
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

export function PlanTab({ hasProfile, onNeedProfile }: { hasProfile: boolean; onNeedProfile: () => void }) {
  const [models, setModels] = useState<ModelEntry[]>([]);
  const [model, setModel] = useState('builtin:rules');
  const [plan, setPlan] = useState<PlanBody | null>(null);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [day, setDay] = useState(0);
  const [week, setWeek] = useState(0);
  const [busySwap, setBusySwap] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  /** Ratings of the shown plan by part: JSON of { day, meal } or { week, session } → 1–5. */
  const [ratings, setRatings] = useState<ReadonlyMap<string, number>>(new Map());

  const planId = plan?.id;
  useEffect(() => {
    if (planId === undefined) return;
    api<{
      feedback: {
        kind: string;
        day?: number;
        meal?: number;
        week?: number;
        session?: number;
        source: string;
        rating: number;
      }[];
    }>('GET', `/feedback?planId=${planId}`)
      .then((r) =>
        setRatings(
          new Map(
            r.feedback
              .filter((f) => f.source === 'rating')
              .map((f) => [
                JSON.stringify(
                  f.kind === 'meal'
                    ? { day: f.day, meal: f.meal }
                    : { week: f.week ?? 0, session: f.session },
                ),
                f.rating,
              ]),
          ),
        ),
      )
      .catch(() => setRatings(new Map()));
  }, [planId]);

  async function rate(
    target: { day: number; meal: number } | { week: number; session: number },
    rating: number,
  ) {
    if (!plan) return;
    await api('POST', '/feedback', { planId: plan.id, ...target, rating });
    setRatings((m) => new Map(m).set(JSON.stringify(target), rating));
  }

  useEffect(() => {
    api<{ models: ModelEntry[] }>('GET', '/models')
      .then((m) => setModels(m.models))
      .catch(() => setModels([{ id: 'builtin:rules', info: null }]));
    api<{ plans: { id: number }[] }>('GET', '/plans')
      .then(async (l) => {
        if (l.plans[0]) {
          const p = await api<PlanBody>('GET', `/plans/${l.plans[0].id}`);
          setPlan(p);
          setModel(p.model);
        }
      })
      .catch(() => undefined);
  }, []);

  async function make() {
    setError(null);
    setNote(null);
    setStreaming({ days: [], sessions: [] });
    try {
      const p = await streamPlan(model, (part) =>
        setStreaming((s) =>
          s && part.kind === 'day'
            ? { ...s, days: [...s.days, part.view] }
            : s && part.kind === 'session' && part.week === 0
              ? { ...s, sessions: [...s.sessions, part.view] }
              : s,
        ),
      );
      setPlan(p);
      setDay(0);
      setWeek(0);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', 'the server did not answer'));
    } finally {
      setStreaming(null);
    }
  }

  async function swap(
    target: { day: number; meal: number } | { week: number; session: number },
    label: string,
  ) {
    if (!plan) return;
    const key = JSON.stringify(target);
    setBusySwap(key);
    setNote(null);
    setError(null);
    try {
      const next = await api<PlanBody>('POST', `/plans/${plan.id}/swap`, target);
      setPlan(next);
      setNote(`${label} swapped — this is plan version ${next.version}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', 'the server did not answer'));
    } finally {
      setBusySwap(null);
    }
  }

  const view = plan?.view;
  const days = streaming ? streaming.days : (view?.days ?? []);
  const sessions = streaming ? streaming.sessions : (view?.weeks[week]?.sessions ?? []);
  const shownDay = days[Math.min(day, Math.max(0, days.length - 1))];
  const info = models.find((m) => m.id === model)?.info;

  return (
    <div className="plan">
      <div className="card controls">
        <div className="field">
          <label htmlFor="model">Model</label>
          <select id="model" value={model} onChange={(e) => setModel(e.target.value)} disabled={!!streaming}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
          {info?.description && <small className="muted">{info.description}</small>}
        </div>
        <button
          type="button"
          className="primary"
          onClick={hasProfile ? make : onNeedProfile}
          disabled={!!streaming}
        >
          {streaming ? 'Planning…' : plan ? 'Make a new week' : 'Make my week'}
        </button>
        <p className="status" role="status" aria-live="polite">
          {streaming
            ? `Planning with ${model}… ${streaming.sessions.length} sessions, ${streaming.days.length} of 7 days ready`
            : !hasProfile
              ? 'Fill in your profile first.'
              : plan
                ? `Plan version ${plan.version} by ${plan.model}, made ${new Date(plan.createdAt).toLocaleString()}`
                : 'No plan yet.'}
        </p>
        {streaming && (
          <progress
            className="bar"
            max={7 + 4}
            value={streaming.days.length + Math.min(4, streaming.sessions.length)}
            aria-label="Plan progress"
          />
        )}
      </div>

      {error && (
        <div className="card alert" role="alert">
          <strong>{error.code === 'REFUSED' ? 'We can’t plan this safely' : 'Something went wrong'}</strong>
          <p>{error.message}</p>
          {error.reasons.length > 0 && (
            <ul>
              {error.reasons.map((r) => (
                <li key={r.code}>{r.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {note && (
        <p className="toast" role="status">
          {note}
        </p>
      )}

      {view && !streaming && (
        <section className="targets card" aria-label="Daily targets">
          <Target label="Energy" value={`${fmt(view.targets.kcal)} kcal`} />
          <Target label="Protein" value={`${fmt(view.targets.proteinG)} g`} />
          <Target label="Carbs" value={`${fmt(view.targets.carbsG)} g`} />
          <Target label="Fat" value={`${fmt(view.targets.fatG)} g`} />
          {view.targets.fiberG !== undefined && (
            <Target label="Fibre" value={`${fmt(view.targets.fiberG)} g`} />
          )}
          {(plan?.report.targetFindings ?? []).map((f) => (
            <p key={f.code} className="finding muted">
              {f.message}
            </p>
          ))}
        </section>
      )}

      {(days.length > 0 || sessions.length > 0) && (
        <div className="plan-grid">
          <div className="col">
            <h2>Meals</h2>
            <div className="chips days" role="tablist" aria-label="Day">
              {days.map((d) => (
                <button
                  type="button"
                  role="tab"
                  key={d.day}
                  aria-selected={shownDay?.day === d.day}
                  className={shownDay?.day === d.day ? 'chip on' : 'chip'}
                  onClick={() => setDay(d.day)}
                >
                  Day {d.day + 1}
                </button>
              ))}
              {streaming &&
                Array.from({ length: 7 - days.length }, (_, i) => days.length + i).map((n) => (
                  <span key={`w${n}`} className="chip pending" aria-hidden="true">
                    Day {n + 1}
                  </span>
                ))}
            </div>
            {shownDay && view && (
              <DayCard
                day={shownDay}
                targets={view.targets}
                busy={busySwap}
                onSwap={streaming ? undefined : (meal, label) => swap({ day: shownDay.day, meal }, label)}
                ratings={ratings}
                onRate={streaming ? undefined : (meal, n) => rate({ day: shownDay.day, meal }, n)}
              />
            )}
            {shownDay && !view && <DayCard day={shownDay} targets={null} busy={null} onSwap={undefined} />}
          </div>
          <div className="col">
            <h2>Training</h2>
            {view && !streaming && view.weeks.length > 1 && (
              <div className="chips" role="tablist" aria-label="Week">
                {[...view.weeks.entries()].map(([i, w]) => (
                  <button
                    type="button"
                    role="tab"
                    key={`wk${i}`}
                    aria-selected={week === i}
                    className={week === i ? 'chip on' : 'chip'}
                    onClick={() => setWeek(i)}
                  >
                    Week {i + 1}
                    {w.deload ? ' · deload' : ''}
                  </button>
                ))}
              </div>
            )}
            {sessions.map((s) => (
              <SessionCard
                key={`${s.week}-${s.index}`}
                session={s}
                busy={busySwap === JSON.stringify({ week: s.week, session: s.index })}
                onSwap={streaming ? undefined : () => swap({ week: s.week, session: s.index }, s.name)}
                rating={ratings.get(JSON.stringify({ week: s.week, session: s.index }))}
                onRate={streaming ? undefined : (n) => rate({ week: s.week, session: s.index }, n)}
              />
            ))}
            {view && !streaming && <ShoppingList shopping={view.shopping} planId={plan!.id} />}
          </div>
        </div>
      )}
    </div>
  );
}

function Target({ label, value }: { label: string; value: string }) {
  return (
    <div className="target">
      <span className="muted">{label}</span>
      <strong>{value}</strong>
    </div>
  );
}
