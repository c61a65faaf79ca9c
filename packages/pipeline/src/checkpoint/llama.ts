import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { checkLlamaConfig, type LlamaConfig, toLlamaHfConfigJson } from '../model/llamaConfig';
import { checkLlamaWeights } from '../model/llamaWeights';
import type { HostTensor } from '../model/weights';
import { readCheckpointFiles } from './hf';
import { encodeSafetensors } from './safetensors';

/** A llama model as config + weights (names without the `model.` prefix). */
export interface LlamaCheckpoint {
  readonly config: LlamaConfig;
  readonly weights: Map<string, HostTensor>;
}

const PREFIX = 'model.';
/** Non-parameter buffers some transformers versions saved. */
const BUFFER = /(^|\.)rotary_emb\.inv_freq$/;

/**
 * HF `LlamaForCausalLM` names → ours: strips `model.`, drops rotary buffers, keeps
 * `lm_head.weight` (untied) or drops it after checking it equals `embed_tokens.weight` (tied).
 * @throws NexFitraError naming `lm_head.weight` when tied but different.
 */
export function fromHfLlamaNames(
  tensors: ReadonlyMap<string, HostTensor>,
  tied: boolean,
  fn = 'fromHfLlamaNames',
): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const [raw, t] of tensors) {
    const name = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : raw;
    if (!BUFFER.test(name)) out.set(name, t);
  }
  const head = out.get('lm_head.weight');
  const emb = out.get('embed_tokens.weight');
  if (tied && head) {
    if (!emb || head.data.length !== emb.data.length || head.data.some((v, i) => v !== emb.data[i])) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['weights', 'lm_head.weight'],
        value: [...head.shape],
        allowed: 'absent or equal to model.embed_tokens.weight (tie_word_embeddings is true)',
      });
    }
    out.delete('lm_head.weight');
  }
  return out;
}

/**
 * Writes a llama checkpoint as HF `save_pretrained` does: `config.json`, `generation_config.json`
 * and `model.safetensors` (`model.`-prefixed F32 tensors, `lm_head.weight` when untied).
 */
export async function writeLlamaCheckpoint(dir: string, checkpoint: LlamaCheckpoint): Promise<void> {
  const config = checkLlamaConfig(checkpoint.config, 'writeLlamaCheckpoint');
  checkLlamaWeights(config, checkpoint.weights, 'writeLlamaCheckpoint');
  const named = new Map<string, HostTensor>();
  for (const [name, t] of checkpoint.weights) named.set(name === 'lm_head.weight' ? name : PREFIX + name, t);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(toLlamaHfConfigJson(config), null, 2)}\n`);
  await writeFile(
    join(dir, 'generation_config.json'),
    `${JSON.stringify({ bos_token_id: config.bos_token_id, eos_token_id: config.eos_token_id, transformers_version: '4.46.0' }, null, 2)}\n`,
  );
  await writeFile(join(dir, 'model.safetensors'), encodeSafetensors(named));
}

/**
 * Reads a llama checkpoint folder (`config.json` + `model.safetensors`) written by HF
 * `save_pretrained` or {@link writeLlamaCheckpoint} (F32/F16/BF16 tensors).
 * @throws NexFitraError (`BAD_DATA`) for a missing file or naming the config field or tensor that is wrong.
 */
export async function readLlamaCheckpoint(dir: string): Promise<LlamaCheckpoint> {
  const fn = 'readLlamaCheckpoint';
  const { rawConfig, tensors } = await readCheckpointFiles(dir, fn);
  const config = checkLlamaConfig(rawConfig, fn);
  const weights = fromHfLlamaNames(tensors, config.tie_word_embeddings, fn);
  checkLlamaWeights(config, weights, fn);
  return { config, weights };
}
