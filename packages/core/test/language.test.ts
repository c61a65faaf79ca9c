import { describe, expect, it } from 'vitest';
import { DISHES } from '../src/dishes/index';
import { EXERCISES } from '../src/exercises/index';
import { FOODS } from '../src/foods/index';
import type { PlanRequestT, PlanT } from '../src/index';
import {
  formatPlan,
  formatRequest,
  LANGUAGE_VERSION,
  languageVocabulary,
  parsePlan,
  quantizeForLanguage,
} from '../src/language/index';
import { type Doc, plan as fixturePlan, planRequest, withEdit } from './schemas.fixtures';

const plan = fixturePlan as unknown as PlanT;
const body = { mealPlan: plan.mealPlan, workoutProgram: plan.workoutProgram };

/** Runs `f` and returns the NexFitraError it throws (fails the test when it does not throw). */
function thrown(f: () => unknown): Doc {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('formatPlan / parsePlan on the hand-written fixture plan', () => {
  // Written by hand from the text-form spec in formatPlan's doc comment, not from its output:
  // the fixture session has goblet squat 2 × 8–12 @ RIR 2 rest 90 (two equal sets → x:2),
  // dumbbell bench 1 × 10 @ RPE 7.5 rest 120, plank 1 × 30 s rest 60; weeks: 3 sessions on days
  // 0, 2, 4, then a deload week with the day-0 session; the meal day is repeated twice.
  const session = (d: number) =>
    `<session> d:${d} name:full-body-a ex:goblet-squat r:8 r:12 rir:2 rest:90 x:2 ` +
    'ex:dumbbell-bench-press r:10 rpe:7.5 rest:120 x:1 ex:plank s:30 rest:60 x:1';
  const day =
    '<day> <meal:breakfast> food:08121 g:60 food:01079 g:250 <meal:lunch> food:16070 g:400 ' +
    '<meal:dinner> food:16127 g:150 food:20037 g:200';
  const expected = [
    '<plan> <workout> split:full-body <week>',
    session(0),
    session(2),
    session(4),
    '<week:deload>',
    session(0),
    '<meals>',
    day,
    day,
    '</plan>',
  ].join(' ');

  it('writes the text form', () => {
    expect(formatPlan(plan)).toBe(expected);
  });

  it('reads it back to the same body (round trip)', () => {
    expect(parsePlan(expected)).toEqual(body);
    expect(parsePlan(formatPlan(body))).toEqual(body);
  });

  it('accepts any whitespace between tokens when reading', () => {
    expect(parsePlan(`\n  ${expected.replace(/ /g, '\n\t ')}  `)).toEqual(body);
  });

  it('keeps an exact rep count apart from a one-value range (r:8 vs r:8 r:8)', () => {
    const edited = withEdit(body, (d) => {
      d.workoutProgram.weeks[0].sessions[0].exercises[1].sets = [
        { reps: 8, restSeconds: 60 },
        { reps: { min: 8, max: 8 }, restSeconds: 60 },
        { reps: 8, load: { type: 'percent-1rm', value: 75 }, restSeconds: 60 },
      ];
    });
    const text = formatPlan(edited);
    expect(text).toContain(
      'ex:dumbbell-bench-press r:8 rest:60 x:1 r:8 r:8 rest:60 x:1 r:8 pct:75 rest:60 x:1',
    );
    expect(parsePlan(text)).toEqual(edited);
  });
});

describe('progression rules and kg loads', () => {
  // Written by hand from the text-form spec (formatPlan's doc comment): the fixture's goblet
  // squat gets a double-progression rule, the bench press 5 reps at 102.5 kg with a linear rule,
  // and an incline push-up a reps rule naming its harder variant.
  const edited = withEdit(body, (d) => {
    const ex = d.workoutProgram.weeks[0].sessions[0].exercises;
    ex[0].progression = { scheme: 'double', reps: { min: 8, max: 12 }, stepKg: 2.5 };
    ex[1].sets = [{ reps: 5, load: { type: 'kg', value: 102.5 }, restSeconds: 180 }];
    ex[1].progression = { scheme: 'linear', stepKg: 2.5 };
    ex.push({
      exerciseId: 'incline-push-up',
      sets: [{ reps: 10, load: { type: 'rir', value: 2 }, restSeconds: 90 }],
      progression: { scheme: 'reps', reps: { min: 8, max: 15 }, nextExerciseId: 'push-up' },
    });
  });

  it('writes each rule after its sets and reads it back', () => {
    const text = formatPlan(edited);
    expect(text).toContain(
      'ex:goblet-squat r:8 r:12 rir:2 rest:90 x:2 prog:double r:8 r:12 step:2.5 ' +
        'ex:dumbbell-bench-press r:5 kg:102.5 rest:180 x:1 prog:linear step:2.5 ex:plank',
    );
    expect(text).toContain('ex:incline-push-up r:10 rir:2 rest:90 x:1 prog:reps r:8 r:15 <next> ex:push-up');
    expect(parsePlan(text)).toEqual(edited);
  });

  it('refuses a kg load off its grid and quantizeForLanguage snaps it (61.5 → 62.5)', () => {
    // kg tokens: 2.5 kg steps above 30; 61.5 is 1 from 62.5 and 1.5 from 60.
    const off = withEdit(
      edited,
      (d) => (d.workoutProgram.weeks[0].sessions[0].exercises[1].sets[0].load.value = 61.5),
    );
    const e = thrown(() => formatPlan(off));
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.path).toEqual([
      'workoutProgram',
      'weeks',
      0,
      'sessions',
      0,
      'exercises',
      1,
      'sets',
      0,
      'load',
      'value',
    ]);
    const q = quantizeForLanguage(off);
    expect(q.changes).toEqual([
      {
        path: ['workoutProgram', 'weeks', 0, 'sessions', 0, 'exercises', 1, 'sets', 0, 'load', 'value'],
        from: 61.5,
        to: 62.5,
      },
    ]);
    expect(parsePlan(formatPlan(q.plan))).toEqual(q.plan);
  });
});

