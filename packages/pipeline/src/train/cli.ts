import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LANGUAGE_VERSION, languageVocabulary } from '@nexfitra/core/language';
import { checkGpt2Config, type Gpt2Config } from '../model/config';
import { checkLlamaConfig, type LlamaConfig } from '../model/llamaConfig';
import { TOKENIZER_SPECIAL_IDS } from '../tokenizer/hfTokenizer';
import { writeTokenizer } from '../tokenizer/write';
import { TRAIN_ENGINES, type TrainEngine, trainWithEngine } from './engine';
import { loadExamples } from './loadRows';
import { lossChartSvg, parseLossCsv } from './lossChart';
import { DEFAULT_HYPER, type TrainHyper, type TrainProgress } from './trainer';

/** The `train` command's usage lines (part of the CLI's usage text). */
export const TRAIN_USAGE = `  train --data <dir> --run <dir> [--engine tfjs|torch] [--steps 200] [--batch 8] [--lr 0.003]
      [--min-lr 0.0003] [--warmup 20] [--eval-every 50] [--eval-batches 4] [--seed 1] [--layers 4]
      [--embd 64] [--heads 4] [--positions 1024] [--max-minutes m] [--checkpoint-minutes 3] [--no-resume]
      [--family gpt2|llama] [--kv-heads <heads>] [--inner <8/3·embd>] (llama: torch engine only)
      [--threads <all cores>] [--python <python with torch>] [--device cpu|cuda] [--nproc 1]
      trains a GPT-2 plan model on <dir>/train.jsonl (validating on val.jsonl); resumes from
      <run>/checkpoint; writes the checkpoint, loss.csv, loss.svg, tokenizer/. The torch engine
      runs PyTorch in a subprocess (python3-torch; NEXFITRA_PYTHON picks the interpreter);
      --nproc n runs n data-parallel processes (one per GPU with --device cuda)
`;

interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const option = (argv: readonly string[], name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

function num(argv: readonly string[], name: string, fallback: number): number {
  const v = option(argv, name);
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`--${name} ${JSON.stringify(v)} is not a number`);
  return x;
}

