/**
 * Builds the foods datasets from USDA SR24 as shipped in Debian's `cronometer` package:
 *   datasets/foods/usda-sr24.arrow                      full table (Arrow IPC file)
 *   packages/core/src/foods/catalogue.generated.ts      curated catalogue (compact TS module)
 *   datasets/foods/CARD.md                              dataset card with counts and rules
 *
 *   npx tsx datasets/scripts/build-foods.ts [--jar path/to/usda_sr24.jar] [--check]
 *
 * Without --jar it runs `apt-get download cronometer` and `dpkg -x` in datasets/build/foods/
 * (git-ignored); that is the only network access. --check builds in memory and exits 1 unless
 * every output equals the committed file byte for byte. Output depends only on the jar, the
 * curated list and this code (no dates, no hash-map order), so rebuilding reproduces it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { energyFromMacros } from '../../packages/core/src/nutrition/energy';
import { FOOD_GROUPS, Food, type FoodT } from '../../packages/core/src/schemas/food';
import { ALLERGENS, DIET_TYPES, MEAL_TYPES } from '../../packages/core/src/schemas/vocab';
import { buildFoodsArrow } from './build-foods.arrow';
import { renderCard } from './build-foods.card';
import {
  allergensOf,
  assignFoodGroups,
  dietsOf,
  ID_OVERRIDES,
  mealTypesOf,
  portionOf,
  servingsOf,
} from './build-foods.rules';
import { readSr24, type SrFood } from './build-foods.sr24';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = {
  arrow: join(ROOT, 'datasets/foods/usda-sr24.arrow'),
  catalogue: join(ROOT, 'packages/core/src/foods/catalogue.generated.ts'),
  card: join(ROOT, 'datasets/foods/CARD.md'),
};
const CURATED = join(ROOT, 'datasets/foods/curated-ids.txt');

/** Micronutrients carried into the catalogue (Arrow keys); the Arrow file has all 73. */
export const CATALOGUE_MICROS = [
  'saturated_fat_g',
  'cholesterol_mg',
  'sodium_mg',
  'potassium_mg',
  'calcium_mg',
  'iron_mg',
  'magnesium_mg',
  'zinc_mg',
  'vitamin_a_iu',
  'vitamin_c_mg',
  'vitamin_d_iu',
  'vitamin_b12_ug',
  'folate_ug',
] as const;

/** Energy check tolerance: |stored − 4/4/9| ≤ max(10 % of stored, 10 kcal) per 100 g. */
export const ENERGY_TOLERANCE = { relative: 0.1, absoluteKcal: 10 } as const;

function getJar(args: string[]): { jar: Buffer; debVersion: string } {
  const i = args.indexOf('--jar');
  if (i >= 0) {
    const p = args[i + 1];
    if (!p) throw new Error('--jar needs a path');
    return { jar: readFileSync(p), debVersion: args[args.indexOf('--deb-version') + 1] ?? 'unknown (--jar)' };
  }
  const dir = join(ROOT, 'datasets/build/foods');
  mkdirSync(dir, { recursive: true });
  let deb = readdirSync(dir).find((f) => /^cronometer_.*\.deb$/.test(f));
  if (!deb) {
    execFileSync('apt-get', ['download', 'cronometer'], { cwd: dir, stdio: 'inherit' });
    deb = readdirSync(dir).find((f) => /^cronometer_.*\.deb$/.test(f));
    if (!deb) throw new Error('apt-get download cronometer produced no .deb');
  }
  const x = join(dir, 'deb');
  const jarPath = join(x, 'usr/share/cronometer/usda_sr24.jar');
  if (!existsSync(jarPath)) execFileSync('dpkg', ['-x', join(dir, deb), x], { stdio: 'inherit' });
  const debVersion = execFileSync('dpkg-deb', ['-f', join(dir, deb), 'Version'], { encoding: 'utf8' }).trim();
  return { jar: readFileSync(jarPath), debVersion };
}

