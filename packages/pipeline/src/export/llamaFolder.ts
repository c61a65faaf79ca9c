import { readLlamaCheckpoint } from '../checkpoint/llama';
import { checkLlamaConfig, type LlamaConfig, toLlamaHfConfigJson } from '../model/llamaConfig';
import { checkLlamaWeights } from '../model/llamaWeights';
import type { HostTensor } from '../model/weights';
import { type ExportedFile, type ExportOptions, withCheckpointTokenizer, writeModelFolder } from './folder';
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
  return writeModelFolder(outDir, fn, opts, {
    configJson: toLlamaHfConfigJson(config),
    generationConfigJson: {
      bos_token_id: config.bos_token_id,
      eos_token_id: config.eos_token_id,
      transformers_version: '4.46.0',
    },
    onnx: (dtype) => buildLlamaOnnx(config, weights, dtype),
  });
}

/** Exports a llama checkpoint folder (tokenizer from the folder unless `tokenizerDir` is given). */
export async function exportLlamaCheckpoint(
  checkpointDir: string,
  outDir: string,
  opts: ExportOptions = {},
): Promise<ExportedFile[]> {
  const { config, weights } = await readLlamaCheckpoint(checkpointDir);
  return exportLlamaToTransformersJs(
    outDir,
    config,
    weights,
    await withCheckpointTokenizer(checkpointDir, opts),
  );
}
