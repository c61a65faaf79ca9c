import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';

// Expected folders: the repository's models/ directory as committed (independent of config.ts).
const MODELS = fileURLToPath(new URL('../../../models', import.meta.url));

describe('NEXFITRA_MODELS', () => {
  it('defaults to the shipped model folders that exist', () => {
    const expected = ['plan-default', 'plan-plant-athletes']
      .map((m) => join(MODELS, m))
      .filter((d) => existsSync(join(d, 'nexfitra.json')));
    expect(expected.length).toBe(2);
    expect(readConfig({}).models).toEqual(expected);
  });

  it('empty offers the rule planner only; a list is resolved to absolute paths', () => {
    expect(readConfig({ NEXFITRA_MODELS: '' }).models).toEqual([]);
    expect(readConfig({ NEXFITRA_MODELS: ` ${join(MODELS, 'plan-default')} ,` }).models).toEqual([
      join(MODELS, 'plan-default'),
    ]);
  });

  it('a folder that does not exist is refused with the variable, the value and what is allowed', () => {
    expect(() => readConfig({ NEXFITRA_MODELS: '/no/such/model' })).toThrow(
      'NEXFITRA_MODELS=/no/such/model is not allowed: /no/such/model is not a model folder',
    );
  });
});
