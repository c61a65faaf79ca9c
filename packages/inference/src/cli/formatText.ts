/**
 * The plan as a person reads it in a terminal: aligned columns, grouped by week and by day,
 * household measures with grams, sets × reps with load and rest, no JSON.
 */
import { int, type PlanView, weekAgainstFirst } from './_view';

const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s.padEnd(n));
const rule = (title: string) => `${title}\n${'─'.repeat(Math.max(title.length, 20))}`;

function training(v: PlanView): string[] {
  const out: string[] = [
    rule(`TRAINING — ${v.split}, ${v.weeks.length} week${v.weeks.length === 1 ? '' : 's'}`),
  ];
  const first = v.weeks[0];
  if (!first) return out;
  const nameW = Math.max(24, ...first.sessions.flatMap((s) => s.exercises.map((x) => x.name.length + 2)));
  out.push(first.label);
  for (const s of first.sessions) {
    out.push(`  ${s.label}  ${s.name}`);
    for (const x of s.exercises) {
      x.groups.forEach((g, i) => {
        out.push(
          `    ${pad(i === 0 ? x.name : '', nameW)}${pad(g.scheme, 10)}${pad(g.load, 12)}${g.rest}`.trimEnd(),
        );
      });
    }
  }
  for (const week of v.weeks.slice(1)) {
    const lines = weekAgainstFirst(first, week);
    if (lines.length === 1 && lines[0]!.startsWith('same exercises'))
      out.push(`${pad(`${week.label}:`, 19)}${lines[0]}`);
    else out.push(`${week.label}: as week 1, except`, ...lines.map((l) => `  ${l}`));
  }
  return out;
}

function meals(v: PlanView): string[] {
  const out: string[] = [
    rule(`MEALS — ${v.days.length} day${v.days.length === 1 ? '' : 's'}, daily targets ${v.targets}`),
  ];
  const nameW = Math.max(
    28,
    ...v.days.flatMap((d) => d.meals.flatMap((m) => m.items.map((i) => i.name.length + (i.inDish ? 4 : 2)))),
  );
  for (const d of v.days) {
    out.push(
      '',
      `${pad(d.label, 13)}${pad(`${int(d.kcal)} kcal`, 12)}P ${pad(`${int(d.proteinG)} g`, 7)}F ${pad(`${int(d.fatG)} g`, 7)}C ${pad(`${int(d.carbsG)} g`, 7)}fiber ${pad(`${int(d.fiberG)} g`, 7)}${d.status}`,
    );
    for (const m of d.meals) {
      let label = m.label;
      for (const it of m.items) {
        if (it.dishStart) {
          out.push(`  ${pad(label, 11)}${it.dishStart}`);
          label = '';
        }
        const name = it.inDish ? `  ${it.name}` : it.name;
        out.push(`  ${pad(label, 11)}${pad(name, nameW)}${it.portion}`);
        label = '';
      }
    }
  }
  return out;
}

/** The plan view as aligned terminal text (ends with a newline). */
export function formatText(v: PlanView): string {
  const out = [
    v.title,
    `${v.person}`,
    `goal: ${v.goal}`,
    `${v.preferences}`,
    v.model,
    '',
    ...training(v),
    '',
    ...meals(v),
    '',
    rule('SAFETY'),
    ...v.safety.map((s) => `  ${s}`),
  ];
  if (v.notes.length)
    out.push('', rule('NOTES (quality findings, not safety)'), ...v.notes.map((s) => `  ${s}`));
  return `${out.join('\n')}\n`;
}