describe('formatPlan refuses what the language cannot spell', () => {
  it('grams off the grid: OUT_OF_RANGE naming the item, never rounded', () => {
    const e = thrown(() =>
      formatPlan(withEdit(body, (d) => (d.mealPlan.days[1].meals[2].items[0].grams = 83))),
    );
    expect(e.code).toBe('OUT_OF_RANGE');
    expect(e.fn).toBe('formatPlan');
    expect(e.path).toEqual(['mealPlan', 'days', 1, 'meals', 2, 'items', 0, 'grams']);
    expect(e.value).toBe(83);
    expect(e.allowed).toMatch(/quantizeForLanguage/);
  });

  it('reps above 30, rest off the 15 s grid, %1RM below 20', () => {
    const at = (edit: (d: Doc) => void) => thrown(() => formatPlan(withEdit(body, edit)));
    const set = (d: Doc) => d.workoutProgram.weeks[0].sessions[1].exercises[1].sets[0];
    expect(at((d) => (set(d).reps = 40)).path).toEqual([
      'workoutProgram',
      'weeks',
      0,
      'sessions',
      1,
      'exercises',
      1,
      'sets',
      0,
      'reps',
    ]);
    expect(at((d) => (set(d).restSeconds = 100)).code).toBe('OUT_OF_RANGE');
    expect(at((d) => (set(d).load = { type: 'percent-1rm', value: 10 })).value).toBe(10);
  });

  it('unknown ids, names and versions', () => {
    const at = (edit: (d: Doc) => void) => thrown(() => formatPlan(withEdit(body, edit)));
    const food = at((d) => (d.mealPlan.days[0].meals[0].items[0].foodId = '99999'));
    expect([food.code, food.value]).toEqual(['INVALID_ENUM', '99999']);
    const ex = at((d) => (d.workoutProgram.weeks[1].sessions[0].exercises[0].exerciseId = 'moon-walk'));
    expect(ex.path).toEqual(['workoutProgram', 'weeks', 1, 'sessions', 0, 'exercises', 0, 'exerciseId']);
    expect(at((d) => (d.workoutProgram.split = 'bro-split')).code).toBe('INVALID_ENUM');
    expect(at((d) => (d.workoutProgram.weeks[0].sessions[0].name = 'Arms day')).value).toBe('Arms day');
    expect(at((d) => (d.mealPlan.schemaVersion = '1.1.0')).code).toBe('INCONSISTENT');
    expect(at((d) => (d.mealPlan.days = [])).code).toBe('SCHEMA');
  });
});

describe('parsePlan errors name the token', () => {
  const text = formatPlan(body);
  it.each([
    ['a trailing token', `${text} <day>`, text.split(' ').length],
    ['a missing end', text.replace(' </plan>', ''), text.split(' ').length - 1],
    ['an unknown food', text.replace('food:08121', 'food:99999'), text.split(' ').indexOf('food:08121')],
    ['a group without its count', text.replace('rest:90 x:2', 'rest:90'), text.split(' ').indexOf('x:2')],
  ])('%s → BAD_DATA at that index', (_, bad, index) => {
    const e = thrown(() => parsePlan(bad));
    expect(e.code).toBe('BAD_DATA');
    expect(e.path).toEqual(['tokens', index]);
  });

  it('too many sets for the schema → SCHEMA', () => {
    // 21 sets in one exercise: well formed, but SessionExercise allows at most 20.
    const bad = text.replace('rest:60 x:1', 'rest:60 x:20 r:5 rest:60 x:1');
    expect(thrown(() => parsePlan(bad)).code).toBe('SCHEMA');
  });
});

