import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Gpt2Checkpoint, readGpt2Checkpoint } from './hf';
import { type LlamaCheckpoint, readLlamaCheckpoint } from './llama';

/** A checkpoint of either family, tagged. */
export type AnyCheckpoint =
  | ({ readonly family: 'gpt2' } & Gpt2Checkpoint)
  | ({ readonly family: 'llama' } & LlamaCheckpoint);

/**
 * Reads a checkpoint folder of either family, by its `config.json` `model_type` (`llama`, else
 * GPT-2, whose reader names any other family it does not support).
 * @throws NexFitraError from the family's reader (missing file, bad config field or tensor)
 */
export async function readCheckpoint(dir: string): Promise<AnyCheckpoint> {
  const raw = await readFile(join(dir, 'config.json'), 'utf8').catch(() => '{}');
  let type: unknown;
  try {
    type = (JSON.parse(raw) as { model_type?: unknown }).model_type;
  } catch {
    type = undefined;
  }
  if (type === 'llama') return { family: 'llama', ...(await readLlamaCheckpoint(dir)) };
  return { family: 'gpt2', ...(await readGpt2Checkpoint(dir)) };
}
