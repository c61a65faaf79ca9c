import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  drift,
  JSON_SCHEMA_DOCUMENTS,
  jsonSchemaOf,
  OUT_DIR,
  renderAll,
  schemaId,
} from '../scripts/gen-json-schema';
import { MODEL_ARCHITECTURES, MODEL_DTYPES } from '../src/schemas/manifest';
import { SCHEMA_VERSION } from '../src/schemas/version';
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  DIET_TYPES,
  EQUIPMENT,
  INJURY_SITES,
  MEAL_TYPES,
  SEXES,
} from '../src/schemas/vocab';
import type { Doc } from './schemas.fixtures';
import * as ex from './schemas.fixtures';

type Json = Record<string, unknown>;

/**
 * A deliberately tiny JSON Schema 2020-12 checker for the keywords zod emits here (no ajv in the
 * repo). It is independent of zod, so agreement between the two is a real round trip. Unknown
 * keywords throw, so a schema using one this checker ignores cannot pass silently.
 */
const KEYWORDS = new Set([
  '$ref',
  'type',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'items',
  'required',
  'properties',
  'additionalProperties',
  'propertyNames',
  'anyOf',
  'oneOf',
]);
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'format',
  '$defs',
  'default',
  'examples',
]);
function check(s: Json, v: unknown, root: Json, at: string, errs: string[]): void {
  const fail = (why: string) => errs.push(`${at || '/'}: ${why}`);
  for (const [k, rule] of Object.entries(s)) {
    if (ANNOTATIONS.has(k)) continue;
    const r = rule as never;
    switch (k) {
      case '$ref': {
        const name = decodeURIComponent(String(rule).replace('#/$defs/', ''));
        check((root.$defs as Record<string, Json>)[name]!, v, root, at, errs);
        break;
      }
      case 'type': {
        const ok = (t: string) =>
          t === 'integer'
            ? Number.isInteger(v)
            : t === 'number'
              ? typeof v === 'number' && Number.isFinite(v)
              : t === 'array'
                ? Array.isArray(v)
                : t === 'object'
                  ? typeof v === 'object' && v !== null && !Array.isArray(v)
                  : t === 'null'
                    ? v === null
                    : typeof v === t;
        if (!(Array.isArray(rule) ? (rule as string[]).some(ok) : ok(r))) fail(`not ${String(rule)}`);
        break;
      }
      case 'enum':
        if (!(r as unknown[]).includes(v)) fail('not in enum');
        break;
      case 'const':
        if (v !== r) fail('not const');
        break;
      case 'minimum':
        if (typeof v === 'number' && v < r) fail('below minimum');
        break;
      case 'maximum':
        if (typeof v === 'number' && v > r) fail('above maximum');
        break;
      case 'exclusiveMinimum':
        if (typeof v === 'number' && v <= r) fail('not above exclusiveMinimum');
        break;
      case 'exclusiveMaximum':
        if (typeof v === 'number' && v >= r) fail('not below exclusiveMaximum');
        break;
      case 'multipleOf':
        if (typeof v === 'number' && !Number.isInteger(v / r)) fail('not a multiple');
        break;
      case 'minLength':
        if (typeof v === 'string' && [...v].length < r) fail('too short');
        break;
      case 'maxLength':
        if (typeof v === 'string' && [...v].length > r) fail('too long');
        break;
      case 'pattern':
        if (typeof v === 'string' && !new RegExp(r, 'u').test(v)) fail('pattern');
        break;
      case 'minItems':
        if (Array.isArray(v) && v.length < r) fail('too few items');
        break;
      case 'maxItems':
        if (Array.isArray(v) && v.length > r) fail('too many items');
        break;
      case 'uniqueItems':
        if (rule === true && Array.isArray(v) && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
          fail('duplicate items');
        break;
      case 'items':
        if (Array.isArray(v)) {
          v.forEach((x, i) => {
            check(r, x, root, `${at}/${i}`, errs);
          });
        }
        break;
      case 'required':
        if (typeof v === 'object' && v !== null)
          for (const key of r as string[]) if (!(key in v)) fail(`missing ${key}`);
        break;
      case 'properties':
        if (typeof v === 'object' && v !== null)
          for (const [key, sub] of Object.entries(r as Record<string, Json>))
            if (key in v) check(sub, (v as Json)[key], root, `${at}/${key}`, errs);
        break;
      case 'additionalProperties':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
          const known = Object.keys((s.properties as Json | undefined) ?? {});
          for (const [key, x] of Object.entries(v)) {
            if (known.includes(key)) continue;
            if (rule === false) fail(`extra key ${key}`);
            else if (typeof rule === 'object') check(r, x, root, `${at}/${key}`, errs);
          }
        }
        break;
      case 'propertyNames':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
          for (const key of Object.keys(v)) check(r, key, root, `${at}/${key} (name)`, errs);
        }
        break;
      case 'anyOf':
      case 'oneOf': {
        const passing = (r as Json[]).filter((sub) => {
          const e: string[] = [];
          check(sub, v, root, at, e);
          return e.length === 0;
        }).length;
        if (k === 'anyOf' ? passing === 0 : passing !== 1) fail(`${k}: ${passing} branches match`);
        break;
      }
      default:
        throw new Error(`tiny checker does not know keyword ${k} (at ${at})`);
    }
  }
}
function jsonErrors(name: keyof typeof JSON_SCHEMA_DOCUMENTS, doc: unknown): string[] {
  const schema = jsonSchemaOf(name);
  const errs: string[] = [];
  check(schema, doc, schema, '', errs);
  return errs;
}

