/**
 * Independent check of the checkpoint reader, the TF.js model and the ONNX exporter against
 * PyTorch. Every expected number comes from datasets/fixtures/hf-tiny-gpt2/, written by Hugging
 * Face transformers' own `save_pretrained` and forward/`generate` (packages/pipeline/scripts/
 * hf-reference.py; versions in reference.json), not by this package.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gpt2Checkpoint, readGpt2Checkpoint } from '../src/checkpoint/hf';
import { exportGpt2Checkpoint } from '../src/export/folder';
import { greedyGenerate } from '../src/model/generate';
import { disposeKv, Gpt2Model } from '../src/model/gpt2';

const FIXTURE_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../datasets/fixtures/hf-tiny-gpt2',
);

interface Reference {
  readonly torch: string;
  readonly transformers: string;
  /** The 10-token prompt. */
  readonly input_ids: number[];
  /** PyTorch `model(ids).logits[0]`, 10 × 300, rounded to 7 decimals. */
  readonly logits: number[][];
  /** PyTorch `generate(ids, max_new_tokens=32, do_sample=False)`: prompt + 32 tokens. */
  readonly greedy: number[];
}

// The model hf-reference.py builds (GPT2Config there): vocab 300, 64 wide, 2 layers, 4 heads.
const V = 300;
const D = 64;
const LAYERS = 2;
const HEADS = 4;
const HEAD_DIM = D / HEADS;
const NEW_TOKENS = 32;
/** Float32 forward passes in a different order of operations: 1e-4 absolute on logits up to ~5. */
const TOL = 1e-4;

let ref: Reference;
let checkpoint: Gpt2Checkpoint;
let model: Gpt2Model;
let out: string;
let session: ort.InferenceSession;

/**
 * A 300-entry WordLevel tokenizer for the export folder (transformers.js wants tokenizer files
 * next to the model). The tiny-gpt2 fixture tokenizer is not reused: its vocab maps only 299 ids
 * (the word "g" occurs twice in the list it was written from, so id 29 has no token). Specials
 * follow the reference config: pad 0, bos 1, eos 2; token i ≥ 4 is the word `t<i>`.
 */
const VOCAB = [
  '<pad>',
  '<bos>',
  '<|endoftext|>',
  '<unk>',
  ...Array.from({ length: V - 4 }, (_, i) => `t${i + 4}`),
];

async function writeTokenizer(dir: string): Promise<void> {
  const special = (content: string, id: number) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: VOCAB.slice(0, 4).map(special),
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: { type: 'WordLevel', vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])), unk_token: '<unk>' },
  };
  const config = {
    add_bos_token: false,
    add_eos_token: false,
    bos_token: '<bos>',
    eos_token: '<|endoftext|>',
    pad_token: '<pad>',
    unk_token: '<unk>',
    clean_up_tokenization_spaces: false,
    model_max_length: 128,
    tokenizer_class: 'PreTrainedTokenizerFast',
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
}

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  ref = JSON.parse(await readFile(join(FIXTURE_DIR, 'reference.json'), 'utf8')) as Reference;
  checkpoint = await readGpt2Checkpoint(FIXTURE_DIR);
  model = Gpt2Model.fromWeights(checkpoint.config, checkpoint.weights);
  out = await mkdtemp(join(tmpdir(), 'nf-hfref-'));
  await writeTokenizer(join(out, 'tok'));
  await exportGpt2Checkpoint(FIXTURE_DIR, join(out, 'm'), {
    dtypes: ['fp32'],
    tokenizerDir: join(out, 'tok'),
  });
  session = await ort.InferenceSession.create(join(out, 'm', 'onnx', 'model.onnx'));
});
afterAll(async () => {
  model?.dispose();
  if (out) await rm(out, { recursive: true, force: true });
});

function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Index of the largest of the last `V` values (lowest id on ties, like torch.argmax). */
function argmaxLastRow(logits: Float32Array): number {
  const base = logits.length - V;
  let best = 0;
  for (let v = 1; v < V; v++) if (logits[base + v]! > logits[base + best]!) best = v;
  return best;
}

type Kv = { key: ort.Tensor; value: ort.Tensor }[];
const int64 = (values: readonly number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);

/** One ORT call on batch 1: `ids` placed after `past` (none by default). */
async function ortRun(ids: readonly number[], past?: Kv): Promise<{ logits: Float32Array; present: Kv }> {
  const pastLen = past?.[0]?.key.dims[2] ?? 0;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: int64(ids),
    attention_mask: int64(Array(pastLen + ids.length).fill(1)),
    position_ids: int64(ids.map((_, i) => pastLen + i)),
  };
  for (let l = 0; l < LAYERS; l++) {
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [1, HEADS, 0, HEAD_DIM]);
    feeds[`past_key_values.${l}.key`] = past?.[l]?.key ?? empty();
    feeds[`past_key_values.${l}.value`] = past?.[l]?.value ?? empty();
  }
  const r = await session.run(feeds);
  return {
    logits: r['logits']!.data as Float32Array,
    present: Array.from({ length: LAYERS }, (_, l) => ({
      key: r[`present.${l}.key`]!,
      value: r[`present.${l}.value`]!,
    })),
  };
}

