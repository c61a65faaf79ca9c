/**
 * Writes the tiny plan-language GPT-2 fixture used by inference tests:
 * datasets/fixtures/tiny-plan-gpt2/ in the transformers.js layout (config.json,
 * generation_config.json, tokenizer.json + tokenizer_config.json copied from datasets/tokenizer,
 * model.safetensors, onnx/model.onnx, onnx/model_quantized.onnx, onnx/model_q4.onnx).
 *
 * Unlike tiny-gpt2 it speaks the real plan language: the vocabulary is `languageVocabulary()`
 * (the committed domain tokenizer), and the seeded random weights get {@link PLAN_TRAIN_STEPS}
 * Adam steps on a few formatted plans (`formatRequest` + `formatPlan` of `programWorkout` output
 * and a seeded catalogue meal plan), so greedy decoding emits plan-like tokens. It has learned
 * the surface of the language, nothing about nutrition or training.
 *
 * The bytes are reproducible: the texts and initial weights come from integer PRNGs, and
 * training runs on the TF.js wasm backend, whose float32 kernels are WebAssembly (arithmetic
 * fixed by the wasm spec, not by the host CPU) and single-threaded in Node. A different
 * @tensorflow/tfjs(-backend-wasm) version may round differently: regenerate then
 * (packages/pipeline/test/plan-fixture.test.ts compares every byte).
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/make-plan-fixture.ts [outDir]
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRng,
  MEAL_TYPES,
  type MealPlanT,
  type PlanRequestT,
  type TargetsSummaryT,
} from '@nexfitra/core';
import { createGrammar, formatPlan, formatRequest, languageVocabulary } from '@nexfitra/core/language';
import { programWorkout } from '@nexfitra/planner';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { type ExportedFile, exportGpt2ToTransformersJs } from '../src/export/folder';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { Gpt2Model } from '../src/model/gpt2';
import { trainStep } from '../src/model/train';
import { type HostTensor, initGpt2Weights } from '../src/model/weights';
import { TOKENIZER_SPECIAL_IDS } from '../src/tokenizer/hfTokenizer';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The committed domain tokenizer, copied into the fixture. */
export const DOMAIN_TOKENIZER_DIR = join(ROOT, 'datasets', 'tokenizer');
export const PLAN_FIXTURE_DIR = join(ROOT, 'datasets', 'fixtures', 'tiny-plan-gpt2');

export const PLAN_FIXTURE_SEED = 20240611;
export const PLAN_TRAIN_STEPS = 50;
const LEARNING_RATE = 0.01;

export const TINY_PLAN_GPT2_CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: languageVocabulary().length,
  n_positions: 1024,
  n_embd: 32,
  n_layer: 2,
  n_head: 2,
  bos_token_id: TOKENIZER_SPECIAL_IDS.bos,
  eos_token_id: TOKENIZER_SPECIAL_IDS.eos,
  pad_token_id: TOKENIZER_SPECIAL_IDS.pad,
});

type Sex = PlanRequestT['profile']['sex'];
type Prefs = PlanRequestT['preferences'];

/** A 1-day request with the fields the training set varies. */
function request(
  sex: Sex,
  age: number,
  kg: number,
  goal: PlanRequestT['goal'],
  prefs: Pick<Prefs, 'mealsPerDay' | 'trainingDaysPerWeek' | 'equipment' | 'experience' | 'sessionMinutes'>,
): PlanRequestT {
  return {
    schemaVersion: '1.0.0',
    profile: {
      age,
      sex,
      weight: { value: kg, unit: 'kg' },
      height: { value: sex === 'male' ? 180 : 166, unit: 'cm' },
      activityLevel: 'moderate',
    },
    goal,
    preferences: {
      diet: 'omnivore',
      allergens: [],
      dislikedFoodIds: [],
      cuisines: [],
      injuries: [],
      preferredExerciseIds: [],
      excludedExerciseIds: [],
      ...prefs,
    },
    days: 1,
  };
}

const lose = { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } } as const;
const gain = { type: 'gain', rate: { value: 0.25, unit: 'kg/week' } } as const;
const maintain = { type: 'maintain' } as const;
const home = ['bodyweight', 'dumbbells'] as Prefs['equipment'];
const gym = ['bodyweight', 'dumbbells', 'bench', 'barbell', 'pull-up-bar'] as Prefs['equipment'];

/**
 * The training requests: 1 plan day, 1–3 training days, 2–3 meals, a week of training. Daily
 * targets are rough hand figures (they only condition the prompt; this model learns no numbers).
 */
