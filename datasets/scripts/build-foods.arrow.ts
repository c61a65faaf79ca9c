/** The full SR24 table as one Apache Arrow IPC file (layout documented in datasets/foods/CARD.md). */
import {
  Bool,
  Dictionary,
  Field,
  Float64,
  Int8,
  Int16,
  List,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { FoodGroupT } from '../../packages/core/src/schemas/food';
import { NUTRIENTS, type SrFood } from './build-foods.sr24';

/** Schema id written into the file's metadata; the pipeline loader checks it. */
export const FOODS_ARROW_SCHEMA = 'nexfitra.usda-sr24-foods/1';

function one(v: Vector) {
  if (v.data.length !== 1) throw new Error('expected a single-chunk vector');
  return v.data[0]!;
}

/**
 * Nutrient columns are dictionary-encoded (Int16 index into the column's sorted distinct
 * Float64 values): SR24 has ~17,500 distinct amounts over ~393,000 cells, so this stores every
 * value exactly in about a quarter of the space of plain Float64 columns. Null = not reported.
 */
function dictColumn(values: readonly (number | null)[], id: number) {
  const uniq = [...new Set(values.filter((v): v is number => v !== null))].sort((a, b) => a - b);
  if (uniq.length > 32_767) throw new Error('too many distinct values for an Int16 dictionary');
  const pos = new Map(uniq.map((v, i) => [v, i]));
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  const idx = Int16Array.from(values, (v, i) => {
    if (v === null) {
      nullCount++;
      return 0;
    }
    nullBitmap[i >> 3]! |= 1 << (i & 7);
    return pos.get(v)!;
  });
  const type = new Dictionary(new Float64(), new Int16(), id);
  const dictionary = makeVector(Float64Array.from(uniq));
  return makeData({ type, length: values.length, nullCount, nullBitmap, data: idx, dictionary });
}

export function buildFoodsArrow(
  foods: readonly SrFood[],
  groups: ReadonlyMap<string, { group: FoodGroupT; byId: boolean }>,
  meta: Readonly<Record<string, string>>,
): Uint8Array {
  const measureType = new List(
    new Field(
      'item',
      new Struct([
        new Field('amount', new Float64(), false),
        new Field('label', new Utf8(), false),
        new Field('grams', new Float64(), false),
      ]),
      false,
    ),
  );
  const cols: { field: Field; data: ReturnType<typeof one> }[] = [];
  const add = (name: string, v: Vector, nullable: boolean, m?: Record<string, string>) =>
    cols.push({
      field: new Field(name, v.type, nullable, m ? new Map(Object.entries(m)) : null),
      data: one(v),
    });
  add(
    'id',
    vectorFromArray(
      foods.map((f) => f.id),
      new Utf8(),
    ),
    false,
  );
  add(
    'name',
    vectorFromArray(
      foods.map((f) => f.name),
      new Utf8(),
    ),
    false,
  );
  add(
    'food_group',
    vectorFromArray(
      foods.map((f) => groups.get(f.id)!.group),
      new Dictionary(new Utf8(), new Int8(), 0),
    ),
    false,
  );
  add(
    'food_group_by_id',
    vectorFromArray(
      foods.map((f) => groups.get(f.id)!.byId),
      new Bool(),
    ),
    false,
  );
  add(
    'protein_factor',
    vectorFromArray(
      foods.map((f) => f.pcf),
      new Float64(),
    ),
    true,
    { unit: 'kcal/g' },
  );
  add(
    'fat_factor',
    vectorFromArray(
      foods.map((f) => f.fcf),
      new Float64(),
    ),
    true,
    { unit: 'kcal/g' },
  );
  add(
    'carb_factor',
    vectorFromArray(
      foods.map((f) => f.ccf),
      new Float64(),
    ),
    true,
    { unit: 'kcal/g' },
  );
  NUTRIENTS.forEach((n, i) => {
    const data = dictColumn(
      foods.map((f) => f.nutrients.get(n.key) ?? null),
      i + 1,
    );
    cols.push({
      field: new Field(
        n.key,
        data.type,
        true,
        new Map([
          ['unit', `${n.unit}/100 g`],
          ['usda_name', n.xml],
        ]),
      ),
      data,
    });
  });
  add(
    'measures',
    vectorFromArray(
      foods.map((f) => f.measures.map((m) => ({ amount: m.amount, label: m.label, grams: m.grams }))),
      measureType,
    ),
    false,
  );
  const schema = new Schema(
    cols.map((c) => c.field),
    new Map(
      Object.entries({
        ...meta,
        'nexfitra.schema': FOODS_ARROW_SCHEMA,
        'nexfitra.rows': String(foods.length),
      }),
    ),
  );
  const struct = makeData({
    type: new Struct(schema.fields),
    length: foods.length,
    nullCount: 0,
    children: cols.map((c) => c.data),
  });
  return tableToIPC(new Table(schema, [new RecordBatch(schema, struct)]), 'file');
}