/** Every keyword used anywhere in a schema (names under `properties` and `$defs` are not keywords). */
function keywordsOf(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) keywordsOf(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      out.add(k);
      if (k === 'properties' || k === '$defs')
        for (const sub of Object.values(v as Json)) keywordsOf(sub, out);
      else if (k !== 'enum' && k !== 'const' && k !== 'required') keywordsOf(v, out);
    }
  }
  return out;
}

/** Every enum in a schema, found by walking it. */
function enums(node: unknown, out: unknown[][] = []): unknown[][] {
  if (Array.isArray(node)) for (const x of node) enums(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node))
      if (k === 'enum') out.push(v as unknown[]);
      else enums(v, out);
  }
  return out;
}
function defs(name: keyof typeof JSON_SCHEMA_DOCUMENTS): Record<string, Json> {
  return (jsonSchemaOf(name).$defs ?? {}) as Record<string, Json>;
}

const versioned = [
  ['PlanRequest', ex.planRequest],
  ['Plan', ex.plan],
  ['MealPlan', ex.mealPlan],
  ['WorkoutProgram', ex.workoutProgram],
  ['ProgressLog', ex.progressLog],
  ['ModelManifest', ex.modelManifest],
] as const;
const catalogue = [
  ['Food', ex.food],
  ['Exercise', ex.exercise],
] as const;

