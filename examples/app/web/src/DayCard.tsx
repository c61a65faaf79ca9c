/** One day: energy and macros against the targets, then each meal's dishes with household measures. */
import type { DayView, PlanView } from './api';
import { Rating } from './Rating';

const MEAL_NAMES: Record<string, string> = {
  breakfast: 'Breakfast',
  lunch: 'Lunch',
  dinner: 'Dinner',
  snack: 'Snack',
};
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

export function DayCard({
  day,
  targets,
  busy,
  onSwap,
  ratings,
  onRate,
}: {
  day: DayView;
  targets: PlanView['targets'] | null;
  busy: string | null;
  onSwap: ((meal: number, label: string) => void) | undefined;
  ratings?: ReadonlyMap<string, number>;
  onRate?: ((meal: number, rating: number) => Promise<void>) | undefined;
}) {
  const t = day.totals;
  return (
    <article className="card day" aria-label={`Day ${day.day + 1}`}>
      {targets && (
        <div className="bars">
          <Bar label="Energy" value={t.kcal} target={targets.kcal} unit="kcal" />
          <Bar label="Protein" value={t.proteinG} target={targets.proteinG} unit="g" />
          <Bar label="Carbs" value={t.carbsG} target={targets.carbsG} unit="g" />
          <Bar label="Fat" value={t.fatG} target={targets.fatG} unit="g" />
        </div>
      )}
      {!targets && (
        <p className="muted">
          {fmt(t.kcal)} kcal · {fmt(t.proteinG)} g protein
        </p>
      )}
      {day.meals.map((m, i) => {
        const label = `${MEAL_NAMES[m.type] ?? m.type}, day ${day.day + 1}`;
        const key = JSON.stringify({ day: day.day, meal: i });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: a meal's position is its identity (a swap names it by index)
          <section key={`${m.type}-${i}`} className="meal" aria-label={label}>
            <header>
              <h3>{MEAL_NAMES[m.type] ?? m.type}</h3>
              <span className="muted kcal">
                {fmt(m.totals.kcal)} kcal · {fmt(m.totals.proteinG)} g protein
              </span>
              {onSwap && (
                <button
                  type="button"
                  className="ghost small"
                  aria-label={`Swap ${label}`}
                  disabled={busy !== null}
                  onClick={() => onSwap(i, MEAL_NAMES[m.type] ?? m.type)}
                >
                  {busy === key ? 'Swapping…' : '↻ Swap'}
                </button>
              )}
            </header>
            {m.dishes.map((d, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same dish may appear twice in a meal
              <div key={`${d.dishId ?? d.name}-${j}`} className="dish">
                {d.dishId && <p className="dish-name">{d.name}</p>}
                <ul>
                  {d.items.map((it) => (
                    <li key={it.foodId}>
                      <span className="food">{it.name}</span>
                      <span className="amount">
                        {it.measure && <span className="measure">{it.measure}</span>}
                        <span className="grams">{it.grams} g</span>
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {onRate && <Rating label={label} value={ratings?.get(key)} onRate={(n) => onRate(i, n)} />}
          </section>
        );
      })}
    </article>
  );
}

/** A value against its target: the bar fills to the target at 100 % (capped at 120 % wide). */
function Bar({ label, value, target, unit }: { label: string; value: number; target: number; unit: string }) {
  const ratio = target > 0 ? value / target : 0;
  const off = Math.abs(ratio - 1);
  const tone = off <= 0.05 ? 'good' : off <= 0.15 ? 'near' : 'far';
  return (
    <div className="barrow">
      <span className="barlabel">{label}</span>
      <div className="track" aria-hidden="true">
        <div className={`fill ${tone}`} style={{ width: `${Math.min(100, (ratio / 1.2) * 100)}%` }} />
        <div className="mark" style={{ left: `${100 / 1.2}%` }} />
      </div>
      <span className="barvalue">
        {fmt(value)}
        <span className="muted">
          {' '}
          / {fmt(target)} {unit}
        </span>
      </span>
    </div>
  );
}
