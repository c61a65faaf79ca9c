/** The --fail-if grammar on a hand-built report whose aggregates are computed by hand in the comments. */
import { describe, expect, it } from 'vitest';
import { failingModels, parseGate } from '../src/index';
import { handReport } from './_report';

const report = handReport();

describe('failIf', () => {
  it('hardViolations>0 fails only the model with a violation', () => {
    expect(failingModels('hardViolations>0', report)).toEqual(['builtin:rules-best']);
    expect(failingModels('sum(hard.ALLERGEN_PRESENT) >= 1', report)).toEqual(['builtin:rules-best']);
  });

  it('aggregates: latency rules 100…800 ms, best 1000…8000 ms', () => {
    // p95 of 100…800 (type 7): 700 + 0.65·100 = 765; of 1000…8000: 7650.
    expect(failingModels('p95(latencyMs) > 765', report)).toEqual(['builtin:rules-best']);
    expect(failingModels('p95(latencyMs) >= 765', report)).toEqual(['builtin:rules', 'builtin:rules-best']);
    expect(failingModels('max(latencyMs) == 800', report)).toEqual(['builtin:rules']);
    expect(failingModels('count(preferredExerciseShare) > 0', report)).toEqual([]);
    // mean quality: rules 83.5, best 93.5
    expect(failingModels('qualityScore < 90 && !(hardViolations > 0)', report)).toEqual(['builtin:rules']);
    expect(failingModels('qualityScore < 90 || hardViolations > 0', report)).toEqual([
      'builtin:rules',
      'builtin:rules-best',
    ]);
  });

  it('worse()/better() read the paired verdicts against the first model', () => {
    expect(failingModels('worse(latencyMs)', report)).toEqual(['builtin:rules-best']);
    expect(failingModels('better(qualityScore)', report)).toEqual(['builtin:rules-best']);
  });

  it('syntax errors and unknown metrics are typed errors naming the place', () => {
    expect(() => parseGate('hardViolations >')).toThrow(/character 17/);
    expect(() => parseGate('a > 1 b')).toThrow(/the end of the expression/);
    expect(() => parseGate('a $ 1')).toThrow(/not "\$", at character 3/);
    expect(() => failingModels('nosuchMetric > 0', report)).toThrow(/nosuchMetric/);
  });
});
