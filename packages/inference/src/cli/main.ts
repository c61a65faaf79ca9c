/**
 * The `nexfitra` command: `nexfitra plan --profile <file.json>` prints a week of training and
 * meals for a person; `nexfitra models` lists the models it can use. Runs in-process for tests:
 * `await main(['plan', '--profile', f], { stdout, stderr })` returns the exit code.
 *
 * Exit codes: 0 a plan; 1 no plan could be made (typed failure) or an internal error; 2 bad
 * arguments or an invalid profile file (each field error printed); 3 the request is refused on
 * safety grounds (minor, pregnancy, lactation, weight loss when underweight).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNexFitraError, type PlanRequestT } from '@nexfitra/core';
import { registerModelFolder } from '../node';
import { generatePlan } from '../plan/generatePlan';
import { RULES_MODEL_ID } from '../registry/builtin';
import { createRegistry } from '../registry/createRegistry';
import type { ModelRegistry } from '../registry/registry';
import type { PlanModel } from '../registry/types';
import { parseArgs } from './_args';
import { planView } from './_view';
import { formatMarkdown } from './formatMarkdown';
import { formatText } from './formatText';
import { type FieldError, parseProfileFile } from './profile';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  /** Models to choose from; default the built-ins plus any `--model <folder>`. */
  readonly registry?: ModelRegistry;
  /** Registers a model folder under its path; default `registerModelFolder` of the `/node` entry (onnxruntime-node). */
  readonly registerFolder?: (registry: ModelRegistry, dir: string) => Promise<void>;
  /**
   * The model used without `--model`: a model folder or a registry id. Default: the
   * `NEXFITRA_DEFAULT_MODEL` variable, else the shipped `models/plan-default` where it is found
   * (a checkout of the repository), else `builtin:rules`.
   */
  readonly defaultModel?: string;
}

