/**
 * The onnxruntime-node adapter's direct binding sessions (`nodeBindingOpener`) against the public
 * `InferenceSession` API on the same graph bytes: the same tokens (the public API is the
 * reference), the event loop still served during a long generation (a timer-driven abort lands
 * mid-plan), and the public API kept for versions the binding was not checked against.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGrammar, formatRequest } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, grammarConstraint, type LoadedModel } from '../src/index';
import { loadModel } from '../src/node';
import { type OrtLike, ortBackend } from '../src/runtime/_ort';
import { nodeBindingOpener } from '../src/runtime/_ortNodeBinding';
import type { DecoderSession } from '../src/runtime/backend';

const PLAN = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const [request] = generateRequests(1, 9, { days: 7 });
const t = planTargets(request!);
if (!t.ok) throw new Error('fixture request refused');
const prompt = formatRequest(request!, t.targets);
const grammar = createGrammar(request!, { weeks: 1 });

let model: LoadedModel;
let viaPublic: DecoderSession;
let viaBinding: DecoderSession;
beforeAll(async () => {
  model = await loadModel(PLAN);
  const bytes = new Uint8Array(await readFile(join(PLAN, 'onnx/model.onnx')));
  const api = ort as unknown as OrtLike;
  viaPublic = await ortBackend('onnxruntime-node', api, ['cpu']).createSession(bytes);
  const opener = await nodeBindingOpener(ort.env.versions.node);
  expect(opener).toBeDefined();
  viaBinding = await ortBackend('onnxruntime-node', api, ['cpu'], {}, opener).createSession(bytes);
});
afterAll(async () => {
  await viaPublic?.release();
  await viaBinding?.release();
  await model?.dispose();
});

const plan = (session: DecoderSession, signal?: AbortSignal) =>
  generate(
    { ...model, session },
    {
      prompt,
      constraint: grammarConstraint(grammar, model.tokenizer),
      maxNewTokens: 4000,
      ...(signal ? { signal } : {}),
    },
  );

describe('onnxruntime-node binding sessions', () => {
  it('write the same constrained greedy plan as the public InferenceSession API', async () => {
    const [a, b] = [await plan(viaBinding), await plan(viaPublic)];
    expect(a.stopReason).toBe('grammar-complete');
    expect(a.tokenIds).toEqual(b.tokenIds);
    expect(viaBinding.outputNames).toEqual(viaPublic.outputNames);
    expect(viaBinding.kvDeltas).toEqual(viaPublic.kvDeltas);
  });

  it('still give timers a turn: an abort set by setTimeout lands mid-generation', async () => {
    const full = await plan(viaBinding);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 5);
    const r = await plan(viaBinding, ac.signal);
    expect(r.stopReason).toBe('aborted');
    expect(r.tokenIds.length).toBeLessThan(full.tokenIds.length);
    expect(r.tokenIds).toEqual(full.tokenIds.slice(0, r.tokenIds.length));
  });

  it('are used only for the versions checked (1.30 and later 1.x)', async () => {
    expect(await nodeBindingOpener('1.29.9')).toBeUndefined();
    expect(await nodeBindingOpener('2.0.0')).toBeUndefined();
    expect(await nodeBindingOpener(undefined)).toBeUndefined();
    expect(await nodeBindingOpener('1.30.0')).toBeDefined();
  });

  it('a corrupt graph is still refused with the runtime reason (the public API reports it)', async () => {
    const opener = await nodeBindingOpener(ort.env.versions.node);
    const backend = ortBackend('onnxruntime-node', ort as unknown as OrtLike, ['cpu'], {}, opener);
    await expect(backend.createSession(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({
      code: 'BAD_DATA',
      fn: 'createSession',
    });
  });
});
