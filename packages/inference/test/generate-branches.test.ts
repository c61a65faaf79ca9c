/**
 * Batched branches against the tested single-sequence loop: on the real GPT-2 fixture, branch i
 * of one batch (prompt, then a forced first word w_i, then free greedy tokens) must equal
 * `generate` on `prompt + w_i` — batch rows are independent in a transformer, so any difference
 * would be the copied cache or the batched feeds. Then a whole plan whose days are decoded as
 * one batch, checked by core's grammar and `parsePlan`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGrammar, formatRequest, parsePlan } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generate,
  generateBranches,
  grammarConstraint,
  type LoadedModel,
  type TokenConstraint,
} from '../src/index';
import { loadModel } from '../src/node';
import { writeRandomPlanModel } from './_randomModel';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
let fixture: LoadedModel;
let random: LoadedModel;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'nf-branches-'));
  fixture = await loadModel(FIXTURE);
  random = await loadModel(
    await writeRandomPlanModel(join(tmp, 'r'), { seed: 11, adversarial: true, maxPositions: 4096 }),
  );
});
afterAll(async () => {
  await fixture?.dispose();
  await random?.dispose();
  await rm(tmp, { recursive: true, force: true });
});

/** Any id but end-of-sequence. */
function free(m: LoadedModel): TokenConstraint<number> {
  const ids = Array.from({ length: m.config.vocabSize }, (_, i) => i).filter(
    (i) => !m.tokenizer.eosIds.includes(i),
  );
  return { start: 0, allowed: () => ids, advance: (s) => s + 1, isComplete: () => false };
}

/** First token forced to `first`, then any id but end-of-sequence. */
function forcedThenFree(m: LoadedModel, first: number): TokenConstraint<number> {
  const free = Array.from({ length: m.config.vocabSize }, (_, i) => i).filter(
    (i) => !m.tokenizer.eosIds.includes(i),
  );
  return {
    start: 0,
    allowed: (s) => (s === 0 ? [first] : free),
    advance: (s) => s + 1,
    isComplete: () => false,
  };
}

describe('generateBranches', () => {
  it('each row of a batch equals generate() on its own prompt (real GPT-2 fixture)', async () => {
    const prompt = '<plan> <workout>';
    const words = ['<week>', '<meals>', '<day>', '<session>', '<week:deload>'];
    const ids = words.map((w) => fixture.tokenizer.idOf(w)!);
    const r = await generateBranches(fixture, {
      prompt,
      branches: ids.map((id) => forcedThenFree(fixture, id)),
      maxNewTokens: 20,
    });
    expect(r.stats.modelSteps).toBe(20); // prefill + 19 batched steps (the first tokens were forced)
    for (const [i, w] of words.entries()) {
      const single = await generate(fixture, {
        prompt: `${prompt} ${w}`,
        maxNewTokens: 19,
        constraint: free(fixture),
      });
      expect(r.branches[i]!.tokenIds).toEqual([ids[i], ...single.tokenIds]);
    }
  });

  it('rows that end early leave the batch: every row still equals generate() on its own prompt', async () => {
    // Branch i stops after 2 + 3·i tokens, so the batch drops finished rows as it goes (7 rows,
    // then fewer): the expected tokens are the single-sequence loop's, which never batches.
    const prompt = '<plan> <workout>';
    const words = ['<week>', '<meals>', '<day>', '<session>', '<week:deload>', '</plan>', '<plan>'];
    const ids = words.map((w) => fixture.tokenizer.idOf(w)!);
    const lengths = words.map((_, i) => 2 + 3 * i);
    const ends = (c: TokenConstraint<number>, n: number): TokenConstraint<number> => ({
      ...c,
      allowed: (s) => (s >= n ? [] : c.allowed(s)),
    });
    const r = await generateBranches(fixture, {
      prompt,
      branches: ids.map((id, i) => ends(forcedThenFree(fixture, id), lengths[i]!)),
      maxNewTokens: 100,
    });
    for (const [i, w] of words.entries()) {
      const single = await generate(fixture, {
        prompt: `${prompt} ${w}`,
        maxNewTokens: lengths[i]! - 1,
        constraint: free(fixture),
      });
      expect(r.branches[i]!.stopReason).toBe('grammar-complete');
      expect(r.branches[i]!.tokenIds).toEqual([ids[i], ...single.tokenIds]);
    }
    // Lockstep: the model runs as often as the longest row needs (prefill + its free tokens).
    expect(r.stats.modelSteps).toBe(Math.max(...lengths));
  });

  it('decodes the days of a meal plan as one batch: the joined plan parses and keeps the grammar', async () => {
    const [request] = generateRequests(1, 31, { days: 5 });
    const t = planTargets(request!);
    if (!t.ok) throw new Error('refused');
    const grammar = createGrammar(request!, { weeks: 1 });
    const prompt = formatRequest(request!, t.targets);
    // The workout part, sequentially: a plan up to and including `<meals> <day>`.
    const full = await generate(random, {
      prompt,
      constraint: grammarConstraint(grammar, random.tokenizer),
      maxNewTokens: 3000,
    });
    const words = full.text.split(' ');
    const head = words.slice(0, words.indexOf('<meals>') + 2);
    let st = grammar.start;
    for (const w of head) st = grammar.advance(st, w);
    const day = random.tokenizer.idOf('<day>')!;
    const end = random.tokenizer.idOf('</plan>')!;
    const r = await generateBranches(random, {
      prompt: `${prompt} ${head.join(' ')}`,
      branches: Array.from({ length: 5 }, () => grammarConstraint(grammar, random.tokenizer, { from: st })),
      stopIds: [day, end],
      maxNewTokens: 1000,
    });
    // Each branch wrote one day's meals and ended when it chose the next `<day>`.
    for (const b of r.branches) expect(b.stopReason).toBe('stop-id');
    const text = [...head, r.branches.map((b) => b.text).join(' <day> '), '</plan>'].join(' ');
    let s = grammar.start;
    for (const w of text.split(' ')) s = grammar.advance(s, w); // throws on any word the grammar forbids
    expect(grammar.isComplete(s)).toBe(true);
    expect(parsePlan(text).mealPlan.days).toHaveLength(5);
    const longest = Math.max(...r.branches.map((b) => b.tokenIds.length));
    expect(r.stats.modelSteps).toBeLessThanOrEqual(longest + 1);
  });
});
