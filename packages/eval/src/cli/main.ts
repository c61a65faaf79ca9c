/**
 * `nexfitra-eval`: run, compare and merge. Exit codes: 0 done (gates passed), 1 a `--fail-if`
 * gate failed, 2 bad usage or input (arguments, suite file, gate expression, report file),
 * 3 a model could not be loaded.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isNexFitraError } from '@nexfitra/core';
import { failingModels, parseGate } from '../gate/failIf';
import { parseDtype } from '../model/_dtype';
import { ModelUnavailableError } from '../model/inference';
import { htmlReport } from '../report/html';
import type { EvalReportT } from '../report/schema';
import { summarize } from '../report/summarize';
import { markdownReport, terminalReport } from '../report/text';
import { evaluate } from '../run/evaluate';
import { mergeReports } from '../run/merge';
import { loadSuite } from '../suite/loadSuite';
import { progressBar } from './_progress';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, model: 3 } as const;

export const USAGE = `nexfitra-eval — compare plan models on quality, safety, speed and size

  nexfitra-eval run <model> --suite <name|file> [options]
  nexfitra-eval compare <model> <model…> --suite <name|file> [options]
  nexfitra-eval merge <shard.json…> [--json out.json] [--md out.md] [--html out.html] [--fail-if expr]

  <model>: builtin:rules, builtin:rules-best, a model folder (folder#int4 picks a dtype), or a registry name
  <suite>: smoke, standard, stress (datasets/suites) or a .arrow/.jsonl/.csv file

options:
  --json <file>          versioned JSON report (rows, metrics, comparisons)
  --md <file>            Markdown report
  --html <file>          self-contained HTML report with charts
  --shard <i/n>          run shard i of n (rows i, i+n, …); join with merge
  --concurrency <k>      plan calls in flight (default 1): k worker processes (cores), each with the model
  --dtype <d>            weights of model folders given without #dtype: fp32, fp16, int8, int4
                         (or per model: models/plan-default#int4)
  --cache-dir <dir>      result cache (default node_modules/.cache/nexfitra-eval); --no-cache to skip
  --seed <n>             bootstrap seed (default 0); --resamples <B> (default 2000); --alpha <a> (default 0.05)
  --timeout-ms <ms>      per-request limit (default 120000)
  --fail-if <expr>       gate, repeatable, e.g. "hardViolations>0" or "p95(latencyMs) > 2000 || worse(validPlan)"
  --quiet                no progress bar or table

exit codes: 0 ok · 1 a gate failed · 2 bad usage or input · 3 a model could not be loaded`;

function shardArg(s: string | undefined): { index: number; count: number } | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard "${s}": expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index, count };
}

class UsageError extends Error {}

/** `--dtype d` appended as `#d` to every model folder argument that names no dtype itself. */
function withDtype(specs: readonly string[], dtype: string | undefined): string[] {
  if (dtype === undefined) return [...specs];
  parseDtype(dtype, 'nexfitra-eval');
  return specs.map((s) =>
    s.includes('#') || !existsSync(s) || !statSync(s).isDirectory() ? s : `${s}#${dtype}`,
  );
}

function num(
  name: string,
  s: string | undefined,
  min: number,
  max: number,
  integer = true,
): number | undefined {
  if (s === undefined) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v)))
    throw new UsageError(
      `--${name} "${s}": expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
    );
  return v;
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export async function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = (a: readonly string[]) =>
    parseArgs({
      args: [...a],
      allowPositionals: true,
      options: {
        suite: { type: 'string' },
        json: { type: 'string' },
        md: { type: 'string' },
        html: { type: 'string' },
        shard: { type: 'string' },
        concurrency: { type: 'string' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        seed: { type: 'string' },
        resamples: { type: 'string' },
        alpha: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'fail-if': { type: 'string', multiple: true },
        dtype: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const [command, ...rest] = args.positionals;
  const o = args.values;
  if (o.help || command === undefined) {
    out(`${USAGE}\n`);
    return command === undefined && !o.help ? EXIT.usage : EXIT.ok;
  }
  try {
    const gates = o['fail-if'] ?? [];
    for (const g of gates) parseGate(g);
    let report: EvalReportT;
    if (command === 'merge') {
      if (rest.length === 0) throw new UsageError('merge needs at least one report file');
      report = mergeReports(rest.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown));
    } else if (command === 'run' || command === 'compare') {
      if (o.suite === undefined) throw new UsageError(`${command} needs --suite <name|file>`);
      if (command === 'run' && rest.length !== 1)
        throw new UsageError('run takes exactly one model (use compare for several)');
      if (command === 'compare' && rest.length < 2) throw new UsageError('compare takes two or more models');
      const suite = loadSuite(o.suite);
      const shard = shardArg(o.shard);
      const concurrency = num('concurrency', o.concurrency, 1, 64);
      const seed = num('seed', o.seed, 0, 2 ** 32 - 1);
      const resamples = num('resamples', o.resamples, 100, 100_000);
      const alpha = num('alpha', o.alpha, 0.001, 0.5, false);
      const timeoutMs = num('timeout-ms', o['timeout-ms'], 1, 3_600_000);
      const specs = withDtype(rest, o.dtype);
      report = await evaluate(specs, suite, {
        ...(o['no-cache']
          ? { cache: false as const }
          : o['cache-dir'] !== undefined
            ? { cache: o['cache-dir'] }
            : {}),
        ...(shard ? { shard } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(resamples !== undefined ? { resamples } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(o.quiet ? {} : { onProgress: progressBar() }),
      });
    } else throw new UsageError(`unknown command "${command}" (run, compare, merge)`);

    const summary = await summarize(report);
    if (o.json) writeFileSync(o.json, `${JSON.stringify(report)}\n`);
    if (o.md) writeFileSync(o.md, markdownReport(report, summary));
    if (o.html) writeFileSync(o.html, htmlReport(report, summary));
    if (!o.quiet) out(`${terminalReport(report, summary)}\n`);
    let code: number = EXIT.ok;
    for (const g of gates) {
      const failing = failingModels(g, report);
      if (failing.length > 0) {
        process.stderr.write(`gate failed: ${g} (${failing.join(', ')})\n`);
        code = EXIT.gateFailed;
      }
    }
    return code;
  } catch (e) {
    if (e instanceof ModelUnavailableError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.model;
    }
    if (e instanceof UsageError || isNexFitraError(e) || e instanceof SyntaxError) {
      process.stderr.write(`${(e as Error).message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}
