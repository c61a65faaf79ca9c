/**
 * Constrained decoding against an adversarial random-weight model (see `_randomModel.ts`): its
 * unconstrained output favours foods and exercises whatever the request forbids and writes no
 * plan structure. Constrained by core's `createGrammar(request)`, every output must parse with
 * core `parsePlan` and pass core `validatePlan` with no hard violation of a rule the grammar
 * encodes — the expectation comes from core's validators, not from the generator. Then the same
 * with a model's own sub-word tokenizer (byte-level BPE, trie over decoded token strings).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  byIdLookup,
  type PlanRequestT,
  SCHEMA_VERSION,
  type TargetsSummaryT,
  validatePlan,
} from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { createGrammar, formatRequest, languageVocabulary, parsePlan } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, grammarConstraint, type LoadedModel } from '../src/index';
import { loadModel } from '../src/node';
import { trainByteBpe } from './_bpe';
import { randomDecoderOnnx, writeRandomPlanModel } from './_randomModel';

const CONTEXT = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
/**
 * Hard rules the grammar itself guarantees. The other hard codes — a day under the calorie
 * floor (portion sizes) and fewer training days than asked (the grammar allows up to
 * `trainingDaysPerWeek`) — are the repair stage's job in `generatePlan`; counted, not asserted.
 */
const GRAMMAR_RULES = new Set([
  'SCHEMA',
  'UNKNOWN_FOOD',
  'ALLERGEN_PRESENT',
  'DIET_MISMATCH',
  'DISLIKED_FOOD',
  'DAY_COUNT_MISMATCH',
  'MEALS_PER_DAY_MISMATCH',
  'UNKNOWN_EXERCISE',
  'EXCLUDED_EXERCISE',
  'EQUIPMENT_MISSING',
  'CONTRAINDICATED_EXERCISE',
]);

interface Case {
  readonly request: PlanRequestT;
  readonly targets: TargetsSummaryT;
  readonly prompt: string;
}
function cases(n: number, seed: number, days: number): Case[] {
  const out: Case[] = [];
  for (const request of generateRequests(n, seed, { days })) {
    const t = planTargets(request);
    if (t.ok) out.push({ request, targets: t.targets, prompt: formatRequest(request, t.targets) });
  }
  return out;
}

/** Hard violations of the plan text for the case, split into grammar rules and the rest. */
function check(c: Case, text: string) {
  const body = parsePlan(text);
  const plan = { schemaVersion: SCHEMA_VERSION, request: c.request, targets: c.targets, ...body };
  const hard = validatePlan(plan, CONTEXT).violations.filter((v) => v.severity === 'hard');
  return {
    grammar: hard.filter((v) => GRAMMAR_RULES.has(v.code)),
    other: hard.filter((v) => !GRAMMAR_RULES.has(v.code)),
  };
}

