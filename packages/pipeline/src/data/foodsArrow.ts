/**
 * Loader for the full USDA SR24 foods table, datasets/foods/usda-sr24.arrow (built by
 * datasets/scripts/build-foods.ts; layout in datasets/foods/CARD.md). Node only.
 */
import { readFileSync } from 'node:fs';
import { NexFitraError } from '@nexfitra/core';
import { type Table, Type, tableFromIPC } from 'apache-arrow';

/** The schema id the build writes into the file's metadata (`nexfitra.schema`). */
export const FOODS_ARROW_SCHEMA = 'nexfitra.usda-sr24-foods/1';

/** Columns every foods file must have, with the Arrow type id each must carry. */
const REQUIRED: readonly [string, Type][] = [
  ['id', Type.Utf8],
  ['name', Type.Utf8],
  ['food_group', Type.Dictionary],
  ['food_group_by_id', Type.Bool],
  ['energy_kcal', Type.Dictionary],
  ['protein_g', Type.Dictionary],
  ['fat_g', Type.Dictionary],
  ['carbs_g', Type.Dictionary],
  ['fiber_g', Type.Dictionary],
  ['measures', Type.List],
];
const NOT_NUTRIENTS = new Set([
  'id',
  'name',
  'food_group',
  'food_group_by_id',
  'protein_factor',
  'fat_factor',
  'carb_factor',
  'measures',
]);

export interface FoodsArrowRecord {
  readonly id: string;
  readonly name: string;
  readonly foodGroup: string;
  /** True when the id's first two digits gave the food group (see the card). */
  readonly foodGroupById: boolean;
  /** Nutrients per 100 g by column key (e.g. `sodium_mg`); null = not reported. */
  readonly nutrients: Readonly<Record<string, number | null>>;
  readonly measures: readonly { readonly amount: number; readonly label: string; readonly grams: number }[];
}

export interface FoodsArrow {
  readonly file: string;
  readonly table: Table;
  readonly rows: number;
  /** Nutrient column key → unit, e.g. `{ energy_kcal: 'kcal/100 g', … }`. */
  readonly nutrientUnits: Readonly<Record<string, string>>;
  /** The food with this SR24 id, or undefined. */
  get(id: string): FoodsArrowRecord | undefined;
  /** Every food in file order. */
  records(): FoodsArrowRecord[];
}

function bad(file: string, problem: string, cause?: unknown): NexFitraError {
  const e = new NexFitraError(
    {
      code: 'BAD_DATA',
      fn: 'readFoodsArrow',
      path: ['file'],
      value: file,
      allowed: `a foods Arrow file (${FOODS_ARROW_SCHEMA})`,
    },
    `readFoodsArrow: ${file}: ${problem}`,
  );
  if (cause !== undefined) (e as { cause?: unknown }).cause = cause;
  return e;
}

const MAGIC = 'ARROW1';

/**
 * Reads and checks datasets/foods/usda-sr24.arrow (or a file of the same schema).
 * @throws {NexFitraError} `BAD_DATA` naming the file when it is missing, truncated, not Arrow,
 * or lacks the expected schema
 */
export function readFoodsArrow(file: string): FoodsArrow {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw bad(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, e);
  }
  return parseFoodsArrow(bytes, file);
}

/** {@link readFoodsArrow} on bytes already in memory; `file` names them in errors. */
export function parseFoodsArrow(bytes: Uint8Array, file = '(buffer)'): FoodsArrow {
  const text = (a: number, b: number) => Buffer.from(bytes.subarray(a, b)).toString('latin1');
  // The IPC file format starts and ends with "ARROW1"; a cut-off file loses the trailing magic
  // and footer, which apache-arrow would otherwise not always notice.
  if (bytes.length < 2 * MAGIC.length + 4 || text(0, 6) !== MAGIC) {
    throw bad(file, 'not an Arrow IPC file (no ARROW1 magic at the start)');
  }
  if (text(bytes.length - 6, bytes.length) !== MAGIC) {
    throw bad(file, `truncated: no ARROW1 magic at the end (${bytes.length} bytes)`);
  }
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw bad(file, `unreadable Arrow data (${(e as Error).message})`, e);
  }
  const meta = table.schema.metadata;
  if (meta.get('nexfitra.schema') !== FOODS_ARROW_SCHEMA) {
    throw bad(
      file,
      `schema id is ${JSON.stringify(meta.get('nexfitra.schema') ?? null)}, expected ${JSON.stringify(FOODS_ARROW_SCHEMA)}`,
    );
  }
  for (const [name, type] of REQUIRED) {
    const field = table.schema.fields.find((f) => f.name === name);
    if (!field) throw bad(file, `missing column ${JSON.stringify(name)}`);
    if (field.typeId !== type)
      throw bad(file, `column ${JSON.stringify(name)} has type ${field.type}, expected ${Type[type]}`);
  }
  const rows = Number(meta.get('nexfitra.rows'));
  if (!Number.isInteger(rows) || rows !== table.numRows) {
    throw bad(file, `has ${table.numRows} rows but its metadata says ${meta.get('nexfitra.rows')}`);
  }
  const nutrientFields = table.schema.fields.filter((f) => !NOT_NUTRIENTS.has(f.name));
  const nutrientUnits = Object.fromEntries(nutrientFields.map((f) => [f.name, f.metadata.get('unit') ?? '']));
  const col = (name: string) => table.getChild(name)!;
  const ids = col('id');
  const index = new Map<string, number>();
  for (let i = 0; i < rows; i++) index.set(ids.get(i) as string, i);
  const record = (i: number): FoodsArrowRecord => {
    const nutrients: Record<string, number | null> = {};
    for (const f of nutrientFields) nutrients[f.name] = (col(f.name).get(i) as number | null) ?? null;
    const ms = col('measures').get(i) as {
      toArray(): { toJSON(): { amount: number; label: string; grams: number } }[];
    } | null;
    return {
      id: ids.get(i) as string,
      name: col('name').get(i) as string,
      foodGroup: col('food_group').get(i) as string,
      foodGroupById: col('food_group_by_id').get(i) as boolean,
      nutrients,
      measures: ms ? [...ms.toArray()].map((m) => ({ ...m.toJSON() })) : [],
    };
  };
  return {
    file,
    table,
    rows,
    nutrientUnits,
    get: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : record(i);
    },
    records: () => Array.from({ length: rows }, (_, i) => record(i)),
  };
}
