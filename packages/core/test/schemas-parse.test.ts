import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import { Goal } from '../src/schemas/goal';
import { NexFitraSchemaError, parseOrThrow } from '../src/schemas/parse';
import { PlanRequest } from '../src/schemas/plan';
import { Profile } from '../src/schemas/profile';
import { PrescribedSet } from '../src/schemas/workout';
import { type Doc, planRequest, profile, withEdit } from './schemas.fixtures';

function thrown(fn: () => unknown): NexFitraSchemaError {
  try {
    fn();
  } catch (e) {
    if (e instanceof NexFitraSchemaError) return e;
    throw e;
  }
  throw new Error('expected a throw');
}

describe('parseOrThrow', () => {
  it('returns the parsed value when valid', () => {
    expect(parseOrThrow(PlanRequest, planRequest, 'makePlan')).toEqual(planRequest);
  });

  it('the @example: a 5 kg/week loss rate', () => {
    const e = thrown(() =>
      parseOrThrow(Goal, { type: 'lose', rate: { value: 5, unit: 'kg/week' } }, 'makePlan'),
    );
    expect(e).toBeInstanceOf(NexFitraError);
    expect(e.code).toBe('SCHEMA');
    expect(e.fn).toBe('makePlan');
    expect(e.path).toEqual(['rate', 'value']);
    expect(e.value).toBe(5);
    expect(e.allowed).toBe('a number ≤ 2');
    expect(e.message).toBe('makePlan: rate.value = 5 is not allowed; expected a number ≤ 2');
  });

  it('names the nested path, the value found and the enum options', () => {
    const bad = withEdit(planRequest, (d: Doc) => {
      d.preferences.diet = 'carnivore';
    });
    const e = thrown(() => parseOrThrow(PlanRequest, bad, 'generatePlan'));
    expect(e.path).toEqual(['preferences', 'diet']);
    expect(e.value).toBe('carnivore');
    expect(e.allowed).toBe('one of "omnivore", "pescatarian", "vegetarian", "vegan", "keto"');
  });

  it('a missing field: value undefined, expected type named', () => {
    const bad = withEdit(profile, (d: Doc) => {
      delete d.activityLevel;
    });
    const e = thrown(() => parseOrThrow(Profile, bad, 'tdee'));
    expect(e.path).toEqual(['activityLevel']);
    expect(e.value).toBeUndefined();
    expect(e.message).toContain('activityLevel = undefined (missing)');
  });

  it('a bad discriminator lists the allowed units', () => {
    const bad = withEdit(profile, (d: Doc) => {
      d.weight.unit = 'st';
    });
    const e = thrown(() => parseOrThrow(Profile, bad, 'tdee'));
    expect(e.path).toEqual(['weight', 'unit']);
    expect(e.value).toBe('st');
    expect(e.allowed).toBe('one of "kg", "lb"');
  });

  it('an unknown key (a typo) names the key and its value', () => {
    const bad = withEdit(planRequest, (d) => {
      d.preferences.alergens = ['milk'];
    });
    const e = thrown(() => parseOrThrow(PlanRequest, bad, 'generatePlan'));
    expect(e.path).toEqual(['preferences', 'alergens']);
    expect(e.value).toEqual(['milk']);
  });

  it('keeps every issue on .issues and lists the rest in the message', () => {
    const bad = withEdit(profile, (d) => {
      d.age = -1;
      d.sex = 'x';
      d.height.value = 1000;
    });
    const e = thrown(() => parseOrThrow(Profile, bad, 'tdee'));
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['age', 'sex', 'height.value']);
    expect(e.path).toEqual(['age']);
    expect(e.allowed).toBe('a number ≥ 0');
    expect(e.message).toMatch(/2 more issues: sex: .*; height\.value: /);
  });

  it('a non-object input is reported at (input)', () => {
    const e = thrown(() => parseOrThrow(Profile, 'nope', 'tdee'));
    expect(e.path).toEqual([]);
    expect(e.message).toBe('tdee: (input) = "nope" is not allowed; expected a value of type object');
  });

  it('a plain union names what each branch allows', () => {
    const set = { reps: 0, restSeconds: 60 };
    const e = thrown(() => parseOrThrow(PrescribedSet, set, 'programme'));
    expect(e.path).toEqual(['reps']);
    expect(e.value).toBe(0);
    // zod reports only the branch whose type matched (a number), so the number's bound.
    expect(e.allowed).toBe('a number ≥ 1');
    const e2 = thrown(() => parseOrThrow(PrescribedSet, { reps: 'ten', restSeconds: 60 }, 'programme'));
    expect(e2.allowed).toBe('a value of type number or a value of type object');
  });

  it('a refinement message is the allowed text', () => {
    const bad = withEdit(profile, (d: Doc) => {
      d.sex = 'male';
      d.pregnant = true;
    });
    const e = thrown(() => parseOrThrow(Profile, bad, 'tdee'));
    expect(e.path).toEqual(['pregnant']);
    expect(e.value).toBe(true);
    expect(e.allowed).toBe('pregnant requires sex "female"');
  });
});