describe('HF save_pretrained checkpoint (transformers 5, PyTorch float32)', () => {
  it('readGpt2Checkpoint reads config.json as written by HF', () => {
    expect(checkpoint.config).toMatchObject({
      vocab_size: V,
      n_positions: 128,
      n_embd: D,
      n_layer: LAYERS,
      n_head: HEADS,
      n_inner: null,
      layer_norm_epsilon: 1e-5,
      bos_token_id: 1,
      eos_token_id: 2,
      pad_token_id: 0,
    });
  });

  it('strips `transformer.`, keeps the tied head implicit, and returns every tensor unchanged', async () => {
    // Names and shapes of GPT2Model (HF modeling_gpt2.py; Conv1D weights are [in, out]).
    const want = new Map<string, number[]>([
      ['wte.weight', [V, D]],
      ['wpe.weight', [128, D]],
      ['ln_f.weight', [D]],
      ['ln_f.bias', [D]],
    ]);
    for (let l = 0; l < LAYERS; l++) {
      for (const [n, s] of [
        ['ln_1.weight', [D]],
        ['ln_1.bias', [D]],
        ['attn.c_attn.weight', [D, 3 * D]],
        ['attn.c_attn.bias', [3 * D]],
        ['attn.c_proj.weight', [D, D]],
        ['attn.c_proj.bias', [D]],
        ['ln_2.weight', [D]],
        ['ln_2.bias', [D]],
        ['mlp.c_fc.weight', [D, 4 * D]],
        ['mlp.c_fc.bias', [4 * D]],
        ['mlp.c_proj.weight', [4 * D, D]],
        ['mlp.c_proj.bias', [D]],
      ] as const) {
        want.set(`h.${l}.${n}`, [...s]);
      }
    }
    const got = new Map([...checkpoint.weights].map(([n, t]) => [n, [...t.shape]]));
    expect(got).toEqual(want);

    // Parse the safetensors file by hand (8-byte LE header length, JSON header, F32 LE data) and
    // compare every value: the reader must neither reorder nor convert anything.
    const bytes = await readFile(join(FIXTURE_DIR, 'model.safetensors'));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headerLen = Number(view.getBigUint64(0, true));
    const header = JSON.parse(bytes.subarray(8, 8 + headerLen).toString('utf8')) as Record<
      string,
      { dtype: string; shape: number[]; data_offsets: [number, number] }
    >;
    const names = Object.keys(header).filter((k) => k !== '__metadata__');
    expect(names.every((n) => n.startsWith('transformer.'))).toBe(true);
    expect(names).not.toContain('lm_head.weight'); // tied: HF omits it
    expect(names).toHaveLength(want.size);
    for (const name of names) {
      const {
        dtype,
        data_offsets: [start, end],
      } = header[name]!;
      expect(dtype).toBe('F32');
      const data = checkpoint.weights.get(name.slice('transformer.'.length))!.data;
      expect(data.length).toBe((end - start) / 4);
      for (let i = 0; i < data.length; i++) {
        if (data[i] !== view.getFloat32(8 + headerLen + start + 4 * i, true)) {
          expect.fail(`${name}[${i}] differs from the file`);
        }
      }
    }
  });
});

describe('logits and greedy tokens agree with PyTorch', () => {
  it('the reference is the one described (10-token prompt, 10 × 300 logits, 32 new tokens)', () => {
    expect(ref.input_ids).toHaveLength(10);
    expect(ref.logits).toHaveLength(10);
    expect(ref.logits.every((row) => row.length === V)).toBe(true);
    expect(ref.greedy.slice(0, 10)).toEqual(ref.input_ids);
    expect(ref.greedy).toHaveLength(10 + NEW_TOKENS);
  });

  it(`TF.js full pass: logits within ${TOL}`, () => {
    const ids = tf.tensor2d([ref.input_ids], undefined, 'int32');
    const r = model.forward(ids);
    const logits = r.logits.dataSync() as Float32Array;
    expect(r.logits.shape).toEqual([1, 10, V]);
    expect(maxAbsError(logits, ref.logits.flat())).toBeLessThan(TOL);
    ids.dispose();
    r.logits.dispose();
    disposeKv(r.present);
  });

  it('TF.js greedyGenerate (KV cache) reproduces the 32 PyTorch tokens', () => {
    expect(greedyGenerate(model, ref.input_ids, { maxNewTokens: NEW_TOKENS })).toEqual(ref.greedy.slice(10));
  });

  it(`exported ONNX fp32 in onnxruntime-node, full pass: logits within ${TOL}`, async () => {
    const { logits } = await ortRun(ref.input_ids);
    expect(maxAbsError(logits, ref.logits.flat())).toBeLessThan(TOL);
  });

  it('exported ONNX fp32, prefill then one token per step with the KV cache: the 32 PyTorch tokens', async () => {
    let r = await ortRun(ref.input_ids);
    const tokens: number[] = [];
    for (let step = 0; step < NEW_TOKENS; step++) {
      const next = argmaxLastRow(r.logits);
      tokens.push(next);
      if (step < NEW_TOKENS - 1) r = await ortRun([next], r.present);
    }
    expect(r.present[0]!.key.dims).toEqual([1, HEADS, 10 + NEW_TOKENS - 1, HEAD_DIM]);
    expect(tokens).toEqual(ref.greedy.slice(10));
  });

  it('transformers.js loads the exported folder offline and generates the 32 PyTorch tokens', async () => {
    const { env, pipeline, Tensor } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = `${out}/`;
    const gen = await pipeline('text-generation', 'm', { dtype: 'fp32' });
    // The tokenizer copied by the exporter is the one written above: word t<i> is id i.
    const prompt = ref.input_ids.map((id) => VOCAB[id]).join(' ');
    expect((gen.tokenizer.encode(prompt) as number[]).map(Number)).toEqual(ref.input_ids);
    // Generate from ids so the comparison does not depend on the tokenizer at all.
    const ids = await gen.model.generate({
      input_ids: new Tensor('int64', BigInt64Array.from(ref.input_ids, BigInt), [1, ref.input_ids.length]),
      max_new_tokens: NEW_TOKENS,
      do_sample: false,
    });
    expect(Array.from((ids as { data: BigInt64Array }).data, Number)).toEqual(ref.greedy);
  });
});
