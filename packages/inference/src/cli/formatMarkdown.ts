/** The plan as Markdown: headings per week and day, tables for sessions and meals. */
import { int, type PlanView, weekAgainstFirst } from './_view';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The plan view as GitHub-flavoured Markdown (ends with a newline). */
export function formatMarkdown(v: PlanView): string {
  const out: string[] = [
    `# ${v.title}`,
    '',
    `- **Person:** ${v.person}`,
    `- **Goal:** ${v.goal}`,
    `- **Preferences:** ${v.preferences}`,
    `- **Daily targets:** ${v.targets}`,
    `- **Model:** ${v.model}`,
    '',
    `## Training — ${v.split}`,
  ];
  const first = v.weeks[0];
  if (first) {
    out.push('', `### ${first.label}`);
    for (const s of first.sessions) {
      out.push(
        '',
        `**${s.label} — ${s.name}**`,
        '',
        '| exercise | sets × reps | load | rest |',
        '|---|---|---|---|',
      );
      for (const x of s.exercises) {
        x.groups.forEach((g, i) => {
          out.push(
            `| ${i === 0 ? cell(x.name) : ''} | ${g.scheme} | ${g.load} | ${g.rest.replace('rest ', '')} |`,
          );
        });
      }
    }
    for (const week of v.weeks.slice(1)) {
      out.push('', `### ${week.label}`, '', ...weekAgainstFirst(first, week).map((l) => `- ${l}`));
    }
  }
  out.push('', '## Meals');
  for (const d of v.days) {
    out.push(
      '',
      `### ${d.label} — ${int(d.kcal)} kcal, protein ${int(d.proteinG)} g, fat ${int(d.fatG)} g, carbs ${int(d.carbsG)} g, fiber ${int(d.fiberG)} g (${d.status})`,
      '',
      '| meal | food | portion |',
      '|---|---|---|',
    );
    for (const m of d.meals) {
      for (const [i, it] of m.items.entries()) {
        if (it.dishStart) out.push(`| ${i === 0 ? m.label : ''} | **${cell(it.dishStart)}** | |`);
        const label = i === 0 && !it.dishStart ? m.label : '';
        out.push(`| ${label} | ${it.inDish ? '&nbsp;&nbsp;' : ''}${cell(it.name)} | ${it.portion} |`);
      }
    }
  }
  out.push('', '## Safety', '', ...v.safety.map((s) => `- ${s}`));
  if (v.notes.length)
    out.push('', '## Notes (quality findings, not safety)', '', ...v.notes.map((s) => `- ${s}`));
  return `${out.join('\n')}\n`;
}