/** The shipped default model's folder, looked up from this file towards the repository root. */
export function findShippedModel(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'models', 'plan-default');
    if (existsSync(join(candidate, 'nexfitra.json'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3 } as const;

export const USAGE = `Usage:
  nexfitra plan --profile <file.json> [--model <dir|builtin:rules>] [--seed n] [--days n] [--weeks n]
                [--format text|json|markdown]
  nexfitra models

  --profile  a person: a PlanRequest JSON or the short profile form (see examples/profiles/)
  --model    a registered model id (see "nexfitra models"), a model folder, or builtin:rules;
             default the shipped models/plan-default (NEXFITRA_DEFAULT_MODEL to change it)
  --seed     uint32 seed for the model's choices; default the profile's seed, else 0
  --days     days of meals, 1–31; default the profile's (7)
  --weeks    weeks of training, 1–52; default 4
  --format   text (default), json or markdown

Exit codes: 0 plan printed, 1 no plan could be made, 2 bad arguments or profile, 3 request refused.
`;

const FORMATS = ['text', 'json', 'markdown'] as const;

function intOption(
  args: ReturnType<typeof parseArgs>,
  name: string,
  min: number,
  max: number,
): number | string | undefined {
  const raw = args.options.get(name);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  return raw !== '' && Number.isInteger(x) && x >= min && x <= max
    ? x
    : `--${name} = ${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`;
}

function fieldErrors(file: string, errors: readonly FieldError[]): string {
  const lines = errors.map(
    (e) =>
      `  ${e.path} = ${e.value === undefined ? '(missing)' : JSON.stringify(e.value)}: expected ${e.allowed}`,
  );
  return `nexfitra: ${file} is not a valid profile (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n`;
}

async function models(io: CliIo, registry: ModelRegistry): Promise<number> {
  const dflt = io.defaultModel ?? RULES_MODEL_ID;
  if (!registry.has(dflt) && io.registerFolder) await io.registerFolder(registry, dflt);
  const rows = registry.list();
  const w = Math.max(...rows.map((r) => r.id.length)) + 2;
  io.stdout('Models (pick one with --model):\n');
  for (const r of rows) {
    const kind = r.info?.kind === 'rules' ? 'rules' : 'model';
    io.stdout(
      `  ${r.id.padEnd(w)}${kind.padEnd(7)}${r.info?.description ?? ''}${r.loaded ? '' : ' (not loaded)'}\n`,
    );
  }
  io.stdout(
    `Without --model, nexfitra plan uses ${dflt}. The shipped model (models/plan-default) plans as well as the rule planner on the eval suites (see its card and packages/eval/README.md) with 7 to 10 times its CPU time (examples/eval-report/models.md); --model builtin:rules picks the rule planner, and any model folder can be passed to --model.\n`,
  );
  return EXIT.ok;
}

async function plan(io: CliIo, registry: ModelRegistry, args: ReturnType<typeof parseArgs>): Promise<number> {
  const file = args.options.get('profile');
  if (!file) {
    io.stderr(`nexfitra plan: --profile <file.json> is required\n\n${USAGE}`);
    return EXIT.usage;
  }
  const format = args.options.get('format') ?? 'text';
  const seed = intOption(args, 'seed', 0, 2 ** 32 - 1);
  const days = intOption(args, 'days', 1, 31);
  const weeks = intOption(args, 'weeks', 1, 52);
  const bad = [seed, days, weeks].filter((x) => typeof x === 'string');
  if (!(FORMATS as readonly string[]).includes(format))
    bad.push(`--format = ${JSON.stringify(format)}: expected one of text, json, markdown`);
  if (bad.length) {
    io.stderr(`nexfitra plan: ${bad.join('\n')}\n`);
    return EXIT.usage;
  }
  let json: unknown;
  try {
    json = JSON.parse(await io.readFile(file));
  } catch (e) {
    io.stderr(`nexfitra plan: cannot read ${file}: ${(e as Error).message.split('\n')[0]}\n`);
    return EXIT.usage;
  }
  const parsed = parseProfileFile(json);
  if (!parsed.ok) {
    io.stderr(fieldErrors(file, parsed.errors));
    return EXIT.usage;
  }
  const request: PlanRequestT = typeof days === 'number' ? { ...parsed.request, days } : parsed.request;
  const asked = args.options.get('model');
  const modelId = asked || (io.defaultModel ?? RULES_MODEL_ID);
  if (!registry.has(modelId)) {
    if (!io.registerFolder) {
      io.stderr(
        `nexfitra plan: --model ${JSON.stringify(modelId)} is not a registered model (${registry
          .list()
          .map((r) => r.id)
          .join(', ')})\n`,
      );
      return EXIT.usage;
    }
    await io.registerFolder(registry, modelId);
  }
  let model: PlanModel;
  try {
    model = await registry.get(modelId);
  } catch (e) {
    if (!asked) {
      // The default model would not load (no onnxruntime-node for this platform, a damaged
      // folder): say so and plan with the rules rather than fail the person's request.
      io.stderr(
        `nexfitra plan: the default model ${modelId} did not load (${(e as Error).message.split('\n')[0]}); using ${RULES_MODEL_ID}\n`,
      );
      model = await registry.get(RULES_MODEL_ID);
      return finish(io, model, request, parsed.name, { seed, weeks }, format);
    }
    const known = registry
      .list()
      .filter((r) => r.id !== modelId)
      .map((r) => r.id)
      .join(', ');
    io.stderr(
      `nexfitra plan: --model ${JSON.stringify(modelId)} is neither a registered model (${known}) nor a model folder that loads: ${(e as Error).message}\n`,
    );
    return EXIT.usage;
  }
  return finish(io, model, request, parsed.name, { seed, weeks }, format);
}

/** Plans with the chosen model and prints the plan, the refusal or the failure. */
async function finish(
  io: CliIo,
  model: PlanModel,
  request: PlanRequestT,
  name: string | undefined,
  { seed, weeks }: { seed: number | string | undefined; weeks: number | string | undefined },
  format: string,
): Promise<number> {
  const r = await generatePlan(request, {
    model,
    ...(typeof seed === 'number' ? { seed } : {}),
    ...(typeof weeks === 'number' ? { weeks } : {}),
  });
  if (!r.ok && r.refused) {
    if (format === 'json')
      io.stdout(`${JSON.stringify({ ok: false, refused: true, refusal: r.refusal }, null, 2)}\n`);
    else {
      const codes = r.refusal.reasons.map((x) => x.code).join(', ');
      io.stdout(`No plan: the request is refused on safety grounds (${codes}).\n${r.refusal.message}\n`);
      if (r.refusal.reasons.length > 1) {
        for (const reason of r.refusal.reasons) io.stdout(`  ${reason.code}: ${reason.message}\n`);
      }
    }
    return EXIT.refused;
  }
  if (!r.ok) {
    if (format === 'json')
      io.stdout(`${JSON.stringify({ ok: false, refused: false, failure: r.failure }, null, 2)}\n`);
    io.stderr(`nexfitra plan: no plan could be made (${r.failure.code}): ${r.failure.message}\n`);
    return EXIT.failed;
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ ok: true, plan: r.plan, report: r.report }, null, 2)}\n`);
    return EXIT.ok;
  }
  const modelLine =
    model.kind === 'rules'
      ? `Model: ${model.info.id} — the rule planner`
      : `Model: ${model.info.id} — ${model.info.name === model.info.id ? 'plan model' : model.info.name} ${model.info.version}${model.info.backend ? ` on ${model.info.backend}` : ''}, portions re-solved by the planner`;
  const view = planView(r.plan, r.report, name, modelLine);
  io.stdout(format === 'markdown' ? formatMarkdown(view) : formatText(view));
  return EXIT.ok;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? ((s) => process.stdout.write(s)),
    stderr: io.stderr ?? ((s) => process.stderr.write(s)),
    readFile: io.readFile ?? ((p) => readFile(p, 'utf8')),
    registerFolder:
      io.registerFolder ??
      (async (registry, dir) => {
        registerModelFolder(registry, dir);
      }),
    defaultModel:
      io.defaultModel ?? (process.env['NEXFITRA_DEFAULT_MODEL'] || findShippedModel() || RULES_MODEL_ID),
  };
  const registry = io.registry ?? createRegistry();
  const args = parseArgs(argv);
  try {
    if (args.flags.has('help') || args.command === 'help') {
      full.stdout(USAGE);
      return EXIT.ok;
    }
    if (args.command === 'plan') return await plan(full, registry, args);
    if (args.command === 'models') return await models(full, registry);
    full.stderr(
      `nexfitra: ${args.command ? `unknown command "${args.command}"` : 'a command is required'}\n\n${USAGE}`,
    );
    return EXIT.usage;
  } catch (e) {
    if (isNexFitraError(e)) {
      full.stderr(`nexfitra: ${e.message}\n`);
      return e.code === 'REFUSED' ? EXIT.refused : EXIT.usage;
    }
    full.stderr(`nexfitra: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.failed;
  } finally {
    if (!io.registry) await registry.dispose();
  }
}