let tmp: string;
let word: LoadedModel;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'nf-constrain-'));
  word = await loadModel(
    await writeRandomPlanModel(join(tmp, 'word'), { seed: 11, adversarial: true, maxPositions: 4096 }),
  );
});
afterAll(async () => {
  await word?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

describe('domain tokenizer (word = token)', () => {
  it('unconstrained, the adversarial model writes text that is no plan', async () => {
    for (const c of cases(5, 1, 1)) {
      const r = await generate(word, { prompt: c.prompt, maxNewTokens: 200 });
      expect(() => parsePlan(r.text)).toThrow();
    }
  });

  it('constrained, 200 requests: every plan parses and breaks no rule the grammar encodes', {
    timeout: 120_000,
  }, async () => {
    const all = cases(200, 20261129, 1);
    expect(all.length).toBeGreaterThanOrEqual(190);
    let other = 0;
    let steps = 0;
    let tokens = 0;
    let jumps = 0;
    for (const c of all) {
      const r = await generate(word, {
        prompt: c.prompt,
        constraint: grammarConstraint(createGrammar(c.request, { weeks: 1 }), word.tokenizer),
        maxNewTokens: 3000,
      });
      expect(r.stopReason).toBe('grammar-complete');
      const v = check(c, r.text);
      expect(v.grammar).toEqual([]);
      other += v.other.length;
      steps += r.stats.modelSteps;
      tokens += r.stats.generatedTokens;
      jumps += r.stats.jumpForwardTokens;
    }
    // Jump-forward: forced tokens (e.g. `<workout>` after `<plan>`) cost no model step.
    expect(jumps).toBeGreaterThan(0);
    expect(steps).toBeLessThanOrEqual(tokens - jumps + all.length);
    console.info(
      `constrained: ${all.length} plans, ${tokens} tokens, ${steps} model steps, ${jumps} jump-forward; other hard findings (repair's job): ${other}`,
    );
  });

  it('the allergen rule holds against a model that prefers the allergen', async () => {
    const [c] = cases(1, 3, 1);
    const request = {
      ...c!.request,
      preferences: { ...c!.request.preferences, allergens: ['peanuts', 'milk'], diet: 'omnivore' },
    } as PlanRequestT;
    const r = await generate(word, {
      prompt: c!.prompt,
      constraint: grammarConstraint(createGrammar(request, { weeks: 1 }), word.tokenizer),
      maxNewTokens: 3000,
    });
    expect(check({ ...c!, request }, r.text).grammar).toEqual([]);
  });
});

describe('bring your own tokenizer (byte-level BPE, trie over decoded tokens)', () => {
  let bpe: LoadedModel;
  beforeAll(async () => {
    // A 700-token BPE trained on the language's words, and a random decoder over it.
    const dir = join(tmp, 'bpe');
    await mkdir(join(dir, 'onnx'), { recursive: true });
    const tj = trainByteBpe(
      languageVocabulary()
        .slice(4)
        .map((w) => ` ${w}`)
        .join(''),
      700,
    ) as { model: { vocab: Record<string, number> } };
    const vocab = Object.entries(tj.model.vocab)
      .sort((a, b) => a[1] - b[1])
      .map(([w]) => w);
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tj));
    await writeFile(
      join(dir, 'tokenizer_config.json'),
      JSON.stringify({ eos_token: '<|endoftext|>', bos_token: '<|endoftext|>', add_bos_token: false }),
    );
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({
        model_type: 'gpt2',
        n_layer: 2,
        n_head: 2,
        n_embd: 16,
        n_positions: 8192,
        vocab_size: vocab.length,
        bos_token_id: 0,
        eos_token_id: 0,
      }),
    );
    await writeFile(join(dir, 'onnx/model.onnx'), randomDecoderOnnx(vocab, { seed: 4, maxPositions: 8192 }));
    bpe = await loadModel(dir);
  }, 30_000);
  afterAll(() => bpe?.dispose());

  it('spells words with several sub-word tokens and still writes plans that parse and keep the rules', {
    timeout: 120_000,
  }, async () => {
    expect(bpe.tokenizer.kind).toBe('subword');
    expect(bpe.tokenizer.encode(' food:16042').length).toBeGreaterThan(1);
    let multi = 0;
    for (const c of cases(8, 77, 1)) {
      const constraint = grammarConstraint(createGrammar(c.request, { weeks: 1 }), bpe.tokenizer);
      const r = await generate(bpe, { prompt: c.prompt, constraint, maxNewTokens: 6000 });
      expect(r.stopReason).toBe('grammar-complete');
      expect(check(c, r.text).grammar).toEqual([]);
      // decoded tokens re-encode to more tokens than words: the trie spelled words piecewise
      if (r.tokenIds.length > r.text.trim().split(/\s+/).length) multi++;
    }
    expect(multi).toBeGreaterThan(0);
  });

  it('constrains a real GPT-2 graph (the tiny-gpt2 fixture, 300 ids) under a 300-token BPE: a valid plan prefix', async () => {
    const dir = join(tmp, 'gpt2-bpe');
    await mkdir(join(dir, 'onnx'), { recursive: true });
    const fixture = join(__dirname, '../../../datasets/fixtures/tiny-gpt2');
    const { cp } = await import('node:fs/promises');
    await cp(join(fixture, 'config.json'), join(dir, 'config.json'));
    await cp(join(fixture, 'onnx/model.onnx'), join(dir, 'onnx/model.onnx'));
    await writeFile(
      join(dir, 'tokenizer.json'),
      JSON.stringify(
        trainByteBpe(
          languageVocabulary()
            .slice(4)
            .map((w) => ` ${w}`)
            .join(''),
          300,
        ),
      ),
    );
    await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify({ eos_token: '<|endoftext|>' }));
    const m = await loadModel(dir);
    const [c] = cases(1, 9, 1);
    const grammar = createGrammar(c!.request, { weeks: 1 });
    const r = await generate(m, {
      prompt: ' </request>',
      constraint: grammarConstraint(grammar, m.tokenizer),
      maxNewTokens: 1000,
    });
    await m.dispose();
    expect(r.stopReason).toBe('max-positions'); // 128 positions: a prefix of a plan
    // Independent check: replay the decoded words through the grammar; the last may be unfinished.
    const words = r.text.trim().split(' ');
    let st = grammar.start;
    for (const w of words.slice(0, -1)) st = grammar.advance(st, w);
    expect([...grammar.allowedNext(st)].some((w) => w.startsWith(words.at(-1)!))).toBe(true);
    expect(words[0]).toBe('<plan>');
  });
});

describe('a model trained on an older language (the committed fixture lags the current vocabulary)', () => {
  it('skip leaves unknown words out and still completes a grammar-valid plan; error names the word', async () => {
    const fixture = await loadModel(join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2'));
    try {
      const [c] = cases(1, 5, 1);
      const grammar = createGrammar(c!.request, { weeks: 1 });
      const lacks = languageVocabulary().filter((w) => fixture.tokenizer.idOf(w) === undefined);
      const r = await generate(fixture, {
        prompt: c!.prompt,
        constraint: grammarConstraint(grammar, fixture.tokenizer),
        maxNewTokens: 1000,
      });
      if (r.stopReason === 'grammar-complete') {
        let st = grammar.start;
        for (const w of r.text.split(' ')) st = grammar.advance(st, w);
        expect(grammar.isComplete(st)).toBe(true);
      } else expect(r.stopReason).toBe('max-positions');
      expect(r.text.split(' ').some((w) => lacks.includes(w))).toBe(false);
      if (lacks.length > 0) {
        const strict = grammarConstraint(grammar, fixture.tokenizer, { unknownWords: 'error' });
        // walk the plan we got until the grammar offers a word the vocabulary lacks
        const e = await generate(fixture, {
          prompt: c!.prompt,
          constraint: strict,
          maxNewTokens: 1000,
        }).catch((x: unknown) => x);
        if (e instanceof Error) expect((e as { code?: string }).code).toBe('BAD_DATA');
      }
    } finally {
      await fixture.dispose();
    }
  });
});
