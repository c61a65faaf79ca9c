import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXERCISES } from '../src/exercises/index';
import { FOODS } from '../src/foods/index';
import type { PlanRequestT } from '../src/index';
import { ALLERGENS, createRng, EQUIPMENT, INJURY_SITES } from '../src/index';
import {
  createGrammar,
  formatPlan,
  GRAMMAR_LIMITS,
  type GrammarState,
  type PlanGrammar,
  parsePlan,
  sessionKindOf,
} from '../src/language/index';
import { bodyArb, requestArb } from './language.fixtures';
import { type Doc, planRequest, withEdit } from './schemas.fixtures';

const base = withEdit(planRequest, (d) => {
  d.preferences.dislikedFoodIds = [];
  d.preferences.allergens = [];
  d.preferences.injuries = [];
  d.preferences.diet = 'omnivore';
  d.preferences.equipment = [...EQUIPMENT];
  d.preferences.experience = 'advanced';
  d.preferences.excludedExerciseIds = [];
  d.preferences.preferredExerciseIds = [];
}) as unknown as PlanRequestT;
const request = (edit: (d: Doc) => void) => withEdit(base, edit) as PlanRequestT;

function walk(g: PlanGrammar, tokens: readonly string[]): GrammarState {
  let s = g.start;
  for (const t of tokens) s = g.advance(s, t);
  return s;
}

/** The allowed set right after `prefix`. */
const after = (g: PlanGrammar, prefix: string) => g.allowedNext(walk(g, prefix.split(' ')));
/** One short session on `day`. */
const session = (day: number) => `<session> d:${day} name:full-body ex:push-up r:8 rest:60 x:3`;
/** A week of the base request's 3 training days. */
const WEEK = `<week> ${session(0)} ${session(2)} ${session(4)}`;
const FIRST_MEAL = `<plan> <workout> split:full-body ${WEEK} <meals> <day> <meal:breakfast>`;
const FIRST_EXERCISE = '<plan> <workout> split:full-body <week> <session> d:0 name:full-body';

describe('createGrammar: foods and exercises come from the catalogue filters', () => {
  it.each(ALLERGENS)(
    'no food tagged %s (or wheat, for gluten) is allowed to a person allergic to it',
    (a) => {
      const allowed = after(createGrammar(request((d) => (d.preferences.allergens = [a]))), FIRST_MEAL);
      const banned = a === 'gluten' ? ['gluten', 'wheat'] : [a];
      for (const f of FOODS) {
        const tagged = f.tags.allergens.some((x) => banned.includes(x));
        // Complete as well as safe: every untagged food stays allowed (omnivore, nothing disliked).
        expect(allowed.has(`food:${f.id}`), `${f.id} ${f.name}`).toBe(!tagged);
      }
    },
  );

  it('diet and dislikes: vegan allows only vegan-tagged foods, never a disliked one', () => {
    const disliked = FOODS.find((f) => f.tags.diets.includes('vegan'))!.id;
    const g = createGrammar(
      request((d) => Object.assign(d.preferences, { diet: 'vegan', dislikedFoodIds: [disliked] })),
    );
    const allowed = after(g, FIRST_MEAL);
    const foods = [...allowed].filter((t) => t.startsWith('food:')).map((t) => t.slice(5));
    expect(foods.length).toBeGreaterThan(10);
    for (const id of foods) expect(FOODS.find((f) => f.id === id)!.tags.diets).toContain('vegan');
    expect(allowed.has(`food:${disliked}`)).toBe(false);
  });

  it.each(INJURY_SITES)(
    'no exercise contraindicated for %s is allowed to a person with that injury',
    (site) => {
      const allowed = after(createGrammar(request((d) => (d.preferences.injuries = [site]))), FIRST_EXERCISE);
      for (const e of EXERCISES) {
        const contra = e.contraindications.includes(site);
        // Full equipment and advanced level: only the injury takes exercises away.
        expect(allowed.has(`ex:${e.id}`), e.id).toBe(!contra);
      }
    },
  );

  it('equipment, level and exclusions narrow the exercises', () => {
    const g = createGrammar(
      request((d) =>
        Object.assign(d.preferences, {
          equipment: ['bands', 'pull-up-bar'],
          experience: 'beginner',
          excludedExerciseIds: ['push-up'],
        }),
      ),
    );
    const ids = [...after(g, FIRST_EXERCISE)].map((t) => t.slice(3));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      const e = EXERCISES.find((x) => x.id === id)!;
      expect(e.level).toBe('beginner');
      for (const q of e.equipment) expect(['bodyweight', 'bands', 'pull-up-bar']).toContain(q);
    }
    expect(ids).not.toContain('push-up');
  });
});

