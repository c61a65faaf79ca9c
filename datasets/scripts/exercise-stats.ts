/**
 * Prints the exercise catalogue's counts as Markdown tables for datasets/exercises/CARD.md:
 * muscle × equipment set (primary / primary-or-secondary), per equipment item, per movement
 * pattern, per level and per contraindication. Deterministic; run with
 * `npx tsx datasets/scripts/exercise-stats.ts`.
 */

import {
  EQUIPMENT,
  EQUIPMENT_SETS,
  EXPERIENCE_LEVELS,
  INJURY_SITES,
  MOVEMENT_PATTERNS,
  MUSCLES,
} from '@nexfitra/core';
import { EXERCISES, exercisesFor } from '@nexfitra/core/exercises';

type SetName = keyof typeof EQUIPMENT_SETS;
const sets = Object.keys(EQUIPMENT_SETS) as SetName[];
const out: string[] = [];
const row = (cells: readonly (string | number)[]) => out.push(`| ${cells.join(' | ')} |`);
const head = (cells: readonly string[]) => {
  row(cells);
  row(cells.map((_, i) => (i === 0 ? '---' : '---:')));
};

out.push(`Total exercises: ${EXERCISES.length}`, '');
out.push('Muscle × equipment set: exercises with the muscle as primary / as primary or secondary.', '');
head(['muscle', ...sets]);
const bySet = new Map(sets.map((s) => [s, exercisesFor({ equipment: s })]));
for (const m of MUSCLES) {
  row([
    m,
    ...sets.map((s) => {
      const list = bySet.get(s)!;
      const p = list.filter((e) => e.primaryMuscles.includes(m)).length;
      const any = list.filter((e) => e.primaryMuscles.includes(m) || e.secondaryMuscles.includes(m)).length;
      return `${p} / ${any}`;
    }),
  ]);
}
row(['**all**', ...sets.map((s) => bySet.get(s)!.length)]);

out.push('', 'Primary muscle × equipment item (an exercise counts once per item it needs).', '');
const items = EQUIPMENT.filter((q) => EXERCISES.some((e) => e.equipment.includes(q)));
head(['muscle', ...items]);
for (const m of MUSCLES) {
  row([
    m,
    ...items.map(
      (q) => EXERCISES.filter((e) => e.equipment.includes(q) && e.primaryMuscles.includes(m)).length,
    ),
  ]);
}
row(['**all**', ...items.map((q) => EXERCISES.filter((e) => e.equipment.includes(q)).length)]);

const tally = (title: string, keys: readonly string[], count: (k: string) => number) => {
  out.push('', title, '');
  head(keys as string[]);
  row(keys.map(count));
};
tally('Per movement pattern', MOVEMENT_PATTERNS, (p) => EXERCISES.filter((e) => e.pattern === p).length);
tally('Per minimum level', EXPERIENCE_LEVELS, (l) => EXERCISES.filter((e) => e.level === l).length);
tally(
  'Per contraindication tag',
  INJURY_SITES,
  (s) => EXERCISES.filter((e) => (e.contraindications as readonly string[]).includes(s)).length,
);
out.push(
  '',
  `Compound: ${EXERCISES.filter((e) => e.mechanics === 'compound').length}, isolation: ${EXERCISES.filter((e) => e.mechanics === 'isolation').length}, unilateral: ${EXERCISES.filter((e) => e.unilateral).length}, with a MET value: ${EXERCISES.filter((e) => e.met !== undefined).length}, no contraindication: ${EXERCISES.filter((e) => e.contraindications.length === 0).length}.`,
);
console.log(out.join('\n'));