export interface CuratedLine {
  readonly id: string;
  readonly name: string;
}

/** `id<TAB>short name` lines; `#` lines are comments. */
export function readCurated(text: string): CuratedLine[] {
  const out: CuratedLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#')) continue;
    const [id, name] = line.split('\t');
    if (!id || !/^\d{5}$/.test(id) || !name?.trim()) {
      throw new Error(`curated-ids.txt: bad line ${JSON.stringify(raw)}`);
    }
    out.push({ id, name: name.trim() });
  }
  return out;
}

export interface EnergyOutlier {
  readonly id: string;
  readonly name: string;
  readonly stored: number;
  readonly general: number | null;
  readonly reason: string;
}

function energyCheck(f: SrFood, name: string): EnergyOutlier | null {
  const n = (k: string) => f.nutrients.get(k) ?? 0;
  const stored = n('energy_kcal');
  const macros = {
    protein: n('protein_g'),
    fat: n('fat_g'),
    carbs: n('carbs_g'),
    fiber: n('fiber_g'),
    alcohol: n('alcohol_g'),
  };
  let general: number;
  try {
    general = energyFromMacros(macros);
  } catch {
    return {
      id: f.id,
      name,
      stored,
      general: null,
      reason: `fiber (${macros.fiber} g) exceeds carbohydrate by difference (${macros.carbs} g)`,
    };
  }
  const tol = Math.max(ENERGY_TOLERANCE.relative * stored, ENERGY_TOLERANCE.absoluteKcal);
  if (Math.abs(stored - general) <= tol) return null;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  let reason: string;
  if (f.pcf !== null && f.fcf !== null && f.ccf !== null) {
    // USDA: energy = Σ specific factor × macro, carbohydrate incl. fiber, alcohol 6.93 kcal/g.
    const specific =
      f.pcf * macros.protein + f.fcf * macros.fat + f.ccf * macros.carbs + 6.93 * macros.alcohol;
    const gaps = [
      ['protein', (4 - f.pcf) * macros.protein],
      ['fat', (9 - f.fcf) * macros.fat],
      ['carbohydrate/fiber', 4 * (macros.carbs - macros.fiber) + 2 * macros.fiber - f.ccf * macros.carbs],
    ] as const;
    const big = [...gaps].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))[0]!;
    reason =
      Math.abs(stored - specific) <= Math.max(0.03 * stored, 3)
        ? `USDA Atwater specific factors (${f.pcf}/${f.fcf}/${f.ccf} kcal/g → ${r1(specific)} kcal); largest gap from 4/4/9 in ${big[0]} (${r1(big[1])} kcal)`
        : `stored kcal matches neither 4/4/9 nor USDA's specific factors (${r1(specific)} kcal): analysed or manufacturer energy value`;
  } else {
    reason = 'no Atwater factors in the source; stored energy is an analysed or manufacturer value';
  }
  if (macros.alcohol > 0) reason += `; alcohol ${macros.alcohol} g`;
  return { id: f.id, name, stored, general: r1(general), reason };
}

function curatedFood(f: SrFood, line: CuratedLine, group: FoodT['foodGroup']): FoodT {
  const nut = (k: string) => f.nutrients.get(k);
  const carbs = nut('carbs_g')!;
  const fiber = nut('fiber_g') ?? (carbs === 0 ? 0 : undefined);
  if (fiber === undefined)
    throw new Error(`curated ${f.id} ${f.name}: SR24 reports no fiber; pick another food`);
  const sugars = nut('sugars_g') ?? (carbs === 0 ? 0 : undefined);
  const text = `${f.name} | ${line.name}`;
  const kcal = nut('energy_kcal')!;
  const per100g: FoodT['per100g'] = { kcal, protein: nut('protein_g')!, fat: nut('fat_g')!, carbs, fiber };
  if (sugars !== undefined) per100g.sugars = sugars;
  const alcohol = nut('alcohol_g');
  if (alcohol !== undefined) per100g.alcohol = alcohol;
  const micro: Record<string, number> = {};
  for (const k of CATALOGUE_MICROS) {
    const v = nut(k);
    if (v !== undefined) micro[k] = v;
  }
  per100g.micronutrients = micro;
  const portion = portionOf({ name: text, group });
  const food: FoodT = {
    id: f.id,
    name: line.name,
    foodGroup: group,
    per100g,
    servings: servingsOf(f.measures, portion),
    tags: {
      diets: dietsOf({ id: f.id, name: text, group, kcal, carbs, fiber, ...cholesterolOf(f) }),
      allergens: allergensOf({ id: f.id, name: text, group }),
      mealTypes: mealTypesOf({ name: text, group }),
    },
    portion,
  };
  return Food.parse(food);
}

