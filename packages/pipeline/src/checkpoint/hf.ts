import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { checkGpt2Config, type Gpt2Config, toGenerationConfigJson, toHfConfigJson } from '../model/config';
import { checkGpt2Weights, type Gpt2Weights, type HostTensor } from '../model/weights';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

/** A GPT-2 model as config + weights (weights named without the `transformer.` prefix). */
export interface Gpt2Checkpoint {
  readonly config: Gpt2Config;
  readonly weights: Map<string, HostTensor>;
}

const PREFIX = 'transformer.';
/** Non-parameter buffers older transformers versions saved (the causal mask and its fill value). */
const BUFFER = /^h\.\d+\.attn\.(bias|masked_bias)$/;

/**
 * Maps tensor names as HF writes them to our names: strips `transformer.` (GPT2LMHeadModel),
 * drops `attn.bias` / `attn.masked_bias` buffers, and drops `lm_head.weight` after checking it
 * equals `wte.weight` (the head is tied).
 *
 * @throws NexFitraError naming `lm_head.weight` when it is present but differs from `wte.weight`.
 */
export function fromHfTensorNames(
  tensors: ReadonlyMap<string, HostTensor>,
  fn = 'fromHfTensorNames',
): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  let head: HostTensor | undefined;
  for (const [raw, t] of tensors) {
    const name = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : raw;
    if (name === 'lm_head.weight') head = t;
    else if (!BUFFER.test(name)) out.set(name, t);
  }
  const wte = out.get('wte.weight');
  if (head && wte) {
    const same = head.data.length === wte.data.length && head.data.every((v, i) => v === wte.data[i]);
    if (!same) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['weights', 'lm_head.weight'],
        value: [...head.shape],
        allowed: 'absent or equal to transformer.wte.weight (GPT-2 ties the LM head)',
      });
    }
  }
  return out;
}

/**
 * Writes a checkpoint as HF `save_pretrained` does for GPT2LMHeadModel: `config.json`,
 * `generation_config.json` and `model.safetensors` with `transformer.`-prefixed F32 tensors and no
 * `lm_head.weight` (tied). `from_pretrained` in PyTorch loads it as is.
 *
 * @throws NexFitraError if the weights do not match the config (names, shapes, finite values).
 */
export async function writeGpt2Checkpoint(dir: string, checkpoint: Gpt2Checkpoint): Promise<void> {
  const config = checkGpt2Config(checkpoint.config, 'writeGpt2Checkpoint');
  checkGpt2Weights(config, checkpoint.weights, 'writeGpt2Checkpoint');
  const prefixed = new Map<string, HostTensor>();
  for (const [name, t] of checkpoint.weights) prefixed.set(PREFIX + name, t);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(toHfConfigJson(config), null, 2)}\n`);
  await writeFile(
    join(dir, 'generation_config.json'),
    `${JSON.stringify(toGenerationConfigJson(config), null, 2)}\n`,
  );
  await writeFile(join(dir, 'model.safetensors'), encodeSafetensors(prefixed));
}

/**
 * Reads a GPT-2 checkpoint folder (`config.json` + `model.safetensors`) written by us or by HF
 * `save_pretrained` (with or without the `transformer.` prefix; F32/F16/BF16 tensors).
 *
 * @throws NexFitraError (`BAD_DATA`) for a missing file, or naming the tensor that is missing,
 *   misshapen, non-finite or unexpected.
 */
export async function readGpt2Checkpoint(dir: string): Promise<Gpt2Checkpoint> {
  const fn = 'readGpt2Checkpoint';
  const { rawConfig, tensors } = await readCheckpointFiles(dir, fn);
  const config = checkGpt2Config(rawConfig, fn);
  const weights = fromHfTensorNames(tensors, fn);
  checkGpt2Weights(config, weights as Gpt2Weights, fn);
  return { config, weights };
}

/**
 * @internal A checkpoint folder's `config.json` (parsed, not yet checked) and `model.safetensors`
 * (decoded, HF names): what every family's reader starts from.
 * @throws NexFitraError `BAD_DATA` (`fn`) for a missing or unreadable file or invalid JSON
 */
export async function readCheckpointFiles(
  dir: string,
  fn: string,
): Promise<{ rawConfig: unknown; tensors: ReturnType<typeof decodeSafetensors> }> {
  const read = async (file: string): Promise<Buffer> => {
    try {
      return await readFile(join(dir, file));
    } catch (e) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [file],
        value: join(dir, file),
        allowed: `a readable file (${(e as Error).message})`,
      });
    }
  };
  let rawConfig: unknown;
  try {
    rawConfig = JSON.parse((await read('config.json')).toString('utf8'));
  } catch (e) {
    if (e instanceof NexFitraError) throw e;
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: ['config.json'],
      value: dir,
      allowed: 'valid JSON',
    });
  }
  const bytes = await read('model.safetensors');
  const tensors = decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), fn);
  return { rawConfig, tensors };
}