describe('generated JSON Schema', () => {
  it('one file per document, draft 2020-12, with $id and title', () => {
    const files = renderAll();
    expect([...files.keys()].sort()).toEqual(
      Object.keys(JSON_SCHEMA_DOCUMENTS)
        .map((n) => `${n}.schema.json`)
        .sort(),
    );
    for (const name of Object.keys(JSON_SCHEMA_DOCUMENTS) as (keyof typeof JSON_SCHEMA_DOCUMENTS)[]) {
      const text = files.get(`${name}.schema.json`)!;
      expect(text.endsWith('}\n')).toBe(true);
      const s = JSON.parse(text) as Json;
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toBe(schemaId(name));
      expect(s.$id).toContain(SCHEMA_VERSION);
      expect(s.title).toBe(name);
      // Keys start $schema, $id, title: the generator's fixed order.
      expect(Object.keys(s).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
    }
  });

  it('is deterministic', () => {
    expect(renderAll()).toEqual(renderAll());
  });

  it.each(versioned)('%s defaults schemaVersion on input and requires its other fields', (name) => {
    const s = jsonSchemaOf(name);
    // Issue 13: the version may be omitted on input (the zod schemas default it and write it out).
    expect(s.required).not.toContain('schemaVersion');
    expect((s.properties as Record<string, { default?: unknown }>).schemaVersion?.default).toBe(
      SCHEMA_VERSION,
    );
    expect(s.additionalProperties).toBe(false);
  });

  it('top-level required keys are the non-optional fields', () => {
    expect(jsonSchemaOf('PlanRequest').required).toEqual(['profile', 'goal', 'preferences', 'days']);
    expect(jsonSchemaOf('Plan').required).toEqual(['request', 'targets', 'mealPlan', 'workoutProgram']);
    expect(jsonSchemaOf('ModelManifest').required).toEqual([
      'name',
      'version',
      'architecture',
      'files',
      'vocabVersion',
      'grammarVersion',
      'dtypes',
    ]);
    expect(defs('PlanRequest').Profile!.required).toEqual([
      'age',
      'sex',
      'weight',
      'height',
      'activityLevel',
    ]);
  });

  it('enum values come from vocab.ts', () => {
    const all = enums(jsonSchemaOf('PlanRequest'));
    for (const vocab of [SEXES, ACTIVITY_LEVELS, DIET_TYPES, ALLERGENS, EQUIPMENT, INJURY_SITES]) {
      expect(all).toContainEqual([...vocab]);
    }
    expect(enums(jsonSchemaOf('MealPlan'))).toContainEqual([...MEAL_TYPES]);
    const manifest = enums(jsonSchemaOf('ModelManifest'));
    expect(manifest).toContainEqual([...MODEL_DTYPES]);
    expect(manifest).toContainEqual([...MODEL_ARCHITECTURES]);
  });

  it('the schemaVersion pattern carries the major', () => {
    const s = jsonSchemaOf('Plan').properties as Record<string, Json>;
    const re = new RegExp(String(s.schemaVersion!.pattern));
    expect(re.test('1.4.0')).toBe(true);
    expect(re.test('2.0.0')).toBe(false);
  });

  it('the tiny checker knows every keyword the generated schemas use', () => {
    for (const name of Object.keys(JSON_SCHEMA_DOCUMENTS) as (keyof typeof JSON_SCHEMA_DOCUMENTS)[]) {
      for (const k of keywordsOf(jsonSchemaOf(name)))
        expect(KEYWORDS.has(k) || ANNOTATIONS.has(k), k).toBe(true);
    }
  });

  it.each([...versioned, ...catalogue])(
    'round trip: the valid %s example passes the JSON Schema too',
    (name, doc) => {
      expect(JSON_SCHEMA_DOCUMENTS[name].safeParse(doc).success).toBe(true);
      expect(jsonErrors(name, doc)).toEqual([]);
    },
  );

  it('structural errors fail both zod and the JSON Schema', () => {
    const bad: [keyof typeof JSON_SCHEMA_DOCUMENTS, unknown][] = [
      [
        'PlanRequest',
        ex.withEdit(ex.planRequest, (d: Doc) => {
          d.preferences.diet = 'carnivore';
        }),
      ],
      [
        'PlanRequest',
        ex.withEdit(ex.planRequest, (d: Doc) => {
          d.profile.weight = { value: 500, unit: 'kg' };
        }),
      ],
      [
        'PlanRequest',
        ex.withEdit(ex.planRequest, (d: Doc) => {
          d.preferences.allergens = ['milk', 'milk'];
        }),
      ],
      [
        'PlanRequest',
        ex.withEdit(ex.planRequest, (d: Doc) => {
          d.schemaVersion = '2.0.0';
        }),
      ],
      [
        'PlanRequest',
        ex.withEdit(ex.planRequest, (d: Doc) => {
          d.extra = 1;
        }),
      ],
      [
        'MealPlan',
        ex.withEdit(ex.mealPlan, (d: Doc) => {
          d.days[0].meals[0].items[0].grams = 0;
        }),
      ],
      [
        'WorkoutProgram',
        ex.withEdit(ex.workoutProgram, (d: Doc) => {
          d.weeks[0].sessions[0].day = 7;
        }),
      ],
      [
        'ProgressLog',
        ex.withEdit(ex.progressLog, (d: Doc) => {
          d.entries[0].date = '2024-13-01';
        }),
      ],
      [
        'ModelManifest',
        ex.withEdit(ex.modelManifest, (d: Doc) => {
          d.files[0].sha256 = 'xyz';
        }),
      ],
      [
        'ModelManifest',
        ex.withEdit(ex.modelManifest, (d: Doc) => {
          d.dtypes = ['q8', 'q8'];
        }),
      ],
    ];
    for (const [name, doc] of bad) {
      expect(JSON_SCHEMA_DOCUMENTS[name].safeParse(doc).success).toBe(false);
      expect(jsonErrors(name, doc).length).toBeGreaterThan(0);
    }
  });

  it('--check passes on the committed files (exit 0)', () => {
    expect(drift()).toEqual([]);
    const script = join(OUT_DIR, '../scripts/gen-json-schema.ts');
    // Throws (non-zero exit) if the check fails.
    const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
  });

  it('drift names a changed, a missing and a stale file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-json-schema-'));
    try {
      for (const f of readdirSync(OUT_DIR)) writeFileSync(join(dir, f), readFileSync(join(OUT_DIR, f)));
      expect(drift(dir)).toEqual([]);
      writeFileSync(join(dir, 'Plan.schema.json'), '{}\n');
      rmSync(join(dir, 'MealPlan.schema.json'));
      writeFileSync(join(dir, 'Old.schema.json'), '{}\n');
      expect(drift(dir).sort()).toEqual(
        [
          'MealPlan.schema.json (missing)',
          'Old.schema.json (stale: no such schema)',
          'Plan.schema.json (differs)',
        ].sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