/** SR24's cholesterol, when reported (exactOptionalPropertyTypes: no `undefined` value). */
function cholesterolOf(f: SrFood): { cholesterol?: number } {
  const c = f.nutrients.get('cholesterol_mg');
  return c === undefined ? {} : { cholesterol: c };
}

/** Every id override must name a curated food by its exact USDA description. */
export function checkOverrides(curated: readonly CuratedLine[], byId: ReadonlyMap<string, SrFood>): void {
  for (const o of ID_OVERRIDES) {
    if (!curated.some((c) => c.id === o.id)) throw new Error(`ID_OVERRIDES: ${o.id} is not a curated food`);
    const name = byId.get(o.id)?.name;
    if (name !== o.food) {
      throw new Error(`ID_OVERRIDES: ${o.id} is ${JSON.stringify(name)}, not ${JSON.stringify(o.food)}`);
    }
  }
}

const mask = (vals: readonly string[], vocab: readonly string[]) =>
  vals.reduce((m, v) => m | (1 << vocab.indexOf(v)), 0);

function renderCatalogue(foods: readonly FoodT[], source: string): string {
  const rows = foods.map((f) => {
    const n = f.per100g;
    return JSON.stringify([
      f.id,
      f.name,
      FOOD_GROUPS.indexOf(f.foodGroup),
      [n.kcal, n.protein, n.fat, n.carbs, n.fiber, n.sugars ?? null, n.alcohol ?? null],
      CATALOGUE_MICROS.map((k) => n.micronutrients?.[k] ?? null),
      f.servings.flatMap((s) => [s.label, s.grams]),
      mask(f.tags.diets, DIET_TYPES),
      mask(f.tags.allergens, ALLERGENS),
      mask(f.tags.mealTypes, MEAL_TYPES),
      [f.portion.minG, f.portion.maxG, f.portion.stepG],
    ]);
  });
  return `// Generated by datasets/scripts/build-foods.ts from ${source}. Do not edit: rebuild with
// \`npm run build:datasets\`. Rules and counts: datasets/foods/CARD.md.
/* biome-ignore-all format: generated */

/** @internal Vocabularies the bit masks below index into, as they were at build time. */
export const FOOD_GROUPS_AT_BUILD = ${JSON.stringify(FOOD_GROUPS)} as const;
/** @internal */
export const DIETS_AT_BUILD = ${JSON.stringify(DIET_TYPES)} as const;
/** @internal */
export const ALLERGENS_AT_BUILD = ${JSON.stringify(ALLERGENS)} as const;
/** @internal */
export const MEALS_AT_BUILD = ${JSON.stringify(MEAL_TYPES)} as const;
/** @internal Micronutrient keys of each row's micronutrient array (per 100 g). */
export const MICRO_KEYS = ${JSON.stringify(CATALOGUE_MICROS)} as const;

/**
 * @internal One row per food: [id, name, food-group index, [kcal, protein, fat, carbs (incl.
 * fiber), fiber, sugars|null, alcohol|null], micronutrients|null per MICRO_KEYS, [serving label,
 * grams, …], diet mask, allergen mask, meal mask, [minG, maxG, stepG]].
 */
export type CatalogueRow = readonly [
  string,
  string,
  number,
  readonly [number, number, number, number, number, number | null, number | null],
  readonly (number | null)[],
  readonly (string | number)[],
  number,
  number,
  number,
  readonly [number, number, number],
];

/** @internal */
export const ROWS: readonly CatalogueRow[] = [
${rows.join(',\n')},
];
`;
}

