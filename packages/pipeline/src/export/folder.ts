import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { readGpt2Checkpoint } from '../checkpoint/hf';
import { checkGpt2Config, type Gpt2Config, toGenerationConfigJson, toHfConfigJson } from '../model/config';
import { checkGpt2Weights, type Gpt2Weights } from '../model/weights';
import { buildGpt2Onnx, ONNX_FILE_NAMES, type OnnxDtype } from './gpt2-onnx';

/** Tokenizer files copied next to the model when present in `tokenizerDir`. */
export const TOKENIZER_FILES = [
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'vocab.json',
  'merges.txt',
] as const;

export interface ExportOptions {
  /** Which ONNX files to write (default all three). */
  readonly dtypes?: readonly OnnxDtype[];
  /** A folder holding at least `tokenizer.json` and `tokenizer_config.json`. */
  readonly tokenizerDir?: string;
}

export interface ExportedFile {
  /** Path relative to the output folder, e.g. `onnx/model_q4.onnx`. */
  readonly path: string;
  readonly bytes: number;
}

/**
 * Writes a folder transformers.js loads offline: `config.json`, `generation_config.json`,
 * `onnx/model.onnx` (fp32), `onnx/model_quantized.onnx` (int8, `dtype: 'q8'`),
 * `onnx/model_q4.onnx` (4-bit, `dtype: 'q4'`), and the tokenizer files from `tokenizerDir`.
 *
 * @throws NexFitraError naming the tensor or config field that is wrong, or a missing tokenizer file.
 */
export async function exportGpt2ToTransformersJs(
  outDir: string,
  configIn: Gpt2Config,
  weights: Gpt2Weights,
  opts: ExportOptions = {},
): Promise<ExportedFile[]> {
  const fn = 'exportGpt2ToTransformersJs';
  const config = checkGpt2Config(configIn, fn);
  checkGpt2Weights(config, weights, fn);
  return writeModelFolder(outDir, fn, opts, {
    configJson: toHfConfigJson(config),
    generationConfigJson: toGenerationConfigJson(config),
    onnx: (dtype) => buildGpt2Onnx(config, weights, dtype),
  });
}

/**
 * @internal The transformers.js folder layout every family shares: `config.json`,
 * `generation_config.json`, one ONNX file per dtype under `onnx/`, and the tokenizer files of
 * `opts.tokenizerDir` (which must hold `tokenizer.json` and `tokenizer_config.json`).
 * @throws NexFitraError `BAD_DATA` (`fn`, `tokenizerDir`) for a missing tokenizer file
 */
export async function writeModelFolder(
  outDir: string,
  fn: string,
  opts: ExportOptions,
  parts: {
    readonly configJson: unknown;
    readonly generationConfigJson: unknown;
    readonly onnx: (dtype: OnnxDtype) => Uint8Array;
  },
): Promise<ExportedFile[]> {
  const tokenizerFiles: string[] = [];
  if (opts.tokenizerDir !== undefined) {
    const present = new Set(await readdir(opts.tokenizerDir).catch(() => [] as string[]));
    for (const required of ['tokenizer.json', 'tokenizer_config.json']) {
      if (!present.has(required)) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn,
          path: ['tokenizerDir', required],
          value: opts.tokenizerDir,
          allowed: 'a folder with tokenizer.json and tokenizer_config.json (transformers.js needs both)',
        });
      }
    }
    tokenizerFiles.push(...TOKENIZER_FILES.filter((f) => present.has(f)));
  }
  const files: ExportedFile[] = [];
  const write = async (path: string, data: string | Uint8Array) => {
    await writeFile(join(outDir, path), data);
    files.push({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length });
  };
  await mkdir(join(outDir, 'onnx'), { recursive: true });
  await write('config.json', `${JSON.stringify(parts.configJson, null, 2)}\n`);
  await write('generation_config.json', `${JSON.stringify(parts.generationConfigJson, null, 2)}\n`);
  for (const dtype of opts.dtypes ?? (['fp32', 'q8', 'q4'] as const)) {
    await write(`onnx/${ONNX_FILE_NAMES[dtype]}`, parts.onnx(dtype));
  }
  for (const f of tokenizerFiles) {
    await copyFile(join(opts.tokenizerDir!, f), join(outDir, f));
    files.push({ path: f, bytes: (await stat(join(outDir, f))).size });
  }
  return files;
}

/** @internal `opts` with the checkpoint folder as the tokenizer folder when it has one and none is given. */
export async function withCheckpointTokenizer(
  checkpointDir: string,
  opts: ExportOptions,
): Promise<ExportOptions> {
  if (opts.tokenizerDir !== undefined) return opts;
  const hasTokenizer = await stat(join(checkpointDir, 'tokenizer.json')).then(
    () => true,
    () => false,
  );
  return hasTokenizer ? { ...opts, tokenizerDir: checkpointDir } : opts;
}

/**
 * Exports a GPT-2 checkpoint folder (ours, or HF `save_pretrained` output) to the transformers.js
 * layout; tokenizer files are taken from the checkpoint folder unless `tokenizerDir` says otherwise.
 */
export async function exportGpt2Checkpoint(
  checkpointDir: string,
  outDir: string,
  opts: ExportOptions = {},
): Promise<ExportedFile[]> {
  const { config, weights } = await readGpt2Checkpoint(checkpointDir);
  return exportGpt2ToTransformersJs(
    outDir,
    config,
    weights,
    await withCheckpointTokenizer(checkpointDir, opts),
  );
}
