/**
 * Test helper: a model folder (transformers.js layout) written into a temp dir, with the CURRENT
 * plan-language vocabulary as a word-level tokenizer and a random-weight decoder ONNX in the
 * standard KV-cache layout. Independent of the committed fixtures, so the tests follow the
 * language as it changes. The graph: embeddings of the token and position, logits = x·W + b,
 * `present = concat(past, x)` per layer. With `adversarial`, `b` gives every food and exercise
 * token (forbidden ones included) a large head start, and the words that close a meal, day,
 * session or week a larger one: unconstrained decoding writes foods, exercises and markers in no
 * order the language allows, whatever the request forbids.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng } from '@nexfitra/core';
import { languageVocabulary, SPECIAL_TOKENS } from '@nexfitra/core/language';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface RandomModelOptions {
  readonly seed?: number;
  readonly adversarial?: boolean;
  /** Words given a head start of 8 over the rest (after `adversarial`), e.g. the saltiest foods. */
  readonly favour?: readonly string[];
  readonly layers?: number;
  readonly heads?: number;
  readonly headDim?: number;
  readonly maxPositions?: number;
  /** Leave out the `position_ids` input (a graph without it, like some llama exports). */
  readonly withoutPositionIds?: boolean;
  /** Name of an input to leave out (to test the error naming it). */
  readonly dropInput?: string;
}

const f32 = (name: string, dims: number[], data: Float32Array) => {
  const raw = new Uint8Array(data.buffer.slice(0));
  return onnx.TensorProto.create({ name, dataType: 1, dims, rawData: raw });
};
const i64 = (name: string, values: number[]) =>
  onnx.TensorProto.create({
    name,
    dataType: 7,
    dims: [values.length],
    rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
  });
const vi = (name: string, elemType: number, dims: (number | string)[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
const node = (opType: string, input: string[], output: string[], attribute: object[] = []) =>
  onnx.NodeProto.create({ opType, input, output, attribute });

/** The ONNX bytes of the random decoder. */
export function randomDecoderOnnx(vocab: readonly string[], o: RandomModelOptions = {}): Uint8Array {
  const L = o.layers ?? 2;
  const H = o.heads ?? 2;
  const D = o.headDim ?? 8;
  const E = H * D;
  const V = vocab.length;
  const P = o.maxPositions ?? 2048;
  const rng = createRng(o.seed ?? 1);
  const normal = (n: number, scale: number) =>
    Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
  const bias = normal(V, 1);
  if (o.adversarial) {
    // Foods and exercises (forbidden ones included) beat every other word; structure words that
    // close a meal, day, session or week beat them in turn, so constrained plans stay short.
    vocab.forEach((w, i) => {
      if (w.startsWith('food:') || w.startsWith('ex:')) bias[i]! += 6;
      if (/^<(day|meal:[a-z-]+|session|week|meals)>$/.test(w)) bias[i]! += 10;
    });
  }
  if (o.favour) {
    const favoured = new Set(o.favour);
    vocab.forEach((w, i) => {
      if (favoured.has(w)) bias[i]! += 8;
    });
  }
  const inits = [
    f32('wte', [V, E], normal(V * E, 1)),
    f32('wpe', [P, E], normal(P * E, 0.3)),
    f32('w_out', [E, V], normal(E * V, 1)),
    f32('b_out', [V], bias),
    i64('kv_shape', [0, -1, H, D]),
    f32('zero', [], new Float32Array(1)),
  ];
  const nodes = [node('Gather', ['wte', 'input_ids'], ['tok'])];
  const inputs = [
    vi('input_ids', 7, ['batch_size', 'sequence_length']),
    vi('attention_mask', 7, ['batch_size', 'total_sequence_length']),
  ];
  if (!o.withoutPositionIds) {
    inputs.push(vi('position_ids', 7, ['batch_size', 'sequence_length']));
    nodes.push(node('Gather', ['wpe', 'position_ids'], ['pos']), node('Add', ['tok', 'pos'], ['x0']));
  } else nodes.push(node('Identity', ['tok'], ['x0']));
  // The mask joins the graph (times zero), so runtimes keep and require the input.
  nodes.push(
    node('Cast', ['attention_mask'], ['mask_f'], [{ name: 'to', type: 2, i: 1 }]),
    node('ReduceSum', ['mask_f'], ['mask_sum'], [{ name: 'keepdims', type: 2, i: 0 }]),
    node('Mul', ['mask_sum', 'zero'], ['mask_zero']),
    node('Add', ['x0', 'mask_zero'], ['x']),
    node('Reshape', ['x', 'kv_shape'], ['x4']),
    node('Transpose', ['x4'], ['kv'], [{ name: 'perm', type: 7, ints: [0, 2, 1, 3] }]),
    node('MatMul', ['x', 'w_out'], ['xw']),
    node('Add', ['xw', 'b_out'], ['logits']),
  );
  const outputs = [vi('logits', 1, ['batch_size', 'sequence_length', V])];
  for (let l = 0; l < L; l++) {
    for (const kind of ['key', 'value']) {
      inputs.push(vi(`past_key_values.${l}.${kind}`, 1, ['batch_size', H, 'past_sequence_length', D]));
      nodes.push(
        node(
          'Concat',
          [`past_key_values.${l}.${kind}`, 'kv'],
          [`present.${l}.${kind}`],
          [{ name: 'axis', type: 2, i: 2 }],
        ),
      );
      outputs.push(vi(`present.${l}.${kind}`, 1, ['batch_size', H, 'total_sequence_length', D]));
    }
  }
  // A dropped cache input becomes an empty constant, so the graph stays valid without it.
  if (o.dropInput?.startsWith('past_key_values.'))
    inits.push(f32(o.dropInput, [1, H, 0, D], new Float32Array(0)));
  const graph = onnx.GraphProto.create({
    name: 'random-decoder',
    node: nodes,
    initializer: inits,
    input: inputs.filter((i) => i.name !== o.dropInput),
    output: outputs,
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'nexfitra-test',
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A word-level `tokenizer.json` over `vocab` (specials first), `<bos>` prepended, space-joining decoder. */
export function wordTokenizerJson(vocab: readonly string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<bos>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<bos>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { '<bos>': { id: '<bos>', ids: [1], tokens: ['<bos>'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: false },
    model: { type: 'WordLevel', vocab: Object.fromEntries(vocab.map((w, i) => [w, i])), unk_token: '<unk>' },
  };
}

/** Writes the folder; returns its path. */
export async function writeRandomPlanModel(dir: string, o: RandomModelOptions = {}): Promise<string> {
  const vocab = languageVocabulary();
  const H = o.heads ?? 2;
  const D = o.headDim ?? 8;
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const config = {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    n_layer: o.layers ?? 2,
    n_head: H,
    n_embd: H * D,
    n_positions: o.maxPositions ?? 2048,
    vocab_size: vocab.length,
    bos_token_id: 1,
    eos_token_id: 2,
    pad_token_id: 0,
  };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(wordTokenizerJson(vocab)));
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      add_bos_token: true,
      bos_token: '<bos>',
      eos_token: '<eos>',
      pad_token: '<pad>',
      unk_token: '<unk>',
      tokenizer_class: 'PreTrainedTokenizerFast',
    }),
  );
  await writeFile(join(dir, 'onnx', 'model.onnx'), randomDecoderOnnx(vocab, o));
  return dir;
}
