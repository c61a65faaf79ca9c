/**
 * The `nexfitra` CLI, run in-process on the example profiles. Expected values come from the
 * profile files themselves (the person's numbers), from core's validators run independently on
 * the JSON output, and from the product's bands (energy ±3 % of the target, each macro ±5 g).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byIdLookup, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { describe, expect, it } from 'vitest';
import { householdMeasure, portionText } from '../src/cli/_measure';
import { findShippedModel, main } from '../src/cli/main';
import { writeRandomPlanModel } from './_randomModel';

const PROFILES = join(__dirname, '../../../examples/profiles');

/** Runs the CLI in-process; the rule planner is the default unless `defaultModel` says otherwise. */
async function run(argv: string[], files: Record<string, string> = {}, defaultModel = 'builtin:rules') {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    defaultModel,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: async (p) => files[p] ?? readFile(p, 'utf8'),
  });
  return { code, stdout, stderr };
}

const profile = (name: string) => join(PROFILES, `${name}.json`);

describe('the default model', () => {
  it('without --model, plans with the shipped models/plan-default: valid, no hard rule broken, the person of the file', {
    timeout: 60_000,
  }, async () => {
    const shipped = findShippedModel();
    expect(shipped).toBe(join(__dirname, '../../../models/plan-default'));
    const r = await run(['plan', '--profile', profile('omnivore-cutting'), '--format', 'json'], {}, shipped);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    // The person of the file (92 kg, 180 cm), and core's validator run independently on the plan.
    expect(out.plan.request.profile.weight).toEqual({ value: 92, unit: 'kg' });
    expect(out.plan.mealPlan.days).toHaveLength(7);
    const v = validatePlan(out.plan, { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) });
    expect(v.violations.filter((x) => x.severity === 'hard')).toEqual([]);
    const text = await run(['plan', '--profile', profile('omnivore-cutting'), '--days', '1'], {}, shipped);
    expect(text.stdout).toMatch(
      /^Model: .*plan-default — nexfitra-plan-default [\d.]+ on onnxruntime-node, portions re-solved by the planner$/m,
    );
  });

  it('a default model that does not load: says so on stderr and plans with the rules', async () => {
    const r = await run(
      ['plan', '--profile', profile('omnivore-cutting'), '--days', '1'],
      {},
      '/no/such/model',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^nexfitra plan: the default model \/no\/such\/model did not load \(.*\); using builtin:rules$/m,
    );
    expect(r.stdout).toMatch(/^Model: builtin:rules — the rule planner$/m);
  });
});

