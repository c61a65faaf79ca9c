/**
 * Trains (or resumes) the default NexFitra plan model on the training set built by
 * build-dataset.ts. Checkpoints go to the run folder (git-ignored) every few minutes, so a killed
 * run resumes with the same command. Then export it with export-default.ts.
 *
 * Run (in the background; resumable):
 *   nohup npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/train-default.ts \
 *     [--data datasets/build/training-default] [--run datasets/build/runs/default] \
 *     [--steps 200] [--batch 2] [--embd 64] [--layers 4] [--lr 3e-3] [--warmup 10] [--eval-batches 2] [--max-minutes m] [--engine tfjs|torch] [--threads n] [--family gpt2|llama] > train.log 2>&1 &
 *
 * `--engine torch` trains with PyTorch in a subprocess (Debian: apt-get install python3-torch
 * libopenblas0-pthread; NEXFITRA_PYTHON points at another interpreter): same data, hyper-parameters,
 * batches and checkpoint files, so a run resumes in either engine.
 *
 * `--engine torch --prepare-only [--device cuda]` writes the run folder (token files, config,
 * hyper-parameters, initial checkpoint) and prints the `python -m nexfitra_torch.train` command
 * instead of training: copy the folder to a GPU host (or a cluster, under `torchrun`), run it there,
 * copy the folder back and export it with export-default.ts.
 */

import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_VERSION, languageVocabulary } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { checkLlamaConfig, type LlamaConfig } from '../src/model/llamaConfig';
import { TOKENIZER_SPECIAL_IDS } from '../src/tokenizer/hfTokenizer';
import { writeTokenizer } from '../src/tokenizer/write';
import { TRAIN_ENGINES, type TrainEngine, trainWithEngine } from '../src/train/engine';
import { loadExamples } from '../src/train/loadRows';
import { prepareTorchRun, torchPackageDir } from '../src/train/torchEngine';
import { DEFAULT_HYPER, type TrainHyper } from '../src/train/trainer';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};

/**
 * The default model: 4 layers, width 64, 4 heads, 1,024 positions (≈ 0.42 M parameters) — sized
 * by what the shared 2-core machine trains in half an hour (see the model card).
 */
export const DEFAULT_MODEL_CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: languageVocabulary().length,
  n_positions: 1024,
  n_embd: Number(arg('embd', '64')),
  n_layer: Number(arg('layers', '4')),
  n_head: 4,
  bos_token_id: TOKENIZER_SPECIAL_IDS.bos,
  eos_token_id: TOKENIZER_SPECIAL_IDS.eos,
  pad_token_id: TOKENIZER_SPECIAL_IDS.pad,
});

/**
 * `--family llama` (torch engine): the same width, depth, heads and positions as a llama (tied
 * head, all kv heads unless --kv-heads, SwiGLU width 8/3 · n_embd rounded up to a multiple of 8
 * unless --intermediate).
 */
const LLAMA_CONFIG: LlamaConfig = checkLlamaConfig({
  model_type: 'llama',
  vocab_size: DEFAULT_MODEL_CONFIG.vocab_size,
  hidden_size: DEFAULT_MODEL_CONFIG.n_embd,
  // --intermediate sets the SwiGLU width (400 at width 128 matches GPT-2's parameter count).
  intermediate_size: Number(
    arg('intermediate', String(8 * Math.ceil((8 * DEFAULT_MODEL_CONFIG.n_embd) / 3 / 8))),
  ),
  num_hidden_layers: DEFAULT_MODEL_CONFIG.n_layer,
  num_attention_heads: DEFAULT_MODEL_CONFIG.n_head,
  num_key_value_heads: Number(arg('kv-heads', String(DEFAULT_MODEL_CONFIG.n_head))),
  max_position_embeddings: DEFAULT_MODEL_CONFIG.n_positions,
  tie_word_embeddings: true,
  bos_token_id: TOKENIZER_SPECIAL_IDS.bos,
  eos_token_id: TOKENIZER_SPECIAL_IDS.eos,
  pad_token_id: TOKENIZER_SPECIAL_IDS.pad,
});

export const DEFAULT_MODEL_HYPER: TrainHyper = {
  ...DEFAULT_HYPER,
  seed: 20261129,
  steps: Number(arg('steps', '200')),
  batchSize: Number(arg('batch', '2')),
  lr: Number(arg('lr', '3e-3')),
  minLr: Number(arg('lr', '3e-3')) / 10,
  warmupSteps: Number(arg('warmup', '10')),
  evalEvery: 50,
  // 0: the whole validation split at each evaluation (worth it on a GPU; 2 batches on a CPU).
  evalBatches: Number(arg('eval-batches', '2')),
};

const data = resolve(arg('data', join(ROOT, 'datasets', 'build', 'training-default')));
const runDir = resolve(arg('run', join(ROOT, 'datasets', 'build', 'runs', 'default')));
const engine = arg('engine', 'tfjs') as TrainEngine;
if (!TRAIN_ENGINES.includes(engine)) throw new Error(`--engine ${engine}: use ${TRAIN_ENGINES.join(' or ')}`);
if (engine === 'tfjs') await tf.setBackend('wasm');
// The vocabulary the ids mean: kept with the run, so an export after a language change still matches.
await writeTokenizer(join(runDir, 'tokenizer'), languageVocabulary());
await writeFile(join(runDir, 'language.json'), `${JSON.stringify({ languageVersion: LANGUAGE_VERSION })}\n`);
const max = DEFAULT_MODEL_CONFIG.n_positions + 1;
const train = await loadExamples(join(data, 'train.jsonl'), max);
const val = await loadExamples(join(data, 'val.jsonl'), max);
console.log(
  `train ${train.examples.length} rows (${train.tooLong.length} longer than ${max} tokens left out: ${train.tooLong.join(' ')}), val ${val.examples.length}`,
);
const runOptions = {
  config: arg('family', 'gpt2') === 'llama' ? LLAMA_CONFIG : DEFAULT_MODEL_CONFIG,
  hyper: DEFAULT_MODEL_HYPER,
  train: train.examples,
  val: val.examples,
  runDir,
  checkpointEveryMs: 3 * 60_000,
  ...(process.argv.includes('--max-minutes') ? { maxMs: Number(arg('max-minutes', '0')) * 60_000 } : {}),
};
if (process.argv.includes('--prepare-only')) {
  if (engine !== 'torch') throw new Error('--prepare-only: use it with --engine torch');
  const { args } = await prepareTorchRun(runOptions, {
    threads: Number(arg('threads', '0')),
    device: arg('device', 'cuda'),
  });
  console.log(`PYTHONPATH=${torchPackageDir()} python3 ${args.join(' ')}`);
  process.exit(0);
}
const t0 = Date.now();
const result = await trainWithEngine({
  engine,
  ...(process.argv.includes('--threads') ? { torch: { threads: Number(arg('threads', '1')) } } : {}),
  ...runOptions,
  onProgress: (p) => {
    const v = p.valLoss !== undefined ? ` val ${p.valLoss.toFixed(3)}` : '';
    console.log(
      `${new Date().toISOString()} step ${p.step}/${p.steps} loss ${p.loss.toFixed(3)}${v} lr ${p.lr.toExponential(2)} |g| ${p.gradNorm.toFixed(2)} ${p.tokensPerSecond.toFixed(0)} tok/s eta ${(p.etaSeconds / 60).toFixed(0)} min`,
    );
  },
});
console.log(
  JSON.stringify({
    engine,
    ...result,
    losses: undefined,
    lastLoss: result.losses.at(-1),
    wallS: (Date.now() - t0) / 1000,
  }),
);
