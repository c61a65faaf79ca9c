/** The week's shopping list by store section (core's `shoppingList`), with ticks kept per plan in this browser. */
import { useEffect, useState } from 'react';
import type { PlanView } from './api';

export function ShoppingList({ shopping, planId }: { shopping: PlanView['shopping']; planId: number }) {
  const key = `nexfitra.ticks.${planId}`;
  const [ticked, setTicked] = useState<string[]>([]);
  useEffect(() => {
    try {
      setTicked(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]);
    } catch {
      setTicked([]);
    }
  }, [key]);
  const toggle = (id: string) => {
    const next = ticked.includes(id) ? ticked.filter((x) => x !== id) : [...ticked, id];
    setTicked(next);
    localStorage.setItem(key, JSON.stringify(next));
  };
  return (
    <details className="card shopping" open>
      <summary>
        <h2>Shopping list</h2>
        <span className="muted">
          {shopping.itemCount - ticked.length} of {shopping.itemCount} to buy
        </span>
      </summary>
      {shopping.sections.map((s) => (
        <section key={s.section} aria-label={s.section}>
          <h3>{s.section}</h3>
          <ul>
            {s.items.map((it) => (
              <li key={it.foodId} className={ticked.includes(it.foodId) ? 'done' : ''}>
                <label>
                  <input
                    type="checkbox"
                    checked={ticked.includes(it.foodId)}
                    onChange={() => toggle(it.foodId)}
                  />
                  <span className="item">
                    <span>{it.name}</span>
                    <span className="amount">
                      <span className="measure">{it.amount}</span>
                      <span className="grams">{Math.round(it.grams)} g</span>
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </details>
  );
}