describe('quantizeForLanguage', () => {
  it('snaps grams, rest and seconds to the nearest step and lists each change', () => {
    const input = withEdit(body, (d) => {
      const items = d.mealPlan.days[0].meals[0].items;
      items[0].grams = 83; // 5 g steps: 80 | 85 → 85 (2 from 85, 3 from 80)
      items[1].grams = 107.5; // 105 | 110: a tie → up to 110
      d.mealPlan.days[0].meals[1].items[0].grams = 0.4; // below the first step → 1
      d.mealPlan.days[1].meals[1].items[0].grams = 512.5; // 500 | 525: a tie → 525
      d.mealPlan.days[1].meals[2].items[1].grams = 3000; // on the grid: unchanged
      d.workoutProgram.weeks[1].sessions[0].exercises[1].sets[0].restSeconds = 100; // 90 | 105 → 105
      d.workoutProgram.weeks[1].sessions[0].exercises[2].sets[0].seconds = 62; // 60 | 75 → 60
    });
    const { plan: out, changes } = quantizeForLanguage(input);
    const w = ['workoutProgram', 'weeks', 1, 'sessions', 0, 'exercises'];
    const m = (d: number, meal: number, i: number) => [
      'mealPlan',
      'days',
      d,
      'meals',
      meal,
      'items',
      i,
      'grams',
    ];
    expect(changes).toEqual([
      { path: [...w, 1, 'sets', 0, 'restSeconds'], from: 100, to: 105 },
      { path: [...w, 2, 'sets', 0, 'seconds'], from: 62, to: 60 },
      { path: m(0, 0, 0), from: 83, to: 85 },
      { path: m(0, 0, 1), from: 107.5, to: 110 },
      { path: m(0, 1, 0), from: 0.4, to: 1 },
      { path: m(1, 1, 0), from: 512.5, to: 525 },
    ]);
    expect(input.mealPlan.days[0]!.meals[0]!.items[0]!.grams).toBe(83); // input untouched
    expect(parsePlan(formatPlan(out))).toEqual({
      mealPlan: out.mealPlan,
      workoutProgram: out.workoutProgram,
    });
  });

  it('returns no changes for a representable plan', () => {
    expect(quantizeForLanguage(plan).changes).toEqual([]);
  });
});

