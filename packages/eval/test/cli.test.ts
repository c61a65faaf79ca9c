/** The CLI's documented exit codes, on a hand-built report (no planner run) and bad arguments. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EvalReport, EXIT, main, summarize } from '../src/index';
import { handReport } from './_report';

const dir = mkdtempSync(join(tmpdir(), 'nexfitra-cli-'));
const file = join(dir, 'hand.json');
writeFileSync(file, JSON.stringify(handReport()));
const run = (...args: string[]) => main(args, () => {});

describe('nexfitra-eval exit codes', () => {
  beforeAll(async () => {
    await summarize(handReport()); // load danfojs-node once, outside the tests' time limit
  }, 120_000);

  it('0 when every gate passes, 1 when one fails (the model that fails is named)', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run('merge', file, '--quiet', '--fail-if', 'hardViolations>0 && qualityScore<50')).toBe(
      EXIT.ok,
    );
    expect(await run('merge', file, '--quiet', '--fail-if', 'hardViolations>0')).toBe(EXIT.gateFailed);
    expect(err.mock.calls.flat().join('')).toContain('gate failed: hardViolations>0 (builtin:rules-best)');
    err.mockRestore();
  });

  it('merge writes JSON, Markdown and HTML that read back', async () => {
    const out = join(dir, 'out');
    expect(
      await run(
        'merge',
        file,
        '--quiet',
        '--json',
        `${out}.json`,
        '--md',
        `${out}.md`,
        '--html',
        `${out}.html`,
      ),
    ).toBe(EXIT.ok);
    expect(EvalReport.safeParse(JSON.parse(readFileSync(`${out}.json`, 'utf8'))).success).toBe(true);
    expect(readFileSync(`${out}.md`, 'utf8')).toContain('| validPlan |');
    expect(readFileSync(`${out}.html`, 'utf8')).toContain('data-chart="latency-quality"');
  });

  it('2 for bad usage or input', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run()).toBe(EXIT.usage);
    expect(await run('frobnicate')).toBe(EXIT.usage);
    expect(await run('run', 'builtin:rules')).toBe(EXIT.usage); // no --suite
    expect(await run('run', 'builtin:rules', '--suite', 'smoke', '--shard', '3/2')).toBe(EXIT.usage);
    expect(await run('run', 'builtin:rules', '--suite', 'no-such-suite')).toBe(EXIT.usage);
    expect(await run('merge', file, '--fail-if', 'hardViolations >')).toBe(EXIT.usage);
    expect(await run('merge', file, file)).toBe(EXIT.usage); // the same shard twice
    // An unknown dtype, by flag or after #, names the accepted ones (before anything is planned).
    expect(await run('run', 'datasets/fixtures/tiny-plan-gpt2', '--suite', 'smoke', '--dtype', 'int3')).toBe(
      EXIT.usage,
    );
    expect(await run('run', 'datasets/fixtures/tiny-plan-gpt2#int3', '--suite', 'smoke')).toBe(EXIT.usage);
    expect(err.mock.calls.flat().join('')).toMatch(/int3.*fp32, float32, fp16/s);
    err.mockRestore();
  });

  it('3 when a model cannot be loaded', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await run('run', './no/such/model', '--suite', 'smoke', '--quiet')).toBe(EXIT.model);
    expect(err.mock.calls.flat().join('')).toContain('no such model folder');
    // The shipped fine-tuned variant holds int8 only: asking for int4 says what it holds.
    expect(await run('run', 'models/plan-plant-athletes#int4', '--suite', 'smoke', '--quiet')).toBe(
      EXIT.model,
    );
    expect(err.mock.calls.flat().join('')).toContain(
      'has no int4 weights (onnx/model_q4.onnx); it holds int8',
    );
    err.mockRestore();
  });
});