function minGzipBytes(file: string): number {
  const r = buildSync({ entryPoints: [file], bundle: true, minify: true, write: false, format: 'esm' });
  return gzipSync(Buffer.from(r.outputFiles[0]!.contents), { level: 9 }).length;
}

function main(): void {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const { jar, debVersion } = getJar(args);
  const all = readSr24(jar);
  const required = ['energy_kcal', 'protein_g', 'fat_g', 'carbs_g'];
  const excluded = all.filter((f) => required.some((k) => !f.nutrients.has(k)));
  const foods = all.filter((f) => !excluded.includes(f));
  const groups = assignFoodGroups(foods);
  const source = `USDA SR24 (Debian cronometer ${debVersion}, usr/share/cronometer/usda_sr24.jar)`;
  const arrow = buildFoodsArrow(foods, groups, {
    source: 'USDA National Nutrient Database for Standard Reference, Release 24 (2011)',
    license: 'public domain (US government work)',
    'debian.package': `cronometer ${debVersion}`,
  });

  const byId = new Map(foods.map((f) => [f.id, f]));
  const curated = readCurated(readFileSync(CURATED, 'utf8'));
  const dup = curated.find((c, i) => curated.findIndex((d) => d.id === c.id) !== i);
  if (dup) throw new Error(`curated-ids.txt lists ${dup.id} twice`);
  checkOverrides(curated, byId);
  const catalogue: FoodT[] = [];
  const outliers: EnergyOutlier[] = [];
  for (const c of curated) {
    const f = byId.get(c.id);
    if (!f) throw new Error(`curated id ${c.id} (${c.name}) is not an SR24 food`);
    catalogue.push(curatedFood(f, c, groups.get(c.id)!.group));
    const o = energyCheck(f, c.name);
    if (o) outliers.push(o);
  }
  const catalogueTs = renderCatalogue(catalogue, source);

  const outputs: [string, Uint8Array | string][] = [
    [OUT.arrow, arrow],
    [OUT.catalogue, catalogueTs],
  ];
  if (!check) for (const [p, data] of outputs) writeFileSync(p, data);
  const card = renderCard({
    debVersion,
    jarBytes: jar.length,
    all,
    excluded,
    foods,
    groups,
    catalogue,
    outliers,
    arrowBytes: arrow.byteLength,
    catalogueTsBytes: Buffer.byteLength(catalogueTs),
    catalogueMinGz: minGzipBytesOf(catalogueTs),
    energyTolerance: ENERGY_TOLERANCE,
  });
  outputs.push([OUT.card, card]);
  if (!check) writeFileSync(OUT.card, card);

  if (check) {
    let ok = true;
    for (const [p, data] of outputs) {
      const want = Buffer.from(typeof data === 'string' ? Buffer.from(data) : data);
      const have = existsSync(p) ? readFileSync(p) : Buffer.alloc(0);
      const same = Buffer.compare(want, have) === 0;
      ok &&= same;
      console.log(
        `${same ? 'same     ' : 'DIFFERENT'} ${p.slice(ROOT.length + 1)} (${want.length} bytes built)`,
      );
    }
    if (!ok) process.exit(1);
  } else {
    console.log(
      `foods: ${foods.length} in Arrow (${arrow.byteLength} bytes), ${catalogue.length} curated, ${outliers.length} energy outliers`,
    );
  }
}

/** The generated module minified by esbuild and gzipped at level 9, in bytes. */
function minGzipBytesOf(source: string): number {
  const dir = join(ROOT, 'datasets/build/foods');
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, 'catalogue-size-probe.ts');
  writeFileSync(tmp, source);
  return minGzipBytes(tmp);
}

main();