describe('languageVocabulary', () => {
  const vocab = languageVocabulary();
  it('starts with the special tokens and has no duplicates', () => {
    expect(vocab.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
    expect(new Set(vocab).size).toBe(vocab.length);
    expect(languageVocabulary()).toEqual(vocab);
    expect(LANGUAGE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the token list is pinned per version: changing it without a version bump fails here', async () => {
    // Recorded when the version was set (sha256 of the tokens joined by "\n", 2,283 tokens for
    // 2.0.0). A failure means the vocabulary moved (a catalogue or token change): bump
    // LANGUAGE_VERSION by the rule in its doc comment, rebuild datasets/tokenizer and the fixture
    // model, then record the new hash here. 2.1.0, 2.2.0 and 2.3.0 changed the grammar only: the same
    // tokens, the same hash.
    const pinned: Record<string, string> = {
      '2.0.0': 'c8aa836b05ad3df72f9704ba2b8e910f361b4707c8460f79b0b8b95fae76a97e',
      '2.1.0': 'c8aa836b05ad3df72f9704ba2b8e910f361b4707c8460f79b0b8b95fae76a97e',
      '2.2.0': 'c8aa836b05ad3df72f9704ba2b8e910f361b4707c8460f79b0b8b95fae76a97e',
      '2.3.0': 'c8aa836b05ad3df72f9704ba2b8e910f361b4707c8460f79b0b8b95fae76a97e',
    };
    const { createHash } = await import('node:crypto');
    expect(vocab).toHaveLength(2283);
    expect(createHash('sha256').update(vocab.join('\n')).digest('hex')).toBe(pinned[LANGUAGE_VERSION]);
  });

  it('every token is one whitespace-free word', () => {
    for (const t of vocab) expect(t).toMatch(/^\S+$/);
  });

  it('has one token per catalogue exercise, food and dish, in catalogue order, then <nodish>, then the 1.2.0 workout tokens', () => {
    // 1.2.0 appended kg loads (144), progression steps (10), three schemes and <next>.
    const added = 144 + 10 + 3 + 1;
    expect(vocab.slice(-added, -added + 4)).toEqual(['kg:1', 'kg:2', 'kg:2.5', 'kg:3']);
    expect(vocab.slice(-4)).toEqual(['prog:double', 'prog:linear', 'prog:reps', '<next>']);
    const n = EXERCISES.length + FOODS.length + DISHES.length + 1;
    expect(vocab.slice(-n - added, -added)).toEqual([
      ...EXERCISES.map((e) => `ex:${e.id}`),
      ...FOODS.map((f) => `food:${f.id}`),
      ...DISHES.map((d) => `dish:${d.id}`),
      '<nodish>',
    ]);
  });

  it('number vocabularies have the sizes the spec gives', () => {
    const count = (prefix: string) => vocab.filter((t) => t.startsWith(prefix)).length;
    // grams: 1–30 by 1 (30) + 35–500 by 5 (94) + 525–3000 by 25 (100) = 224
    expect(count('g:')).toBe(224);
    expect(count('r:')).toBe(30); // reps 1–30
    // seconds: 5–60 by 5 (12) + 75–300 by 15 (16) + 330–1800 by 30 (50) + 2100–7200 by 300 (18)
    expect(count('s:')).toBe(96);
    expect(count('rest:')).toBe(61); // 0–900 by 15
    expect(count('rpe:')).toBe(19); // 1–10 by 0.5
    expect(count('rir:')).toBe(21); // 0–10 by 0.5
    expect(count('pct:')).toBe(81); // 20–100
    expect(count('x:')).toBe(20);
    // kg: 1–30 by 1 (30) + 2.5, 7.5 … 27.5 (6) + 32.5–300 by 2.5 (108) = 144
    expect(count('kg:')).toBe(144);
    expect(count('step:')).toBe(10); // 0.5–5 by 0.5
    expect(count('prog:')).toBe(3); // double, linear, reps
    expect(vocab).toContain('<next>');
    expect(count('d:')).toBe(7);
    expect(count('kcal:')).toBe(100); // 100–10000 by 100
    expect(count('age:')).toBe(25); // bands 0-4 … 120-124
    expect(count('wt:')).toBe(81); // bands 0-4 … 400-404 kg
    expect(count('ht:')).toBe(42); // bands 45-49 … 250-254 cm
    expect(count('name:')).toBe(56); // 7 session kinds × (alone + A–G)
    expect(vocab).toContain('rpe:7.5');
    expect(vocab).toContain('g:525');
    expect(vocab).not.toContain('g:530');
  });
});

describe('formatRequest', () => {
  const request = withEdit(
    planRequest,
    (d) => (d.preferences.dislikedFoodIds = ['16070']),
  ) as unknown as PlanRequestT;

  it('writes the prompt in bands, lists in vocabulary order', () => {
    // By hand from the fixture: age 34 → 30-34; 68.5 kg → 65-69; 65 in = 165.1 cm → 165-169;
    // 27 % fat → 25-29; rate 0.5 %bw/week; target 140 lb = 63.5 kg → 60-64; allergens in
    // vocabulary order (peanuts before sesame); equipment in EQUIPMENT order (bodyweight,
    // dumbbells, bench); 60 min; targets 1800 kcal, protein 110 g, fat 60 g, carbs 205 g (on the
    // 5 g grid), fiber 30 g.
    const expected =
      '<request> sex:female age:30-34 wt:65-69 ht:165-169 bf:25-29 act:moderate goal:lose rate:0.5 %bw/wk ' +
      'target-weight wt:60-64 diet:vegetarian allergy:peanuts allergy:sesame dislike food:16070 lvl:beginner ' +
      'train:3 min:60 eq:bodyweight eq:dumbbells eq:bench inj:knee prefer ex:goblet-squat ' +
      'exclude ex:barbell-back-squat days:2 meals:3 kcal:1800 protein g:110 fat g:60 carbs g:205 fiber g:30 </request>';
    expect(formatRequest(request, plan.targets)).toBe(expected);
  });

  it('uses only vocabulary tokens', () => {
    const vocab = new Set(languageVocabulary());
    for (const t of formatRequest(request, plan.targets).split(' ')) expect(vocab.has(t), t).toBe(true);
  });

  it('refuses ids outside the catalogues and kcal outside the buckets', () => {
    const e = thrown(() => formatRequest(planRequest as unknown as PlanRequestT, plan.targets));
    expect([e.code, e.path, e.value]).toEqual([
      'INVALID_ENUM',
      ['preferences', 'dislikedFoodIds', 0],
      '11098',
    ]);
    expect(thrown(() => formatRequest(request, { ...plan.targets, kcal: 12000 })).code).toBe('OUT_OF_RANGE');
    expect(thrown(() => formatRequest(request, { ...plan.targets, kcal: -1 })).code).toBe('SCHEMA');
  });
});