export const PLAN_TRAINING_SET: readonly { request: PlanRequestT; targets: TargetsSummaryT }[] = [
  {
    request: request('male', 35, 82, lose, {
      mealsPerDay: 2,
      trainingDaysPerWeek: 1,
      equipment: home,
      experience: 'beginner',
      sessionMinutes: 45,
    }),
    targets: { kcal: 2200, proteinG: 150, fatG: 70, carbsG: 240, fiberG: 30 },
  },
  {
    request: request('female', 28, 61, maintain, {
      mealsPerDay: 3,
      trainingDaysPerWeek: 2,
      equipment: gym,
      experience: 'intermediate',
      sessionMinutes: 60,
    }),
    targets: { kcal: 2100, proteinG: 110, fatG: 70, carbsG: 260, fiberG: 29 },
  },
  {
    request: request('male', 24, 70, gain, {
      mealsPerDay: 3,
      trainingDaysPerWeek: 3,
      equipment: gym,
      experience: 'intermediate',
      sessionMinutes: 60,
    }),
    targets: { kcal: 2900, proteinG: 140, fatG: 90, carbsG: 380, fiberG: 40 },
  },
  {
    request: request('female', 47, 74, lose, {
      mealsPerDay: 2,
      trainingDaysPerWeek: 2,
      equipment: home,
      experience: 'beginner',
      sessionMinutes: 40,
    }),
    targets: { kcal: 1700, proteinG: 120, fatG: 55, carbsG: 180, fiberG: 24 },
  },
  {
    request: request('male', 52, 95, maintain, {
      mealsPerDay: 2,
      trainingDaysPerWeek: 1,
      equipment: gym,
      experience: 'beginner',
      sessionMinutes: 50,
    }),
    targets: { kcal: 2600, proteinG: 150, fatG: 85, carbsG: 300, fiberG: 36 },
  },
  {
    request: request('female', 33, 58, gain, {
      mealsPerDay: 3,
      trainingDaysPerWeek: 3,
      equipment: home,
      experience: 'beginner',
      sessionMinutes: 45,
    }),
    targets: { kcal: 2300, proteinG: 105, fatG: 75, carbsG: 300, fiberG: 32 },
  },
];

/** A 1-day meal plan from the foods the request's grammar allows (seeded picks). */
function mealPlanFor(r: PlanRequestT, seed: number): MealPlanT {
  const rng = createRng(seed);
  const foods = createGrammar(r).foodTokens.map((t) => t.slice('food:'.length));
  return {
    schemaVersion: '1.0.0',
    days: Array.from({ length: r.days }, () => ({
      meals: Array.from({ length: r.preferences.mealsPerDay }, (_, m) => ({
        type: MEAL_TYPES[Math.min(m, MEAL_TYPES.length - 1)]!,
        items: Array.from({ length: rng.int(1, 3) }, () => ({
          foodId: rng.pick(foods),
          grams: rng.pick([50, 100, 150, 200]),
        })),
      })),
    })),
  };
}

/** The training texts: prompt, then the plan (workout program for 1 week + meal plan). */
export function planTrainingTexts(): string[] {
  return PLAN_TRAINING_SET.map(({ request: r, targets }, i) => {
    const workoutProgram = programWorkout(r, { weeks: 1 }).program;
    const plan = formatPlan({ workoutProgram, mealPlan: mealPlanFor(r, PLAN_FIXTURE_SEED + i) });
    return `${formatRequest(r, targets)} ${plan}`;
  });
}

/** `<bos> text <eos>` as ids in `languageVocabulary()` order (the tokenizer's ids). */
export function planTokenIds(text: string): number[] {
  const vocab = languageVocabulary();
  const idOf = new Map(vocab.map((t, i) => [t, i]));
  return [TOKENIZER_SPECIAL_IDS.bos, ...text.split(' ').map((t) => idOf.get(t)!), TOKENIZER_SPECIAL_IDS.eos];
}

/** `rows` of a `[n, d]` table as a new `[rows.length, d]` tensor. */
function takeRows(t: HostTensor, rows: readonly number[]): HostTensor {
  const d = t.shape[1]!;
  const data = new Float32Array(rows.length * d);
  for (const [i, r] of rows.entries()) data.set(t.data.subarray(r * d, (r + 1) * d), i * d);
  return { shape: [rows.length, d], data };
}

