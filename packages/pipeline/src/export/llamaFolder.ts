import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { readLlamaCheckpoint } from '../checkpoint/llama';
import { checkLlamaConfig, type LlamaConfig, toLlamaHfConfigJson } from '../model/llamaConfig';
import { checkLlamaWeights } from '../model/llamaWeights';
import type { HostTensor } from '../model/weights';
import { type ExportedFile, type ExportOptions, TOKENIZER_FILES } from './folder';
import { ONNX_FILE_NAMES } from './gpt2-onnx';
import { buildLlamaOnnx } from './llama-onnx';

/**
 * Writes a llama model folder transformers.js and `@nexfitra/inference` load offline:
 * `config.json` (LlamaForCausalLM), `generation_config.json`, `onnx/model.onnx` (fp32),
 * `onnx/model_quantized.onnx` (q8), `onnx/model_q4.onnx` (q4) and the tokenizer files.
 * @throws NexFitraError naming the config field or tensor that is wrong, or a missing tokenizer file.
 */
export async function exportLlamaToTransformersJs(
  outDir: string,
  configIn: LlamaConfig,
  weights: ReadonlyMap<string, HostTensor>,
  opts: ExportOptions = {},
): Promise<ExportedFile[]> {
  const fn = 'exportLlamaToTransformersJs';
  const config = checkLlamaConfig(configIn, fn);
  checkLlamaWeights(config, weights, fn);
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
          allowed: 'a folder with tokenizer.json and tokenizer_config.json',
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
  await write('config.json', `${JSON.stringify(toLlamaHfConfigJson(config), null, 2)}\n`);
  await write(
    'generation_config.json',
    `${JSON.stringify({ bos_token_id: config.bos_token_id, eos_token_id: config.eos_token_id, transformers_version: '4.46.0' }, null, 2)}\n`,
  );
  for (const dtype of opts.dtypes ?? (['fp32', 'q8', 'q4'] as const)) {
    await write(`onnx/${ONNX_FILE_NAMES[dtype]}`, buildLlamaOnnx(config, weights, dtype));
  }
  for (const f of tokenizerFiles) {
    await copyFile(join(opts.tokenizerDir!, f), join(outDir, f));
    files.push({ path: f, bytes: (await stat(join(outDir, f))).size });
  }
  return files;
}

/** Exports a llama checkpoint folder (tokenizer from the folder unless `tokenizerDir` is given). */
export async function exportLlamaCheckpoint(
  checkpointDir: string,
  outDir: string,
  opts: ExportOptions = {},
): Promise<ExportedFile[]> {
  const { config, weights } = await readLlamaCheckpoint(checkpointDir);
  const hasTokenizer = await stat(join(checkpointDir, 'tokenizer.json')).then(
    () => true,
    () => false,
  );
  const tokenizerDir = opts.tokenizerDir ?? (hasTokenizer ? checkpointDir : undefined);
  return exportLlamaToTransformersJs(outDir, config, weights, {
    ...opts,
    ...(tokenizerDir === undefined ? {} : { tokenizerDir }),
  });
}
