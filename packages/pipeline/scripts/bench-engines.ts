/**
 * Training throughput of the two engines on the same model, data and batches: tokens/s (input
 * tokens the model reads, padding excluded) over `--steps` optimizer steps after one warm-up
 * step (the warm-up run stops at step 1 with a checkpoint; the measured run resumes from it, so
 * start-up, wasm compilation and Python's import of torch are not counted).
 *
 *   npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/bench-engines.ts \
 *     --data datasets/build/training-default [--steps 6] [--batch 2] [--configs 4x64,6x128] \
 *     [--torch-threads 2,1]
 *
 * Prints one JSON line per run and the torch/tfjs ratios; the load average is printed with
 * them, because on a shared machine it moves the figures more than anything else.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { languageVocabulary } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { checkGpt2Config } from '../src/model/config';
import { TOKENIZER_SPECIAL_IDS } from '../src/tokenizer/hfTokenizer';
import { type TrainEngine, trainWithEngine } from '../src/train/engine';
import { loadExamples } from '../src/train/loadRows';
import { DEFAULT_HYPER } from '../src/train/trainer';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const data = resolve(arg('data', 'datasets/build/training-default'));
const steps = Number(arg('steps', '6'));
const batchSize = Number(arg('batch', '2'));
const configs = arg('configs', '4x64,6x128').split(',');
const torchThreads = arg('torch-threads', `${availableParallelism()},1`).split(',').map(Number);

await tf.setBackend('wasm');
const train = await loadExamples(join(data, 'train.jsonl'), 1025);
const val = await loadExamples(join(data, 'val.jsonl'), 1025);
const work = await mkdtemp(join(tmpdir(), 'nf-bench-engines-'));
const load = () => loadavg()[0]!.toFixed(1);

async function measure(layers: number, embd: number, engine: TrainEngine, threads?: number) {
  const config = checkGpt2Config({
    vocab_size: languageVocabulary().length,
    n_positions: 1024,
    n_embd: embd,
    n_layer: layers,
    n_head: 4,
    bos_token_id: TOKENIZER_SPECIAL_IDS.bos,
    eos_token_id: TOKENIZER_SPECIAL_IDS.eos,
    pad_token_id: TOKENIZER_SPECIAL_IDS.pad,
  });
  const hyper = { ...DEFAULT_HYPER, seed: 1, steps: steps + 1, batchSize, evalEvery: 1_000_000 };
  const runDir = join(work, `${layers}x${embd}-${engine}-${threads ?? 0}`);
  const common = {
    engine,
    ...(threads !== undefined ? { torch: { threads } } : {}),
    config,
    hyper,
    train: train.examples,
    val: [],
    runDir,
  };
  await trainWithEngine({ ...common, stopAtStep: 1 });
  const loadBefore = load();
  const r = await trainWithEngine(common);
  const row = {
    model: `${layers}x${embd}`,
    engine,
    ...(threads !== undefined ? { threads } : {}),
    steps: r.step - r.resumedFrom,
    tokensPerSecond: Math.round(r.tokensPerSecond),
    seconds: Number((r.ms / 1000).toFixed(1)),
    load: `${loadBefore}→${load()}`,
  };
  console.log(JSON.stringify(row));
  return row.tokensPerSecond;
}

console.log(
  `bench-engines: ${train.examples.length} train rows from ${data}, batch ${batchSize}, ${steps} steps, ${availableParallelism()} cores, val ${val.examples.length} unused`,
);
try {
  for (const c of configs) {
    const [layers, embd] = c.split('x').map(Number) as [number, number];
    const tfjs = await measure(layers, embd, 'tfjs');
    for (const t of torchThreads) {
      const pt = await measure(layers, embd, 'torch', t);
      console.log(`  ${c}: torch (${t} threads) / tfjs = ${(pt / tfjs).toFixed(2)}`);
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