/** `full` with its rows `rows` replaced by the rows of `part`, in order. */
function putRows(full: HostTensor, rows: readonly number[], part: HostTensor): HostTensor {
  const d = full.shape[1]!;
  const data = Float32Array.from(full.data);
  for (const [i, r] of rows.entries()) data.set(part.data.subarray(i * d, (i + 1) * d), r * d);
  return { shape: full.shape, data };
}

/**
 * Seeded initial weights trained for `steps` full-batch Adam steps on {@link planTrainingTexts}
 * (right-padded with `<pad>`, padding left out of the loss). Uses the current TF.js backend.
 *
 * To keep the script fast, training sees only the part of the model the texts touch: the
 * embedding rows of the tokens that occur in them (a small fraction of the 1,825, so the softmax
 * and the one-hot embedding are several times smaller) and the positions up to the longest text (177 of 1,024). The other
 * rows keep their seeded initial values. Measured on the training texts: their logits stay
 * within ±0.75 while the top learned token scores ≈ 10, at least 5.5 above any untouched one,
 * so greedy decoding emits plan-like text. (Full-vocabulary, 1,024-position steps took ≈ 0.6 s
 * here against ≈ 0.2 s, on a busy 2-core machine.)
 */
export function trainPlanWeights(steps = PLAN_TRAIN_STEPS): {
  weights: Map<string, HostTensor>;
  losses: number[];
} {
  const config = TINY_PLAN_GPT2_CONFIG;
  const initial = initGpt2Weights(config, { seed: PLAN_FIXTURE_SEED });
  const rows = planTrainingTexts().map(planTokenIds);
  const len = Math.max(...rows.map((r) => r.length));
  const pad = TOKENIZER_SPECIAL_IDS.pad;
  const used = [...new Set([...Object.values(TOKENIZER_SPECIAL_IDS), ...rows.flat()])].sort((a, b) => a - b);
  const compactId = new Map(used.map((id, i) => [id, i]));
  const positions = Array.from({ length: len }, (_, i) => i);
  const compactConfig = checkGpt2Config({ ...config, vocab_size: used.length, n_positions: len });
  const compact = new Map(initial);
  compact.set('wte.weight', takeRows(initial.get('wte.weight')!, used));
  compact.set('wpe.weight', takeRows(initial.get('wpe.weight')!, positions));
  const tokens = tf.tensor2d(
    rows.map((r) => [...r, ...Array(len - r.length).fill(pad)].map((id) => compactId.get(id)!)),
    [rows.length, len],
    'int32',
  );
  // Position t predicts token t + 1: count it when that token is real.
  const mask = tf.tensor2d(
    rows.map((r) => Array.from({ length: len - 1 }, (_, t) => (t + 1 < r.length ? 1 : 0))),
    [rows.length, len - 1],
    'float32',
  );
  const model = Gpt2Model.fromWeights(compactConfig, compact);
  const optimizer = tf.train.adam(LEARNING_RATE);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) losses.push(trainStep(model, optimizer, tokens, mask));
  const trained = model.getWeights();
  for (const t of [tokens, mask]) t.dispose();
  optimizer.dispose();
  model.dispose();
  trained.set('wte.weight', putRows(initial.get('wte.weight')!, used, trained.get('wte.weight')!));
  trained.set('wpe.weight', putRows(initial.get('wpe.weight')!, positions, trained.get('wpe.weight')!));
  return { weights: trained, losses };
}

/** Generates the whole fixture folder; returns the files written with their sizes. */
export async function makeTinyPlanGpt2Fixture(
  outDir: string,
): Promise<{ files: ExportedFile[]; losses: number[] }> {
  if (tf.getBackend() !== 'wasm') await tf.setBackend('wasm');
  const config = TINY_PLAN_GPT2_CONFIG;
  const { weights, losses } = trainPlanWeights();
  await mkdir(outDir, { recursive: true });
  await writeGpt2Checkpoint(outDir, { config, weights });
  const files = await exportGpt2ToTransformersJs(outDir, config, weights, {
    tokenizerDir: DOMAIN_TOKENIZER_DIR,
  });
  return { files, losses };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const out = process.argv[2] ?? PLAN_FIXTURE_DIR;
  const { files, losses } = await makeTinyPlanGpt2Fixture(out);
  console.log(`loss ${losses[0]?.toFixed(3)} → ${losses.at(-1)?.toFixed(3)} in ${losses.length} steps`);
  for (const f of files) console.log(`${f.path}\t${f.bytes}`);
  const checkpoint = (await stat(join(out, 'model.safetensors'))).size;
  console.log(`model.safetensors\t${checkpoint}`);
  console.log(`total ${files.reduce((a, f) => a + f.bytes, checkpoint)} bytes`);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
