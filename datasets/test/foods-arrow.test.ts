import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FoodsArrow, readFoodsArrow } from '../../packages/pipeline/src/data/foodsArrow';

const FILE = join(__dirname, '../foods/usda-sr24.arrow');
const dir = mkdtempSync(join(tmpdir(), 'nf-foods-'));

describe('readFoodsArrow on the committed file', () => {
  let foods: FoodsArrow;
  beforeAll(() => {
    foods = readFoodsArrow(FILE);
  });
  it('has every SR24 food (7,906 in foods.index) and stays well under 10 MB', () => {
    expect(foods.rows).toBe(7906);
    expect(readFileSync(FILE).length).toBeLessThan(5 * 1024 * 1024);
  });
  it('holds USDA values exactly (01001.xml "Butter, salted")', () => {
    const b = foods.get('01001')!;
    expect(b.name).toBe('Butter, salted');
    expect(b.foodGroup).toBe('dairy-egg');
    expect(b.nutrients).toMatchObject({ energy_kcal: 717, protein_g: 0.85, fat_g: 81.11, thiamin_mg: 0.005 });
    expect(b.measures[1]).toEqual({ amount: 1, label: 'tbsp', grams: 14.2 });
    expect(foods.nutrientUnits['energy_kcal']).toBe('kcal/100 g');
    expect(foods.get('00000')).toBeUndefined();
  });
});

describe('readFoodsArrow on bad files', () => {
  const expectBad = (file: string, text: RegExp) => {
    let err: unknown;
    try {
      readFoodsArrow(file);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'BAD_DATA', value: file });
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(text);
  };
  it('missing', () => expectBad(join(dir, 'nope.arrow'), /cannot read.*ENOENT/));
  it('truncated', () => {
    const f = join(dir, 'cut.arrow');
    const bytes = readFileSync(FILE);
    writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectBad(f, /truncated/);
  });
  it('not Arrow at all', () => {
    const f = join(dir, 'text.arrow');
    writeFileSync(f, 'id,name\n01001,Butter\n'.repeat(10));
    expectBad(f, /not an Arrow IPC file/);
  });
  it('Arrow with the wrong schema', () => {
    const f = join(dir, 'other.arrow');
    writeFileSync(f, tableToIPC(tableFromArrays({ id: ['01001'], kcal: Float64Array.from([717]) }), 'file'));
    expectBad(f, /schema id/);
  });
});
