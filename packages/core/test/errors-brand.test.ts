/**
 * isNexFitraError and `instanceof NexFitraError` recognise errors from another copy of core (the
 * dual-package hazard, issue 13). A second copy is simulated in-process by loading errors.ts
 * again under a different module URL; the packed-package check (scripts/check-packages) repeats
 * this across the real ESM and CJS builds and two installed copies.
 */
import { describe, expect, it } from 'vitest';
import { isNexFitraError, NexFitraError } from '../src/errors';
import { NexFitraSchemaError } from '../src/schemas/parse';

describe('NexFitraError brand', () => {
  it('recognises an error made by another copy of the class', async () => {
    // A query suffix makes vite load the module a second time: a second class, as in a second copy.
    // @ts-expect-error the query suffix is a vite module id, not a file TypeScript can see
    const other = (await import('../src/errors?copy=2')) as typeof import('../src/errors');
    expect(other.NexFitraError).not.toBe(NexFitraError);
    const foreign = new other.NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: 'bmi',
      path: ['weightKg'],
      value: -1,
      allowed: 'x',
    });
    expect(Object.getPrototypeOf(foreign)).not.toBe(NexFitraError.prototype);
    expect(isNexFitraError(foreign)).toBe(true);
    expect(foreign instanceof NexFitraError).toBe(true);
    expect(
      new NexFitraError({ code: 'SCHEMA', fn: 'f', path: [], value: 1, allowed: 'x' }) instanceof
        other.NexFitraError,
    ).toBe(true);
  });

  it('rejects look-alikes and keeps subclass checks exact', () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'NexFitraError', code: 'SCHEMA', fn: 'f' });
    expect(isNexFitraError(lookAlike)).toBe(false);
    expect(lookAlike instanceof NexFitraError).toBe(false);
    expect(isNexFitraError(null)).toBe(false);
    expect(isNexFitraError('NexFitraError')).toBe(false);
    const plain = new NexFitraError({ code: 'SCHEMA', fn: 'f', path: [], value: 1, allowed: 'x' });
    expect(plain instanceof NexFitraSchemaError).toBe(false);
    const schemaErr = new NexFitraSchemaError('f', [], 1, 'x', []);
    expect(schemaErr instanceof NexFitraSchemaError).toBe(true);
    expect(schemaErr instanceof NexFitraError).toBe(true);
    expect(schemaErr instanceof Error).toBe(true);
  });
});