describe('createGrammar: structure', () => {
  const g = createGrammar(
    request((d) => {
      d.days = 2;
      d.preferences.mealsPerDay = 2;
    }),
  );

  it('starts with <plan> only and refuses anything else, naming what is allowed', () => {
    expect([...g.allowedNext(g.start)]).toEqual(['<plan>']);
    expect(() => g.advance(g.start, 'ex:push-up')).toThrowError(/advance: token = "ex:push-up".*"<plan>"/);
  });

  it('</plan> only when every day has its meals; then nothing', () => {
    const item = ' food:01079 g:250';
    const day = ` <day> <meal:lunch>${item} <meal:dinner>${item}`;
    const oneDay = `<plan> <workout> split:full-body ${WEEK} <meals>${day}`;
    expect(after(g, oneDay).has('</plan>')).toBe(false);
    expect(after(g, oneDay).has('<day>')).toBe(true);
    expect(after(g, `${oneDay} <day> <meal:lunch>${item}`).has('</plan>')).toBe(false);
    // Meals come in the slots' order (2 a day: lunch, dinner), so each meal token is forced.
    expect([...after(g, `${oneDay} <day>`)]).toEqual(['<meal:lunch>']);
    const s = walk(g, `${oneDay}${day}`.split(' '));
    expect(g.allowedNext(s).has('</plan>')).toBe(true);
    expect(g.allowedNext(s).has('<meal:snack>')).toBe(false);
    const end = g.advance(s, '</plan>');
    expect(g.isComplete(end)).toBe(true);
    expect(g.allowedNext(end).size).toBe(0);
  });

  it('exactly trainingDaysPerWeek sessions a week on strictly increasing days; a range max ≥ min', () => {
    const two = createGrammar(request((d) => (d.preferences.trainingDaysPerWeek = 2)));
    const week = `<plan> <workout> split:full-body <week> ${session(2)}`;
    expect([...after(two, `${week} <session>`)]).toEqual(['d:3', 'd:4', 'd:5', 'd:6']);
    // The first session leaves a day for the second: d:6 would leave none.
    expect([...after(two, '<plan> <workout> split:full-body <week> <session>')]).not.toContain('d:6');
    // A week cannot end (nor the meals begin) before its 2 sessions; after the second, no third.
    expect([...after(two, '<plan> <workout> split:full-body <week>')]).toEqual(['<session>']);
    expect(after(two, week).has('<meals>') || after(two, week).has('<week>')).toBe(false);
    expect(after(two, `${week} ${session(4)}`).has('<session>')).toBe(false);
    expect(after(two, `${week} ${session(4)}`).has('<meals>')).toBe(true);
    expect([...after(two, `${week} ${session(4)} <week>`)]).toEqual(['<session>']);
    const range = after(two, `${week} ex:goblet-squat r:8`);
    expect(range.has('r:8') && range.has('r:30') && !range.has('r:7')).toBe(true);
  });

  it('at most 5 sets of an exercise in week 1 (4 for a beginner), 20 in later weeks', () => {
    // The rule planner's caps (programWorkout: maxSetsPerExercise 4 beginner, 5 otherwise); the
    // base request is advanced. Week 2 starts after week 1's sessions (WEEK).
    const s = `<plan> <workout> split:full-body <week> <session> d:0 name:full-body ex:push-up r:8 rest:60`;
    expect([...after(g, s)].filter((t) => t.startsWith('x:'))).toEqual(['x:1', 'x:2', 'x:3', 'x:4', 'x:5']);
    expect([...after(g, `${s} x:3 r:5 rest:60`)]).toEqual(['x:1', 'x:2']);
    expect([...after(g, `${s} x:5`)].some((t) => t.startsWith('r:'))).toBe(false);
    const beginner = createGrammar(request((d) => (d.preferences.experience = 'beginner')));
    expect([...after(beginner, s)].filter((t) => t.startsWith('x:'))).toEqual(['x:1', 'x:2', 'x:3', 'x:4']);
    const week2 = `<plan> <workout> split:full-body ${WEEK} <week> <session> d:0 name:full-body ex:push-up r:8 rest:60`;
    expect(after(g, week2).has('x:20')).toBe(true);
    expect([...after(g, `${week2} x:18 r:5 rest:60`)]).toEqual(['x:1', 'x:2']);
  });

  it('at most 16 items a meal (GRAMMAR_LIMITS.itemsPerMeal), then only the next meal', () => {
    const g1 = createGrammar(request((d) => (d.days = 1)));
    const items = Array.from({ length: 16 }, () => 'food:01079 g:250').join(' ');
    const full = after(g1, `${FIRST_MEAL} ${items}`);
    expect(full.has('food:01079')).toBe(false);
    // The next slot's meal (3 meals a day: breakfast, lunch, dinner), nothing else.
    expect([...full]).toEqual(['<meal:lunch>']);
    expect(GRAMMAR_LIMITS.itemsPerMeal).toBe(16);
  });

  it('options.weeks fixes the program length', () => {
    const g2 = createGrammar(base, { weeks: 2 });
    expect(after(g2, `<plan> <workout> split:full-body ${WEEK}`).has('<meals>')).toBe(false);
    const two = after(g2, `<plan> <workout> split:full-body ${WEEK} <week:deload> ${WEEK.slice(7)}`);
    expect(two.has('<meals>') && !two.has('<week>')).toBe(true);
    expect(() => createGrammar(base, { weeks: 53 })).toThrowError(/options\.weeks/);
  });

  it('a request no food fits is refused', () => {
    const none = request((d) => (d.preferences.dislikedFoodIds = FOODS.map((f) => f.id)));
    expect(() => createGrammar(none)).toThrowError(expect.objectContaining({ code: 'INCONSISTENT' }));
  });
});

