/**
 * Builds a preference-shifted population dataset from the same teacher as the base model and
 * fine-tunes a base checkpoint into a variant (default: plant-based athletes, LoRA).
 *
 * Run (the variant of the default model; about 1–3 s of teacher time per 7-day request):
 *   npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/finetune-variant.ts \
 *     --base <run>/checkpoint --out datasets/build/variant-plant-based [--n 300] [--seed 7] \
 *     [--days 7] [--search best] [--method lora|full] [--steps 300] [--rank 8] [--alpha 16] \
 *     [--lr …] [--batch 8] [--eval-every 25] [--patience 3] [--tokenizer <run>/tokenizer]
 * Writes <out>/data/{train,val,test}.jsonl (bring-your-own row format), skipped.jsonl,
 * <out>/finetune/{checkpoint,adapter,loss.csv,finetune.json} and <out>/variant.json.
 *
 * `--rows-only` stops after the teacher: it also writes <out>/rows/{train,val,test}.jsonl (the
 * training-set row format) for a full fine-tune with the torch engine elsewhere, e.g. on a GPU:
 *   train-default.ts --data <out>/rows --run <variant run> --engine torch --prepare-only … and
 *   `python -m nexfitra_torch.train … --init <base run>/checkpoint` there.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { TOKENIZER_FILES } from '../src/export/folder';
import { finetuneFromFiles } from '../src/finetune/fromFiles';
import { buildVariantRows, PLANT_BASED_ATHLETES, writeUserRowsJsonl } from '../src/finetune/variant';

const { values: a } = parseArgs({
  options: {
    base: { type: 'string' },
    out: { type: 'string' },
    n: { type: 'string', default: '300' },
    seed: { type: 'string', default: '7' },
    days: { type: 'string', default: '7' },
    search: { type: 'string', default: 'best' },
    method: { type: 'string', default: 'lora' },
    steps: { type: 'string', default: '300' },
    rank: { type: 'string' },
    alpha: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    'eval-every': { type: 'string' },
    patience: { type: 'string' },
    tokenizer: { type: 'string' },
    'rows-only': { type: 'boolean', default: false },
  },
});
if (
  (!a.base && !a['rows-only']) ||
  !a.out ||
  (a.method !== 'lora' && a.method !== 'full') ||
  (a.search !== 'best' && a.search !== 'fast')
) {
  console.error(
    'usage: finetune-variant.ts --base <checkpoint> --out <dir> [--method lora|full] [--search best|fast] …',
  );
  process.exit(2);
}
const out = a.out;
await tf.setBackend('wasm');
const optNum = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const t0 = performance.now();
const variant = PLANT_BASED_ATHLETES;
const { rows, skipped } = await buildVariantRows({
  variant,
  n: Number(a.n),
  seed: Number(a.seed),
  days: Number(a.days),
  search: a.search,
  onProgress: (done, total) => {
    if (done % 10 === 0 || done === total) console.error(`teacher: ${done}/${total}`);
  },
});
const teacherMs = performance.now() - t0;
const split = {
  train: rows.filter((r) => r.split === 'train'),
  val: rows.filter((r) => r.split === 'val'),
  test: rows.filter((r) => r.split === 'test'),
};
// A very small run may draw no val profile: then the last train row validates (said in variant.json).
const borrowedVal = split.val.length === 0 && split.train.length > 1;
if (borrowedVal) split.val.push(split.train.pop()!);
await mkdir(join(out, 'data'), { recursive: true });
for (const s of ['train', 'val', 'test'] as const)
  await writeUserRowsJsonl(join(out, 'data', `${s}.jsonl`), split[s]);
await writeFile(join(out, 'data', 'skipped.jsonl'), skipped.map((s) => `${JSON.stringify(s)}\n`).join(''));
if (a['rows-only']) {
  await mkdir(join(out, 'rows'), { recursive: true });
  for (const s of ['train', 'val', 'test'] as const)
    await writeFile(join(out, 'rows', `${s}.jsonl`), split[s].map((r) => `${JSON.stringify(r)}\n`).join(''));
  const counts = { train: split.train.length, val: split.val.length, test: split.test.length };
  // build.json in the training-set layout (buildDataset), so export-default.ts reads it unchanged.
  const build = {
    options: {
      note: `variant ${variant.name}: finetune-variant.ts --rows-only --n ${a.n} --seed ${a.seed} --days ${a.days} --search ${a.search}${borrowedVal ? ' (val borrowed from train)' : ''}`,
      seed: Number(a.seed),
      n: Number(a.n),
      search: a.search,
    },
    result: {
      teacher: rows[0]?.teacher ?? `search=${a.search}`,
      rows: counts,
      skipped: skipped.length,
      profiles: Number(a.n),
      ms: Math.round(teacherMs),
    },
  };
  await writeFile(join(out, 'rows', 'build.json'), `${JSON.stringify(build, null, 2)}\n`);
  console.log(JSON.stringify(build));
  process.exit(0);
}

const hyper = Object.fromEntries(
  Object.entries({
    steps: optNum(a.steps),
    seed: optNum(a.seed),
    lr: optNum(a.lr),
    batchSize: optNum(a.batch),
    evalEvery: optNum(a['eval-every']),
    patience: optNum(a.patience),
  }).filter(([, v]) => v !== undefined),
);
const lora = Object.fromEntries(
  Object.entries({ rank: optNum(a.rank), alpha: optNum(a.alpha) }).filter(([, v]) => v !== undefined),
);
const result = await finetuneFromFiles({
  from: a.base as string,
  data: join(out, 'data', 'train.jsonl'),
  val: join(out, 'data', 'val.jsonl'),
  outDir: join(out, 'finetune'),
  method: a.method,
  ...(a.tokenizer !== undefined ? { tokenizer: a.tokenizer } : {}),
  lora,
  hyper,
  onProgress: (p) => {
    if (p.valLoss !== undefined)
      console.error(`step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)} val ${p.valLoss.toFixed(4)}`);
  },
});
// The variant checkpoint exports like the base: carry the tokenizer over.
const tokDir = a.tokenizer ?? (a.base as string);
const present = new Set(await readdir(tokDir));
for (const f of TOKENIZER_FILES)
  if (present.has(f)) await copyFile(join(tokDir, f), join(out, 'finetune', 'checkpoint', f));
const { losses: _losses, ...summary } = result;
const report = {
  variant: { name: variant.name, description: variant.description },
  base: a.base,
  teacher: {
    search: a.search,
    requests: Number(a.n),
    rows: rows.length,
    skipped: skipped.length,
    seconds: Math.round(teacherMs / 100) / 10,
  },
  rows: { train: split.train.length, val: split.val.length, test: split.test.length, borrowedVal },
  method: a.method,
  ...summary,
};
await writeFile(join(out, 'variant.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report));
