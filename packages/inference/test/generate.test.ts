/**
 * The decode loop. Independent expectations: transformers.js `generate()` (greedy) on the same
 * committed ONNX fixture; a cache-free reference that reruns the whole sequence through
 * onnxruntime-node each step (no KV cache involved); the definitions of top-k = 1 and of
 * temperature → 0 (both are greedy); the seeded generator's contract (same seed, same tokens).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { formatRequest } from '@nexfitra/core/language';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRequest, person } from '../../core/test/fixtures/requests';
import { generate, type LoadedModel, streamGenerate, type TokenConstraint } from '../src/index';
import { loadModel } from '../src/node';
import { writeRandomPlanModel } from './_randomModel';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const REQUEST = makeRequest({
  profile: person('female', 41, 68, 170, 'light'),
  goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
  preferences: {
    mealsPerDay: 2,
    trainingDaysPerWeek: 1,
    sessionMinutes: 45,
    equipment: ['bodyweight', 'dumbbells'],
  },
});
const PROMPT = formatRequest(REQUEST, { kcal: 1800, proteinG: 120, fatG: 60, carbsG: 190, fiberG: 25 });

let tmp: string;
let fixture: LoadedModel;
let random: LoadedModel;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'nf-gen-'));
  fixture = await loadModel(FIXTURE);
  random = await loadModel(await writeRandomPlanModel(join(tmp, 'random'), { seed: 5 }));
});
afterAll(async () => {
  await fixture?.dispose();
  await random?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

/** A constraint that forbids only the end-of-sequence ids and never completes. */
const noEos = (m: LoadedModel): TokenConstraint<number> => {
  const ids = Array.from({ length: m.config.vocabSize }, (_, i) => i).filter(
    (i) => !m.tokenizer.eosIds.includes(i),
  );
  return { start: 0, allowed: () => ids, advance: (s) => s + 1, isComplete: () => false };
};