describe('createGrammar: progression rules', () => {
  const g = createGrammar(base);
  const ex = `${FIRST_EXERCISE} ex:goblet-squat r:8 rir:2 rest:90 x:3`;
  it('a rule follows the set groups: double needs a range and a step, reps may name a harder variant', () => {
    expect([...after(g, ex)]).toEqual(expect.arrayContaining(['prog:double', 'prog:linear', 'prog:reps']));
    // double: r:min, r:max ≥ min, then step: only.
    expect([...after(g, `${ex} prog:double`)].every((t) => t.startsWith('r:'))).toBe(true);
    expect(after(g, `${ex} prog:double r:8`).has('r:7')).toBe(false);
    expect([...after(g, `${ex} prog:double r:8 r:12`)].every((t) => t.startsWith('step:'))).toBe(true);
    // linear: a step straight away, or a range first.
    expect(after(g, `${ex} prog:linear`).has('step:2.5')).toBe(true);
    // reps: after the range, a step, <next> or the next exercise; <next> takes an exercise only.
    const reps = after(g, `${ex} prog:reps r:8 r:15`);
    for (const t of ['step:1', '<next>', 'ex:push-up', '<session>']) expect(reps.has(t), t).toBe(true);
    expect([...after(g, `${ex} prog:reps r:8 r:15 <next>`)].every((t) => t.startsWith('ex:'))).toBe(true);
    // After the rule: no more set groups for this exercise.
    expect(after(g, `${ex} prog:linear step:2.5`).has('r:8')).toBe(false);
  });
});

describe('createGrammar accepts formatted plans and its walks parse', () => {
  it('the tokens of formatPlan(plan that fits the request) are always accepted (property)', () => {
    fc.assert(
      fc.property(
        requestArb.chain((r) => {
          const g = createGrammar(r);
          return bodyArb(r, g).map((body) => ({ g, body }));
        }),
        ({ g, body }) => {
          const text = formatPlan(body);
          expect(g.isComplete(walk(g, text.split(' ')))).toBe(true);
          expect(parsePlan(text)).toEqual(body);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random walks always end in text parsePlan reads, shaped as the request asked', () => {
    fc.assert(
      fc.property(requestArb, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (r, seed) => {
        const g = createGrammar(r);
        const rng = createRng(seed);
        const tokens: string[] = [];
        let s = g.start;
        while (!g.isComplete(s)) {
          const allowed = [...g.allowedNext(s)];
          expect(allowed.length).toBeGreaterThan(0);
          // Lean towards markers (< … >) so walks stay short; otherwise any allowed token.
          const markers = allowed.filter((t) => t.startsWith('<'));
          const t = markers.length > 0 && rng.next() < 0.5 ? rng.pick(markers) : rng.pick(allowed);
          tokens.push(t);
          s = g.advance(s, t);
        }
        const body = parsePlan(tokens.join(' '));
        expect(body.mealPlan.days.length).toBe(r.days);
        for (const day of body.mealPlan.days) expect(day.meals.length).toBe(r.preferences.mealsPerDay);
        const sessions = g.exerciseTokens.length > 0 ? r.preferences.trainingDaysPerWeek : 0;
        for (const week of body.workoutProgram.weeks) expect(week.sessions.length).toBe(sessions);
        for (const day of body.mealPlan.days) {
          for (const meal of day.meals) expect(meal.items.length).toBeLessThanOrEqual(16);
        }
        expect(parsePlan(formatPlan(body))).toEqual(body);
      }),
      { numRuns: 60 },
    );
  });
});

describe('sessionKindOf', () => {
  it('reads the kind from the label of a session name the language carries (the split vocabulary of docs/plan-grammar.md)', () => {
    expect(sessionKindOf('Push A')).toBe('push');
    expect(sessionKindOf('Upper')).toBe('upper');
    expect(sessionKindOf('Full body C')).toBe('full');
    expect(sessionKindOf('Legs')).toBe('legs');
    // Light conditioning takes any exercise; a name outside the language has no kind.
    expect(sessionKindOf('Light conditioning B')).toBeUndefined();
    expect(sessionKindOf('Arms day')).toBeUndefined();
  });
});