describe('nexfitra plan (text)', () => {
  it('prints a week of sessions and meals, each day within ±3 % kcal and ±5 g macros of the targets', async () => {
    const r = await run(['plan', '--profile', profile('omnivore-cutting')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    // One line says which model made the plan.
    expect(out).toMatch(/^Model: builtin:rules — the rule planner$/m);
    // The person from the file: 92 kg, 180 cm, 38 y, male.
    expect(out).toContain('male, 38 y · 92 kg · 180 cm');
    const t = /daily targets ([\d,]+) kcal · protein (\d+) g · fat (\d+) g · carbs (\d+) g/.exec(out)!;
    const [kcal, protein, fat, carbs] = t.slice(1).map((x) => Number(x.replace(',', '')));
    const days = [
      ...out.matchAll(/^Day (\d) \(\w{3}\)\s+([\d,]+) kcal\s+P (\d+) g\s+F (\d+) g\s+C (\d+) g/gm),
    ];
    expect(days.map((d) => Number(d[1]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const d of days) {
      const [k, p, f, c] = d.slice(2).map((x) => Number(x.replace(',', '')));
      expect(Math.abs(k! - kcal!) / kcal!).toBeLessThanOrEqual(0.03 + 0.5 / kcal!);
      // Printed grams are rounded, so ±5 g becomes ±5.5 g on the printed values.
      expect(Math.abs(p! - protein!)).toBeLessThanOrEqual(5.5);
      expect(Math.abs(f! - fat!)).toBeLessThanOrEqual(5.5);
      expect(Math.abs(c! - carbs!)).toBeLessThanOrEqual(5.5);
    }
    // Sessions: three training days (the file asks for 3), sets × reps with an effort target.
    expect(out.match(/^ {2}(Mon|Tue|Wed|Thu|Fri|Sat|Sun) {2}\S/gm)!.length).toBe(3);
    expect(out).toMatch(/\d+ × \d+(–\d+)?\s+(RIR|RPE) [\d.]+\s+rest \d+:\d\d/);
    // No JSON noise (braces) in the plan; no peanut food (the file lists a peanut allergy).
    expect(out).not.toMatch(/[{}]/);
    const peanutNames = FOODS.filter((f) => f.tags.allergens.includes('peanuts')).map((f) => f.name);
    for (const n of peanutNames) expect(out).not.toContain(n);
    expect(out).toMatch(/hard rules: none broken/);
  });

  it('leaves out knee-contraindicated exercises for the knee-injury profile', async () => {
    const r = await run(['plan', '--profile', profile('knee-injury-home'), '--days', '2']);
    expect(r.code).toBe(0);
    const kneeBad = EXERCISES.filter((e) => e.contraindications.includes('knee')).map((e) => e.name);
    const lines = r.stdout.split('\n').filter((l) => /^ {4}\S/.test(l));
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) for (const n of kneeBad) expect(l.startsWith(`    ${n} `)).toBe(false);
    expect(r.stdout.match(/^Day \d/gm)).toHaveLength(2);
  });
});

describe('nexfitra plan (json, markdown)', () => {
  it('json: a plan core validates with no hard violation, for the person in the file', async () => {
    const r = await run([
      'plan',
      '--profile',
      profile('vegan-high-protein'),
      '--format',
      'json',
      '--days',
      '3',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    // 165 lb and 70 in from the file, kept in the person's units.
    expect(doc.plan.request.profile.weight).toEqual({ value: 165, unit: 'lb' });
    expect(doc.plan.request.profile.height).toEqual({ value: 70, unit: 'in' });
    expect(doc.plan.mealPlan.days).toHaveLength(3);
    const v = validatePlan(doc.plan, { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) });
    expect(v.violations.filter((x) => x.severity === 'hard')).toEqual([]);
    const animal = new Set(FOODS.filter((f) => !f.tags.diets.includes('vegan')).map((f) => f.id));
    for (const d of doc.plan.mealPlan.days)
      for (const m of d.meals) for (const it of m.items) expect(animal.has(it.foodId)).toBe(false);
  });

  it('markdown: headings per week and day, tables for sessions and meals', async () => {
    const r = await run([
      'plan',
      '--profile',
      profile('beginner-full-gym'),
      '--format',
      'markdown',
      '--days',
      '2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# NexFitra plan$/m);
    expect(r.stdout).toMatch(/^### Week 1$/m);
    expect(r.stdout).toMatch(/^\| exercise \| sets × reps \| load \| rest \|$/m);
    expect(r.stdout.match(/^### Day \d \(\w{3}\) — /gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/^## Safety$/m);
  });
});

describe('nexfitra plan: errors', () => {
  it('an invalid profile: every field error with its path, value and what is allowed; exit 2', async () => {
    const bad = JSON.stringify({
      age: 'thirty',
      sex: 'x',
      weightKg: 92,
      heightCm: 180,
      activity: 'moderate',
      goal: 'lose',
      diet: 'omnivore',
      trainingDays: 9,
      sessionMinutes: 60,
      equipment: 'full-gym',
      experience: 'beginner',
      colour: 'blue',
    });
    const r = await run(['plan', '--profile', 'bad.json'], { 'bad.json': bad });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.json is not a valid profile');
    expect(r.stderr).toContain('age = "thirty": expected a number');
    expect(r.stderr).toContain('sex = "x": expected one of "male", "female"');
    expect(r.stderr).toContain('colour = "blue": expected no such key');
  });

  it('a goal to lose weight without a rate names the missing field', async () => {
    const src = JSON.parse(await readFile(profile('omnivore-cutting'), 'utf8'));
    delete src.rateKgPerWeek;
    const r = await run(['plan', '--profile', 'p.json'], { 'p.json': JSON.stringify(src) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rateKgPerWeek = (missing): expected a number of kg per week above 0');
  });

  it('a range error found by the core schema is reported under the friendly name', async () => {
    const src = JSON.parse(await readFile(profile('omnivore-cutting'), 'utf8'));
    const r = await run(['plan', '--profile', 'p.json'], {
      'p.json': JSON.stringify({ ...src, trainingDays: 9 }),
    });
    expect(r.code).toBe(2);
    // PlanRequest allows 1–7 training days a week (core Preferences schema).
    expect(r.stderr).toContain('trainingDays = 9: expected a number ≤ 7');
  });

  it('not JSON, a missing file, bad options: exit 2', async () => {
    expect((await run(['plan', '--profile', 'x.json'], { 'x.json': '{ nope' })).code).toBe(2);
    expect((await run(['plan', '--profile', '/nonexistent/profile.json'])).code).toBe(2);
    expect((await run(['plan'])).code).toBe(2);
    const f = await run([
      'plan',
      '--profile',
      profile('omnivore-cutting'),
      '--format',
      'pdf',
      '--seed',
      '-1',
    ]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('--seed = "-1": expected an integer from 0 to 4294967295');
    expect(f.stderr).toContain('--format = "pdf"');
    const m = await run(['plan', '--profile', profile('omnivore-cutting'), '--model', 'nope']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('builtin:rules');
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('--model with a model folder: the plan says which model made it, no rule-planner line', async () => {
    const dir = await writeRandomPlanModel(await mkdtemp(join(tmpdir(), 'nf-cli-')), { seed: 7 });
    const r = await run([
      'plan',
      '--profile',
      profile('vegetarian-maintaining'),
      '--model',
      dir,
      '--days',
      '1',
      '--weeks',
      '1',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Model: .* on onnxruntime-node, portions re-solved by the planner$/m);
    expect(r.stdout).not.toContain('no trained plan model is good enough');
    expect(r.stdout).toMatch(/hard rules: none broken/);
  });

  it('a minor is refused with the reason; exit 3 (targets safety policy: MINOR under 18)', async () => {
    const r = await run(['plan', '--profile', profile('minor-refused')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('refused on safety grounds');
    expect(r.stdout).toMatch(/MINOR/);
    const j = await run(['plan', '--profile', profile('minor-refused'), '--format', 'json']);
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stdout).refusal.reasons[0].code).toBe('MINOR');
  });
});

describe('nexfitra models', () => {
  it('lists the built-in rule planner', async () => {
    const r = await run(['models']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}builtin:rules\s+rules\s/m);
  });
  it('--help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nexfitra plan --profile <file.json>');
  });
});

describe('household measures', () => {
  // USDA SR24 servings of the catalogue: whole milk "1 cup" = 244 g; feta "1 oz" = 28.35 g.
  const milk = FOODS.find((f) => f.name === 'Whole milk')!;
  it('a count of the food’s own serving when it is within 8 % of the grams', () => {
    expect(householdMeasure(milk, 244)).toBe('1 cup'); // 244 / 244
    expect(householdMeasure(milk, 366)).toBe('1½ cup'); // 366 / 244 = 1.5
    expect(portionText(milk, 61)).toBe('¼ cup (61 g)'); // 61 / 244 = 0.25
  });
  it('grams alone beyond 8 cups, and no measure but a spoon under 10 g', () => {
    const cupOnly = { servings: [{ label: '1 cup', grams: 100 }] } as unknown as typeof milk;
    expect(portionText(cupOnly, 1000)).toBe('1000 g'); // 10 cups: over the cap of 8
    expect(portionText(cupOnly, 37)).toBe('37 g'); // ¼ cup = 25 g and ½ cup = 50 g are both > 8 % off
    const feta = FOODS.find((f) => f.name === 'Feta')!; // servings: 1 oz, 1 cup crumbled, 1 cubic inch, 1 wedge
    expect(portionText(feta, 5)).toBe('5 g');
    expect(portionText(feta, 28)).toBe('1 oz (28 g)'); // 28 / 28.35 = 0.99
  });
  it('fruit and meat counted or weighed, never a cup of it mashed or chopped', () => {
    // SR24 banana: "1 cup, mashed" 225 g, "1 cup, sliced" 150 g, "1 extra small" 81 g, "1 small" 101 g.
    // 55 g was "¼ cup" (of mashed banana: 56 g); no count is within 8 % (½ small = 50.5 g, 8.2 % off).
    const banana = FOODS.find((f) => f.name === 'Banana')!;
    expect(portionText(banana, 55)).toBe('55 g');
    expect(portionText(banana, 101)).toBe('1 small (101 g)');
    // Roast chicken breast: "1 cup, chopped or diced" 140 g was "¾ cup" for 105 g; a person weighs it.
    const chicken = FOODS.find((f) => f.name === 'Chicken breast, roasted')!;
    expect(portionText(chicken, 105)).toBe('105 g');
    // Strawberries have only cup measures (whole, halves, sliced, pureed): cups stay for berries.
    const strawberries = FOODS.find((f) => f.name === 'Strawberries')!;
    expect(householdMeasure(strawberries, 144)).toBe('1 cup');
  });
  it('a canned food by the cup or in grams, never by the size of what went into the can', () => {
    // SR24 canned tomatoes: "1 cup" 240 g, "1 tbsp" 15 g, "1 can" 190 g (a purchase unit), "1 large"
    // 164 g. 85 g was "½ large" (82 g); ¼ cup = 60 g and ½ cup = 120 g are both > 8 % off.
    const tomatoes = FOODS.find((f) => f.name === 'Canned tomatoes')!;
    expect(portionText(tomatoes, 85)).toBe('85 g');
    expect(portionText(tomatoes, 240)).toBe('1 cup (240 g)');
  });
  it('count nouns in the plural above one, sizes and volumes as they are', () => {
    // SR24 raw broccoli "1 spear" = 31 g (catalogue); 60 g = 2 × 30 g within 8 %.
    const broccoli = FOODS.find((f) => f.name === 'Broccoli, raw')!;
    expect(householdMeasure(broccoli, 62)).toBe('2 spears');
    expect(householdMeasure(milk, 488)).toBe('2 cup');
  });
});
