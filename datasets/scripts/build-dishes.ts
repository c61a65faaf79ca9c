/**
 * Builds the dish catalogue from its authored source:
 *   datasets/dishes/dishes.txt                      authored dishes (format in its header)
 *   packages/core/src/dishes/catalogue.generated.ts compact TS module behind @nexfitra/core/dishes
 *   datasets/dishes/CARD.md                         dataset card with the counts
 *
 *   npx tsx --conditions=@nexfitra/source datasets/scripts/build-dishes.ts [--check]
 *
 * Every dish is parsed with the `Dish` schema; every food id must be a catalogue food whose
 * name starts with the name written beside it (catches a mistyped id); every `@ measure` must be
 * one of that food's household measures. --check exits 1 unless the generated module and card
 * equal the committed ones byte for byte. Output depends only on the source and the vocabularies.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getFood, hasFood } from '../../packages/core/src/foods/index';
import { CUISINES, DISH_ROLES, Dish, type DishT } from '../../packages/core/src/schemas/dish';
import { MEAL_TYPES } from '../../packages/core/src/schemas/vocab';
import { renderCard } from './build-dishes.card';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SOURCE = join(ROOT, 'datasets/dishes/dishes.txt');
export const OUT = join(ROOT, 'packages/core/src/dishes/catalogue.generated.ts');
export const CARD = join(ROOT, 'datasets/dishes/CARD.md');

const HEADER = /^==\s*(.+)$/;
const COMPONENT = /^([a-z-]+)(\?)?\s+(\d{5})\s+([\d.]+)-([\d.]+)\s+([^@]+?)\s*(?:@\s*(.+))?$/;

/** Parses dishes.txt into dishes; throws naming the line for anything malformed. */
export function parseDishes(text: string): DishT[] {
  const dishes: DishT[] = [];
  let current: DishT | null = null;
  const errors: string[] = [];
  const fail = (n: number, msg: string): void => {
    errors.push(`dishes.txt:${n}: ${msg}`);
  };
  const finish = (n: number) => {
    if (!current) return;
    const r = Dish.safeParse(current);
    if (!r.success)
      fail(n, `${current.id}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    dishes.push(current);
    current = null;
  };
  text.split('\n').forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const h = HEADER.exec(line);
    if (h) {
      finish(n - 1);
      const f = h[1]!.split('|').map((s) => s.trim());
      if (f.length !== 6) fail(n, 'a header has 6 fields: id | name | meals | cuisines | N min | flags');
      const [id, name, meals, cuisines, prep, flags] = f as [string, string, string, string, string, string];
      const prepM = /^(\d+) min$/.exec(prep);
      if (!prepM) fail(n, `prep time "${prep}" is not "N min"`);
      const flagList = flags === '-' ? [] : flags.split(',').map((s) => s.trim());
      for (const fl of flagList) if (fl !== 'side' && fl !== 'leftovers') fail(n, `unknown flag "${fl}"`);
      current = {
        id,
        name,
        mealTypes: meals.split(',').map((s) => s.trim()) as DishT['mealTypes'],
        side: flagList.includes('side'),
        cuisines: cuisines.split(',').map((s) => s.trim()) as DishT['cuisines'],
        prepMinutes: Number(prepM?.[1]),
        keepsAsLeftovers: flagList.includes('leftovers'),
        components: [],
      };
      return;
    }
    const c = COMPONENT.exec(line);
    if (!c) {
      fail(n, `not a dish header or component: ${JSON.stringify(line)}`);
      return;
    }
    if (!current) {
      fail(n, 'component before any dish header');
      return;
    }
    const [, role, opt, foodId, min, max, name, measure] = c as unknown as string[];
    if (!hasFood(foodId)) {
      fail(n, `${foodId} is not a catalogue food`);
      return;
    }
    const food = getFood(foodId!);
    if (!food.name.toLowerCase().startsWith(name!.toLowerCase()))
      fail(n, `${foodId} is "${food.name}", not "${name}"`);
    if (measure !== undefined && !food.servings.some((s) => s.label === measure))
      fail(
        n,
        `${foodId} has no measure "${measure}" (has ${food.servings.map((s) => JSON.stringify(s.label)).join(', ')})`,
      );
    current.components.push({
      foodId: foodId!,
      role: role as DishT['components'][number]['role'],
      minG: Number(min),
      maxG: Number(max),
      ...(measure !== undefined ? { measure } : {}),
      ...(opt ? { optional: true } : {}),
    });
  });
  finish(text.split('\n').length);
  if (errors.length > 0) throw new Error(`${errors.length} error(s):\n${errors.join('\n')}`);
  const ids = new Set<string>();
  for (const d of dishes) {
    if (ids.has(d.id)) throw new Error(`dishes.txt: duplicate dish id ${d.id}`);
    ids.add(d.id);
  }
  return dishes;
}

const mask = (xs: readonly string[], vocab: readonly string[]) =>
  xs.reduce((m, x) => m | (1 << vocab.indexOf(x)), 0);

/** The generated module: vocabularies as at build time and one compact row per dish. */
export function renderModule(dishes: readonly DishT[]): string {
  const rows = dishes.map((d) => {
    const comps = d.components.map((c) =>
      JSON.stringify([
        c.foodId,
        DISH_ROLES.indexOf(c.role),
        c.minG,
        c.maxG,
        c.measure ?? 0,
        c.optional ? 1 : 0,
      ]),
    );
    const head = [
      d.id,
      d.name,
      mask(d.mealTypes, MEAL_TYPES),
      d.side ? 1 : 0,
      d.cuisines.map((x) => CUISINES.indexOf(x)),
      d.prepMinutes,
      d.keepsAsLeftovers ? 1 : 0,
    ];
    return `[${JSON.stringify(head).slice(1, -1)},[${comps.join(',')}]],`;
  });
  return `// Generated by datasets/scripts/build-dishes.ts from datasets/dishes/dishes.txt. Do not edit:
// rebuild with \`npm run build:dishes\`. Method and counts: datasets/dishes/CARD.md.
/* biome-ignore-all format: generated */

/** @internal Vocabularies the rows index into, as they were at build time. */
export const ROLES_AT_BUILD = ${JSON.stringify(DISH_ROLES)} as const;
/** @internal */
export const CUISINES_AT_BUILD = ${JSON.stringify(CUISINES)} as const;
/** @internal */
export const MEALS_AT_BUILD = ${JSON.stringify(MEAL_TYPES)} as const;

/** @internal [foodId, role index, minG, maxG, measure label or 0, optional 0/1] */
export type ComponentRow = readonly [string, number, number, number, string | 0, 0 | 1];
/** @internal [id, name, meal mask, side 0/1, cuisine indices, prep minutes, keeps 0/1, components] */
export type DishRow = readonly [string, string, number, 0 | 1, readonly number[], number, 0 | 1, readonly ComponentRow[]];

/** @internal ${dishes.length} dishes. */
export const DISH_ROWS: readonly DishRow[] = [
${rows.join('\n')}
];
`;
}

/** The card, from the module as it is on disk (imported fresh after a write). */
export async function cardText(moduleBytes: number): Promise<string> {
  const m = await import('../../packages/core/src/dishes/index');
  return renderCard({
    dishes: m.DISHES,
    dishesFor: m.dishesFor,
    ketoCapG: m.KETO_DISH_MAX_NET_CARBS_G,
    moduleBytes,
  });
}

async function main(): Promise<void> {
  const dishes = parseDishes(readFileSync(SOURCE, 'utf8'));
  const out = renderModule(dishes);
  if (process.argv.includes('--check')) {
    const stale = [readFileSync(OUT, 'utf8') !== out ? OUT : null];
    if (!stale[0]) stale.push(readFileSync(CARD, 'utf8') !== (await cardText(out.length)) ? CARD : null);
    const bad = stale.filter((x) => x !== null);
    if (bad.length > 0) {
      console.error(`stale: ${bad.join(', ')}; run npm run build:dishes`);
      process.exit(1);
    }
    console.log(`dishes: ${dishes.length}, generated module and card up to date`);
    return;
  }
  writeFileSync(OUT, out);
  writeFileSync(CARD, await cardText(out.length));
  console.log(`dishes: ${dishes.length} → ${OUT} (${out.length} bytes), ${CARD}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
