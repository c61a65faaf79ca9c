/**
 * The folder/registry adapter over @nexfitra/inference: the mapping of generatePlan's result
 * (hand-made results in its documented shape), and a typed "not available" error while the
 * inference layer does not export generatePlan yet (feature-detected: once it does, the fixture
 * model folder must load and answer).
 */
import { describe, expect, it } from 'vitest';
import { inferenceModel, ModelUnavailableError, resolveModel } from '../src/index';
import { outcomeFromGenerate } from '../src/model/inference';
import { request } from './_plans';

describe('outcomeFromGenerate', () => {
  it('ok: plan, tokens and repair change are carried over', () => {
    const plan = { mealPlan: { days: [{ meals: [{ items: [{ grams: 150 }, { grams: 50 }] }] }] } };
    const o = outcomeFromGenerate(
      { ok: true, plan, report: { repair: { gramsMoved: 40, swaps: [{}] }, tokens: { emitted: 900 } } },
      3000,
      120,
    );
    // totalGrams = 150 + 50 = 200 (the repaired plan), so the change is 40 / 200 = 20 %.
    expect(o).toMatchObject({
      ok: true,
      tokens: 900,
      timings: { totalMs: 3000, firstOutputMs: 120 },
      repair: { gramsMoved: 40, totalGrams: 200, swaps: 1 },
    });
  });

  it('refusal and failure keep their codes; only hard violations count', () => {
    expect(
      outcomeFromGenerate(
        { ok: false, refused: true, refusal: { reasons: [{ code: 'MINOR' }] } },
        5,
        undefined,
      ),
    ).toMatchObject({ ok: false, refusal: { codes: ['MINOR'] } });
    const f = outcomeFromGenerate(
      {
        ok: false,
        refused: false,
        failure: {
          code: 'HARD_VIOLATION',
          message: 'x',
          violations: [
            { code: 'ALLERGEN_PRESENT', severity: 'hard' },
            { code: 'KCAL_OFF_TARGET', severity: 'soft' },
          ],
        },
      },
      5,
      undefined,
    );
    expect(f.failure).toEqual({ code: 'HARD_VIOLATION', message: 'x', hardCodes: ['ALLERGEN_PRESENT'] });
  });
});

describe('inferenceModel', () => {
  it('a folder that does not exist is a typed ModelUnavailableError', async () => {
    await expect(resolveModel('./no/such/folder')).rejects.toBeInstanceOf(ModelUnavailableError);
  });

  it('the fixture model folder: runs when inference exports generatePlan, else says it is not available', async () => {
    const inf = (await import('@nexfitra/inference/plan')) as Record<string, unknown>;
    if (typeof inf['generatePlan'] !== 'function') {
      await expect(inferenceModel('datasets/fixtures/tiny-plan-gpt2')).rejects.toThrow(
        /not available: @nexfitra\/inference\/plan does not export generatePlan/,
      );
      return;
    }
    const m = await inferenceModel('datasets/fixtures/tiny-plan-gpt2');
    expect(m.kind).toBe('text');
    expect(m.sizeBytes).toBeGreaterThan(0);
    const o = await m.plan({ ...request, days: 1 }, {});
    // A random-weight fixture model may fail to make a valid plan; it must still answer in the typed shape.
    expect(o.ok || o.failure !== undefined || o.refusal !== undefined).toBe(true);
    await m.dispose();
  }, 120_000);
});