/** One progress line: step, loss, validation loss, learning rate, tokens/s and ETA. */
export function formatProgress(p: TrainProgress): string {
  const width = 20;
  const filled = Math.round((p.step / p.steps) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const v = p.valLoss !== undefined ? ` val ${p.valLoss.toFixed(3)}` : '';
  const eta =
    p.etaSeconds >= 3600
      ? `${(p.etaSeconds / 3600).toFixed(1)} h`
      : p.etaSeconds >= 60
        ? `${(p.etaSeconds / 60).toFixed(1)} min`
        : `${p.etaSeconds.toFixed(0)} s`;
  return `[${bar}] ${p.step}/${p.steps} loss ${p.loss.toFixed(3)}${v} lr ${p.lr.toExponential(2)} ${p.tokensPerSecond.toFixed(0)} tok/s ETA ${eta}`;
}

/**
 * `nexfitra-pipeline train`: tokenizes `--data`'s train/val JSONL once, trains on the chosen
 * engine and writes the loss chart. Returns the exit code (2 for usage errors).
 */
export async function trainCommand(argv: readonly string[], io: Io, usage: string): Promise<number> {
  const data = option(argv, 'data');
  const runDir = option(argv, 'run');
  if (!data || !runDir) {
    io.stderr(`train: --data <dir> and --run <dir> are required\n\n${usage}`);
    return 2;
  }
  const engine = (option(argv, 'engine') ?? 'tfjs') as TrainEngine;
  if (!TRAIN_ENGINES.includes(engine)) {
    io.stderr(`train: --engine ${JSON.stringify(engine)}: use ${TRAIN_ENGINES.join(' or ')}\n`);
    return 2;
  }
  const family = option(argv, 'family') ?? 'gpt2';
  if (family !== 'gpt2' && family !== 'llama') {
    io.stderr(`train: --family ${JSON.stringify(family)}: use gpt2 or llama\n`);
    return 2;
  }
  const ids = {
    bos_token_id: TOKENIZER_SPECIAL_IDS.bos,
    eos_token_id: TOKENIZER_SPECIAL_IDS.eos,
    pad_token_id: TOKENIZER_SPECIAL_IDS.pad,
  };
  const embd = num(argv, 'embd', 64);
  const heads = num(argv, 'heads', 4);
  const config: Gpt2Config | LlamaConfig =
    family === 'llama'
      ? checkLlamaConfig({
          model_type: 'llama',
          vocab_size: languageVocabulary().length,
          hidden_size: embd,
          // 8/3 · width: a SwiGLU MLP with the parameters of a 4× GELU one (Shazeer 2020, "GLU Variants Improve Transformer").
          intermediate_size: num(argv, 'inner', 8 * Math.ceil((8 * embd) / 3 / 8)),
          num_hidden_layers: num(argv, 'layers', 4),
          num_attention_heads: heads,
          num_key_value_heads: num(argv, 'kv-heads', heads),
          max_position_embeddings: num(argv, 'positions', 1024),
          tie_word_embeddings: true,
          ...ids,
        })
      : checkGpt2Config({
          vocab_size: languageVocabulary().length,
          n_positions: num(argv, 'positions', 1024),
          n_embd: embd,
          n_layer: num(argv, 'layers', 4),
          n_head: heads,
          ...ids,
        });
  const hyper: TrainHyper = {
    ...DEFAULT_HYPER,
    seed: num(argv, 'seed', 1),
    steps: num(argv, 'steps', 200),
    batchSize: num(argv, 'batch', DEFAULT_HYPER.batchSize),
    lr: num(argv, 'lr', DEFAULT_HYPER.lr),
    minLr: num(argv, 'min-lr', DEFAULT_HYPER.minLr),
    warmupSteps: num(argv, 'warmup', DEFAULT_HYPER.warmupSteps),
    evalEvery: num(argv, 'eval-every', DEFAULT_HYPER.evalEvery),
    evalBatches: num(argv, 'eval-batches', DEFAULT_HYPER.evalBatches),
  };
  const max = ('n_positions' in config ? config.n_positions : config.max_position_embeddings) + 1;
  const train = await loadExamples(join(data, 'train.jsonl'), max);
  const val = await loadExamples(join(data, 'val.jsonl'), max);
  io.stderr(
    `train: ${train.examples.length} rows, val ${val.examples.length}; ${train.tooLong.length + val.tooLong.length} rows longer than ${max} tokens left out${train.tooLong.length > 0 ? ` (${train.tooLong.slice(0, 5).join(' ')}…)` : ''}; engine ${engine}\n`,
  );
  await writeTokenizer(join(runDir, 'tokenizer'), languageVocabulary());
  await writeFile(
    join(runDir, 'language.json'),
    `${JSON.stringify({ languageVersion: LANGUAGE_VERSION })}\n`,
  );
  if (engine === 'tfjs') {
    const tf = await import('@tensorflow/tfjs');
    await import('@tensorflow/tfjs-backend-wasm');
    await tf.setBackend('wasm');
  }
  const maxMinutes = option(argv, 'max-minutes');
  const threads = option(argv, 'threads');
  const python = option(argv, 'python');
  const device = option(argv, 'device');
  const nproc = option(argv, 'nproc');
  const result = await trainWithEngine({
    engine,
    torch: {
      ...(threads !== undefined ? { threads: num(argv, 'threads', 1) } : {}),
      ...(python !== undefined ? { python } : {}),
      ...(device !== undefined ? { device } : {}),
      ...(nproc !== undefined ? { nproc: num(argv, 'nproc', 1) } : {}),
    },
    config,
    hyper,
    train: train.examples,
    val: val.examples,
    runDir,
    resume: !argv.includes('--no-resume'),
    checkpointEveryMs: num(argv, 'checkpoint-minutes', 3) * 60_000,
    ...(maxMinutes !== undefined ? { maxMs: num(argv, 'max-minutes', 0) * 60_000 } : {}),
    onProgress: (p) => io.stderr(`${formatProgress(p)}\n`),
  });
  const points = parseLossCsv(await readFile(join(runDir, 'loss.csv'), 'utf8'));
  await writeFile(join(runDir, 'loss.svg'), lossChartSvg(points, `${runDir}: loss (${engine})`));
  io.stdout(
    `${JSON.stringify({ engine, step: result.step, resumedFrom: result.resumedFrom, lastLoss: result.losses.at(-1), valLosses: result.valLosses, tokensPerSecond: Math.round(result.tokensPerSecond), seconds: result.ms / 1000 })}\n`,
  );
  return 0;
}
