import { NexFitraError } from '@nexfitra/core';
import type { DecoderSession } from '../runtime/backend';
import type { DecoderConfig } from './config';

/** Which optional inputs a decoder graph declares (the loop feeds exactly what is declared). */
export interface DecoderIo {
  readonly attentionMask: boolean;
  readonly positionIds: boolean;
  /** Optimum's merged decoders switch between the first pass and cached steps with this flag. */
  readonly useCacheBranch: boolean;
}

const pastKey = (l: number) => `past_key_values.${l}.key`;
const pastValue = (l: number) => `past_key_values.${l}.value`;
const presentKey = (l: number) => `present.${l}.key`;
const presentValue = (l: number) => `present.${l}.value`;
export const KV_NAMES = { pastKey, pastValue, presentKey, presentValue } as const;

/**
 * Checks that a session is a decoder-only graph in the standard (transformers.js / optimum)
 * layout with a KV cache for every layer of `config`: inputs `input_ids`,
 * `past_key_values.{i}.key|value`, optionally `attention_mask`, `position_ids`,
 * `use_cache_branch`; outputs `logits`, `present.{i}.key|value`.
 * @throws NexFitraError `BAD_DATA` naming the first missing input or output, or an input the loop cannot feed
 */
export function checkDecoderIo(session: DecoderSession, config: DecoderConfig, file: string): DecoderIo {
  const fn = 'checkDecoderIo';
  const inputs = new Set(session.inputNames);
  const outputs = new Set(session.outputNames);
  const needIn = ['input_ids'];
  const needOut = ['logits'];
  for (let l = 0; l < config.layers; l++) {
    needIn.push(pastKey(l), pastValue(l));
    needOut.push(presentKey(l), presentValue(l));
  }
  const optional = ['attention_mask', 'position_ids', 'use_cache_branch'];
  const layout = `a decoder with inputs input_ids, past_key_values.0..${config.layers - 1}.key/value (and optionally ${optional.join(', ')}) and outputs logits, present.0..${config.layers - 1}.key/value`;
  for (const name of needIn) {
    if (!inputs.has(name)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [file, 'inputs', name],
        value: session.inputNames,
        allowed: `${layout}: input "${name}" is missing`,
      });
    }
  }
  for (const name of needOut) {
    if (!outputs.has(name)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [file, 'outputs', name],
        value: session.outputNames,
        allowed: `${layout}: output "${name}" is missing`,
      });
    }
  }
  const known = new Set([...needIn, ...optional]);
  for (const name of session.inputNames) {
    if (!known.has(name)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [file, 'inputs', name],
        value: session.inputNames,
        allowed: `${layout}: the loop cannot feed input "${name}"`,
      });
    }
  }
  return Object.freeze({
    attentionMask: inputs.has('attention_mask'),
    positionIds: inputs.has('position_ids'),
    useCacheBranch: inputs.has('use_cache_branch'),
  });
}