describe('greedy decoding with the KV cache', () => {
  it('matches a cache-free reference (whole sequence rerun each step) on the fixture', async () => {
    const ids = fixture.tokenizer.encode(PROMPT);
    expect(ids).not.toContain(3); // no <unk>: the prompt is in the fixture's vocabulary
    const s = await ort.InferenceSession.create(join(FIXTURE, 'onnx/model.onnx'));
    const seq = [...ids];
    const ref: number[] = [];
    for (let i = 0; i < 24; i++) {
      const n = seq.length;
      const i64 = (a: number[]) => new ort.Tensor('int64', BigInt64Array.from(a.map(BigInt)), [1, a.length]);
      const feeds: Record<string, ort.Tensor> = {
        input_ids: i64(seq),
        attention_mask: i64(seq.map(() => 1)),
        position_ids: i64(seq.map((_, j) => j)),
      };
      for (let l = 0; l < 2; l++)
        for (const k of ['key', 'value'])
          feeds[`past_key_values.${l}.${k}`] = new ort.Tensor('float32', new Float32Array(0), [1, 2, 0, 16]);
      const logits = (await s.run(feeds))['logits']!.data as Float32Array;
      const V = fixture.config.vocabSize;
      const last = logits.subarray((n - 1) * V, n * V);
      let best = 0;
      for (let v = 1; v < V; v++) if (last[v]! > last[best]!) best = v;
      if (best === 2) break;
      ref.push(best);
      seq.push(best);
    }
    await s.release();
    const r = await generate(fixture, { prompt: PROMPT, maxNewTokens: 24 });
    expect(r.tokenIds).toEqual(ref);
    expect(r.stats.modelSteps).toBe(r.tokenIds.length + (r.stopReason === 'eos' ? 1 : 0));
  });

  it('matches transformers.js generate() (greedy) on the same ONNX, and our loop on its session', {
    timeout: 60_000,
  }, async () => {
    const { AutoModelForCausalLM, AutoTokenizer, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = join(FIXTURE, '..');
    const tok = await AutoTokenizer.from_pretrained('tiny-plan-gpt2');
    const model = await AutoModelForCausalLM.from_pretrained('tiny-plan-gpt2', { dtype: 'fp32' });
    const inputs = tok(PROMPT);
    const out = (await model.generate({ ...inputs, max_new_tokens: 32, do_sample: false })) as {
      tolist(): bigint[][];
    };
    const theirs = out.tolist()[0]!.map(Number).slice(inputs.input_ids.dims[1]);
    await model.dispose();
    const ours = await generate(fixture, { prompt: PROMPT, maxNewTokens: 32 });
    expect([...ours.tokenIds, ...(ours.stopReason === 'eos' ? [2] : [])]).toEqual(theirs);
    const viaTf = await loadModel(FIXTURE, { backends: ['transformers'] });
    expect(viaTf.backend).toBe('transformers');
    expect((await generate(viaTf, { prompt: PROMPT, maxNewTokens: 32 })).tokenIds).toEqual(ours.tokenIds);
    await viaTf.dispose();
  });

  it('onnxruntime-web (wasm, in Node) gives the same tokens as onnxruntime-node', {
    timeout: 60_000,
  }, async () => {
    const web = await loadModel(FIXTURE, { backends: ['onnxruntime-web-wasm'] });
    const a = await generate(web, { prompt: PROMPT, maxNewTokens: 32 });
    const b = await generate(fixture, { prompt: PROMPT, maxNewTokens: 32 });
    expect(a.tokenIds).toEqual(b.tokenIds);
    await web.dispose();
  });
});

describe('sampling', () => {
  const opts = (sampling: object) => ({
    prompt: PROMPT,
    maxNewTokens: 20,
    constraint: noEos(random),
    sampling,
  });
  it('repeats with the same seed and differs with another', async () => {
    const a = await generate(random, opts({ temperature: 1, seed: 7 }));
    const b = await generate(random, opts({ temperature: 1, seed: 7 }));
    const c = await generate(random, opts({ temperature: 1, seed: 8 }));
    expect(a.tokenIds).toEqual(b.tokenIds);
    expect(c.tokenIds).not.toEqual(a.tokenIds);
  });
  it('top-k 1 and a near-zero temperature are greedy (by definition)', async () => {
    const greedy = await generate(random, opts({}));
    expect((await generate(random, opts({ temperature: 1, topK: 1, seed: 3 }))).tokenIds).toEqual(
      greedy.tokenIds,
    );
    expect((await generate(random, opts({ temperature: 1e-4, seed: 3 }))).tokenIds).toEqual(greedy.tokenIds);
    expect((await generate(random, opts({ temperature: 1, topP: 1e-9, seed: 3 }))).tokenIds).toEqual(
      greedy.tokenIds,
    );
  });
  it('refuses bad options with the field named', async () => {
    const e = await generate(random, opts({ temperature: -1 })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NexFitraError);
    expect((e as NexFitraError).path).toEqual(['sampling', 'temperature']);
    const e2 = await generate(random, { prompt: PROMPT, maxNewTokens: 0 }).catch((x: unknown) => x);
    expect((e2 as NexFitraError).path).toEqual(['maxNewTokens']);
  });
});

describe('limits, abort and streaming', () => {
  it('stops at maxNewTokens', async () => {
    const r = await generate(random, { prompt: PROMPT, maxNewTokens: 17, constraint: noEos(random) });
    expect(r.stopReason).toBe('max-tokens');
    expect(r.tokenIds).toHaveLength(17);
  });
  it('stops at maxMs with the text so far', async () => {
    const r = await generate(random, {
      prompt: PROMPT,
      maxNewTokens: 1500,
      // 100 ms: well over one step even on a loaded shared machine (at 25 ms the prompt alone
      // sometimes used the budget), well under 1,500 steps (≈ 0.3 ms each).
      maxMs: 100,
      constraint: noEos(random),
    });
    expect(r.stopReason).toBe('max-time');
    expect(r.tokenIds.length).toBeGreaterThan(0);
    expect(r.tokenIds.length).toBeLessThan(1500);
    expect(r.stats.msTotal).toBeGreaterThanOrEqual(100);
  });
  it('stops when aborted mid-stream, and at once when aborted before', async () => {
    const ac = new AbortController();
    const it = streamGenerate(random, {
      prompt: PROMPT,
      maxNewTokens: 100,
      constraint: noEos(random),
      signal: ac.signal,
    });
    let n = 0;
    let res: Awaited<ReturnType<typeof it.next>>;
    for (;;) {
      res = await it.next();
      if (res.done) break;
      if (++n === 5) ac.abort();
    }
    expect(res.value.stopReason).toBe('aborted');
    expect(res.value.tokenIds).toHaveLength(5);
    const r = await generate(random, { prompt: PROMPT, maxNewTokens: 10, signal: AbortSignal.abort() });
    expect(r).toMatchObject({ stopReason: 'aborted', tokenIds: [] });
  });
  it('streams the same tokens and text as generate', async () => {
    const o = { prompt: PROMPT, maxNewTokens: 30, constraint: noEos(random) };
    const r = await generate(random, o);
    const ids: number[] = [];
    let text = '';
    for await (const t of streamGenerate(random, o)) {
      ids.push(t.tokenId);
      text += t.text;
    }
    expect(ids).toEqual(r.tokenIds);
    expect(text).toBe(r.text);
  });
  it('8 generations in parallel on one model give the sequential results', async () => {
    const o = (seed: number) => ({
      prompt: PROMPT,
      maxNewTokens: 30,
      constraint: noEos(random),
      sampling: { temperature: 1, seed },
    });
    const seq = [];
    for (let i = 0; i < 8; i++) seq.push((await generate(random, o(i))).tokenIds);
    const par = await Promise.all(Array.from({ length: 8 }, (_, i) => generate(random, o(i))));
    expect(par.map((r) => r.tokenIds)).toEqual(seq);
  });
  it('refuses a prompt longer than the model positions', async () => {
    const e = await generate(fixture, {
      prompt: Array(1100).fill('<week>').join(' '),
      maxNewTokens: 5,
    }).catch((x: unknown) => x);
    expect((e as NexFitraError).path).toEqual(['prompt']);
  });
});
