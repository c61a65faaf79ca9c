/**
 * A stand-in for a model with random weights: it walks the plan grammar choosing uniformly among
 * the allowed tokens (structure tokens with a fixed extra probability, so plans end). Its output
 * obeys the grammar and nothing else — foods, portions, sets are random — which is the worst
 * case the repair step must turn into a valid plan.
 */
import { createRng } from '@nexfitra/core';
import type { TextPlanModel } from '../src/registry/types';

export function grammarWalkModel(structureBias = 0.35): TextPlanModel {
  return {
    kind: 'text',
    info: {
      id: 'test:grammar-walk',
      kind: 'text',
      name: 'grammar random walk',
      version: '0.0.0',
      description: 'uniform choices under the plan grammar (a random-weights stand-in)',
    },
    async generate({ grammar, seed, maxNewTokens, signal, onToken }) {
      const rng = createRng(seed);
      const out: string[] = [];
      let st = grammar.start;
      while (!grammar.isComplete(st)) {
        if (signal?.aborted)
          return {
            text: out.join(' '),
            stopReason: 'aborted',
            tokensEmitted: out.length,
            tokensRun: out.length,
          };
        if (out.length >= maxNewTokens)
          return {
            text: out.join(' '),
            stopReason: 'max-tokens',
            tokensEmitted: out.length,
            tokensRun: out.length,
          };
        const allowed = [...grammar.allowedNext(st)];
        const structure = allowed.filter((t) => t.startsWith('<'));
        const pool = structure.length > 0 && rng.next() < structureBias ? structure : allowed;
        const token = pool[Math.floor(rng.next() * pool.length)]!;
        st = grammar.advance(st, token);
        out.push(token);
        onToken?.(token);
      }
      return {
        text: out.join(' '),
        stopReason: 'complete',
        tokensEmitted: out.length,
        tokensRun: out.length,
      };
    },
  };
}
