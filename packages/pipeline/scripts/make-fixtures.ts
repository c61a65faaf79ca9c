/**
 * Writes the tiny GPT-2 fixture used by inference tests: datasets/fixtures/tiny-gpt2/ in the
 * transformers.js layout (config.json, generation_config.json, tokenizer.json,
 * tokenizer_config.json, model.safetensors, onnx/model.onnx, onnx/model_quantized.onnx,
 * onnx/model_q4.onnx). Random weights from a fixed seed; a 300-token word-level tokenizer.
 * The bytes are reproducible: the PRNG and quantisers use only IEEE float32/int arithmetic.
 *
 * Run: npx tsx packages/pipeline/scripts/make-fixtures.ts [outDir]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { exportGpt2ToTransformersJs } from '../src/export/folder';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { initGpt2Weights } from '../src/model/weights';

export const FIXTURE_SEED = 20240501;

/** Special tokens first (ids 0–2), as GPT-2 uses `<|endoftext|>` for bos and eos. */
const SPECIALS = ['<|endoftext|>', '<unk>', '<pad>'] as const;

const WORDS = (
  'squat bench press deadlift row pull up push lunge plank curl raise dip crunch bridge ' +
  'barbell dumbbell kettlebell cable machine band bodyweight sets reps rest kg g min sec ' +
  'monday tuesday wednesday thursday friday saturday sunday week day morning evening ' +
  'breakfast lunch dinner snack oats rice chicken egg milk yogurt bread apple banana bean ' +
  'lentil tofu salmon beef pasta potato spinach broccoli nut cheese water kcal protein fat ' +
  'carb fiber goal lose gain maintain strength endurance mobility beginner intermediate ' +
  'advanced male female age height weight vegan vegetarian gluten dairy free allergy plan ' +
  'workout meal program target'
).split(' ');

/** The fixture vocabulary: specials, words, digits, letters, punctuation, then filler syllables to 300. */
export function fixtureVocabulary(size = 300): string[] {
  // A Set: a word that is also a letter ('g') must not take two ids, or one id maps to nothing.
  const vocab: string[] = [
    ...new Set([...SPECIALS, ...WORDS, ...'0123456789', ...'abcdefghijklmnopqrstuvwxyz', ...'.,:;-()/+=|']),
  ];
  const consonants = 'bdfgklmnprstvz';
  const vowels = 'aeiou';
  outer: for (const c1 of consonants) {
    for (const v of vowels) {
      for (const c2 of consonants) {
        if (vocab.length >= size) break outer;
        const w = `${c1}${v}${c2}`;
        if (!vocab.includes(w)) vocab.push(w);
      }
    }
  }
  return vocab;
}

/** A HF `tokenizer.json` (WordLevel model, whitespace split, space-joining decoder). */
export function fixtureTokenizerJson(vocab: readonly string[]): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: { type: 'WordLevel', vocab: Object.fromEntries(vocab.map((t, i) => [t, i])), unk_token: '<unk>' },
  };
}

export function fixtureTokenizerConfig(maxLength: number): Record<string, unknown> {
  return {
    add_bos_token: false,
    add_eos_token: false,
    bos_token: '<|endoftext|>',
    eos_token: '<|endoftext|>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    clean_up_tokenization_spaces: false,
    model_max_length: maxLength,
    tokenizer_class: 'GPT2Tokenizer',
  };
}

export const TINY_GPT2_CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: 300,
  n_positions: 128,
  n_embd: 32,
  n_layer: 2,
  n_head: 4,
  bos_token_id: 0,
  eos_token_id: 0,
  pad_token_id: 2,
});

/** Writes a tokenizer folder (tokenizer.json + tokenizer_config.json) for `config`. */
export async function writeFixtureTokenizer(dir: string, config: Gpt2Config): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tok = fixtureTokenizerJson(fixtureVocabulary(config.vocab_size));
  await writeFile(join(dir, 'tokenizer.json'), `${JSON.stringify(tok, null, 2)}\n`);
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    `${JSON.stringify(fixtureTokenizerConfig(config.n_positions), null, 2)}\n`,
  );
}

/** Generates the whole fixture folder; returns the files written with their sizes. */
export async function makeTinyGpt2Fixture(outDir: string): Promise<{ path: string; bytes: number }[]> {
  const config = TINY_GPT2_CONFIG;
  const weights = initGpt2Weights(config, { seed: FIXTURE_SEED, std: 0.1, randomizeAll: true });
  await writeFixtureTokenizer(outDir, config);
  await writeGpt2Checkpoint(outDir, { config, weights });
  return exportGpt2ToTransformersJs(outDir, config, weights, { tokenizerDir: outDir });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const out = process.argv[2] ?? resolve(here, '../../../datasets/fixtures/tiny-gpt2');
  const files = await makeTinyGpt2Fixture(out);
  for (const f of files) console.log(`${f.path}\t${f.bytes}`);
}
