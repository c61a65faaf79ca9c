import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { decodeSafetensors, encodeSafetensors } from '../checkpoint/safetensors';
import type { HostTensor } from '../model/weights';
import { type LoraSpec, loraSpec } from './lora';

/** File names of a HF peft adapter folder. */
export const ADAPTER_CONFIG_FILE = 'adapter_config.json';
export const ADAPTER_WEIGHTS_FILE = 'adapter_model.safetensors';

/** peft's tensor-name prefix for a GPT2LMHeadModel (`base_model.model.` + the HF module path). */
export const PEFT_PREFIX_GPT2 = 'base_model.model.transformer.';
/** … and for a LlamaForCausalLM (`lm_head` is not adapted by default). */
export const PEFT_PREFIX_LLAMA = 'base_model.model.model.';

export interface LoraAdapterFile {
  readonly spec: LoraSpec;
  /** `<module>.lora_A.weight` / `.lora_B.weight`, module names as the model uses them. */
  readonly factors: Map<string, HostTensor>;
  readonly baseModel: string | null;
}

/**
 * Writes a LoRA adapter as a HF peft folder (`adapter_config.json` + `adapter_model.safetensors`):
 * peft's `PeftModel.from_pretrained(base, dir)` loads it, and {@link readLoraAdapter} reads it
 * back to apply at load time. `fanInFanOut` is true for GPT-2's Conv1D weights.
 */
export async function writeLoraAdapter(
  dir: string,
  spec: LoraSpec,
  factors: ReadonlyMap<string, HostTensor>,
  opts: { readonly prefix?: string; readonly fanInFanOut?: boolean; readonly baseModel?: string } = {},
): Promise<void> {
  const prefix = opts.prefix ?? PEFT_PREFIX_GPT2;
  const named = new Map<string, HostTensor>();
  for (const [n, t] of factors) named.set(prefix + n, t);
  await mkdir(dir, { recursive: true });
  const config = {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    base_model_name_or_path: opts.baseModel ?? null,
    r: spec.rank,
    lora_alpha: spec.alpha,
    lora_dropout: 0,
    target_modules: [...spec.targetModules],
    fan_in_fan_out: opts.fanInFanOut ?? true,
    bias: 'none',
    inference_mode: true,
  };
  await writeFile(join(dir, ADAPTER_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(join(dir, ADAPTER_WEIGHTS_FILE), encodeSafetensors(named, { format: 'pt' }));
}

/**
 * Reads a peft LoRA adapter folder written by {@link writeLoraAdapter} (or by peft for the same
 * model family).
 * @throws NexFitraError `BAD_DATA` for a missing file, a non-LoRA adapter or a tensor outside `prefix`.
 */
export async function readLoraAdapter(dir: string, prefix = PEFT_PREFIX_GPT2): Promise<LoraAdapterFile> {
  const fn = 'readLoraAdapter';
  const read = async (f: string) =>
    readFile(join(dir, f)).catch((e: Error) => {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [f],
        value: join(dir, f),
        allowed: `a readable file (${e.message})`,
      });
    });
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse((await read(ADAPTER_CONFIG_FILE)).toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof NexFitraError) throw e;
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: [ADAPTER_CONFIG_FILE],
      value: dir,
      allowed: 'valid JSON',
    });
  }
  if (raw['peft_type'] !== 'LORA') {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: [ADAPTER_CONFIG_FILE, 'peft_type'],
      value: raw['peft_type'],
      allowed: '"LORA"',
    });
  }
  const spec = loraSpec({
    rank: raw['r'] as number,
    alpha: raw['lora_alpha'] as number,
    targetModules: raw['target_modules'] as string[],
  });
  const bytes = await read(ADAPTER_WEIGHTS_FILE);
  const factors = new Map<string, HostTensor>();
  for (const [n, t] of decodeSafetensors(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fn,
  )) {
    if (!n.startsWith(prefix)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [ADAPTER_WEIGHTS_FILE, n],
        value: n,
        allowed: `tensor names starting with ${prefix}`,
      });
    }
    factors.set(n.slice(prefix.length), t);
  }
  return {
    spec,
    factors,
    baseModel: typeof raw['base_model_name_or_path'] === 'string' ? raw['base_model_name_or_path'] : null,
  };
}
