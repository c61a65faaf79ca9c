import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { createRng, MEAL_TYPES, type MealPlanT, type PlanRequestT } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { formatPlan, formatRequest, languageVocabulary, parsePlan } from '@nexfitra/core/language';
import { programWorkout } from '@nexfitra/planner';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRequest } from '../../core/test/fixtures/requests';
import { buildTokenizerJson, TOKENIZER_SPECIAL_IDS, tokenizerFiles } from '../src/tokenizer/hfTokenizer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(root, 'datasets', 'tokenizer');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const vocab = languageVocabulary();
const idOf = new Map(vocab.map((t, i) => [t, i]));

let hf: Tokenizer;
let tjs: PreTrainedTokenizer;

beforeAll(async () => {
  hf = new Tokenizer(JSON.parse(read('tokenizer.json')), JSON.parse(read('tokenizer_config.json')));
  env.allowRemoteModels = false;
  env.localModelPath = join(root, 'datasets');
  tjs = await AutoTokenizer.from_pretrained('tokenizer');
});

/** Ids both libraries give `text`, checked equal, plus their decodings (special tokens skipped). */
function encodeBoth(text: string): { ids: number[]; decoded: [string, string] } {
  const a = hf.encode(text).ids;
  const b = tjs.encode(text);
  expect(b).toEqual(a);
  return {
    ids: a,
    decoded: [hf.decode(a, { skip_special_tokens: true }), tjs.decode(b, { skip_special_tokens: true })],
  };
}

/** What the ids must be, from the vocabulary alone: <bos> then each word's index. */
const expectedIds = (text: string) => [
  TOKENIZER_SPECIAL_IDS.bos,
  ...text.split(' ').map((t) => idOf.get(t)!),
];

describe('datasets/tokenizer', () => {
  it('the committed files are what the build script writes now (regenerate if this fails)', () => {
    const fresh = tokenizerFiles();
    expect(read('tokenizer.json')).toBe(fresh['tokenizer.json']);
    expect(read('tokenizer_config.json')).toBe(fresh['tokenizer_config.json']);
  });

  it('special tokens are ids 0–3 in both libraries', () => {
    expect(vocab.slice(0, 4)).toEqual(['<pad>', '<bos>', '<eos>', '<unk>']);
    expect([tjs.pad_token_id, tjs.bos_token_id, tjs.eos_token_id, tjs.unk_token_id]).toEqual([0, 1, 2, 3]);
    expect(hf.encode('no-such-token').ids).toEqual([1, 3]);
  });

  it('every token encodes to its languageVocabulary() index and decodes back, in both libraries', () => {
    const words = vocab.slice(4);
    const text = words.join(' ');
    const { ids, decoded } = encodeBoth(text);
    expect(ids).toEqual([1, ...words.map((_, i) => i + 4)]);
    expect(decoded).toEqual([text, text]);
    words.forEach((w, i) => {
      expect(hf.decode([i + 4])).toBe(w);
      expect(tjs.decode([i + 4])).toBe(w);
    });
  });

  it('every catalogue exercise and food is one token', () => {
    for (const text of [...EXERCISES.map((e) => `ex:${e.id}`), ...FOODS.map((f) => `food:${f.id}`)]) {
      const { ids, decoded } = encodeBoth(text);
      expect(ids).toEqual([1, idOf.get(text)]);
      expect(decoded).toEqual([text, text]);
    }
  });
});

// A request and plans from the rule planner (workout) and a seeded meal plan from the catalogue.
const request: PlanRequestT = makeRequest({
  profile: { age: 35, weight: { value: 82, unit: 'kg' } },
  goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
  preferences: {
    allergens: ['peanuts'],
    mealsPerDay: 4,
    trainingDaysPerWeek: 4,
    equipment: ['bodyweight', 'dumbbells', 'bench', 'barbell', 'pull-up-bar'],
    experience: 'intermediate',
  },
  days: 7,
});

const GRAMS = [50, 100, 150, 200, 250];

function mealPlan(seed: number, days: number, meals: number): MealPlanT {
  const rng = createRng(seed);
  return {
    schemaVersion: '1.0.0',
    days: Array.from({ length: days }, () => ({
      meals: Array.from({ length: meals }, (_, m) => ({
        type: MEAL_TYPES[Math.min(m, 3)]!,
        items: Array.from({ length: rng.int(2, 5) }, () => ({
          foodId: rng.pick(FOODS).id,
          grams: rng.pick(GRAMS),
        })),
      })),
    })),
  };
}

describe('encode/decode of formatted plans and prompts', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'planner program for %i training days round-trips through both tokenizers',
    (days) => {
      const r = { ...request, preferences: { ...request.preferences, trainingDaysPerWeek: days } };
      const body = { workoutProgram: programWorkout(r).program, mealPlan: mealPlan(days, 7, 4) };
      const text = formatPlan(body);
      const { ids, decoded } = encodeBoth(text);
      expect(ids).toEqual(expectedIds(text));
      expect(decoded).toEqual([text, text]);
      expect(parsePlan(decoded[1])).toEqual(body);
    },
  );

  it('the request prompt round-trips', () => {
    const text = formatRequest(request, { kcal: 2210, proteinG: 150, fatG: 70, carbsG: 245, fiberG: 31 });
    const { ids, decoded } = encodeBoth(text);
    expect(ids).toEqual(expectedIds(text));
    expect(decoded).toEqual([text, text]);
  });
});

describe('buildTokenizerJson refuses a bad vocabulary', () => {
  const bad = (v: string[]) => () => buildTokenizerJson(v);
  it.each([
    ['specials not first', ['<bos>', '<pad>', '<eos>', '<unk>', 'a']],
    ['a duplicate', ['<pad>', '<bos>', '<eos>', '<unk>', 'a', 'a']],
    ['whitespace inside a token', ['<pad>', '<bos>', '<eos>', '<unk>', 'a b']],
  ])('%s', (_, v) => {
    expect(bad(v)).toThrowError(expect.objectContaining({ code: 'BAD_DATA', fn: 'buildTokenizerJson' }));
  });
});
