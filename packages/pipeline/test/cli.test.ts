import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexfitra-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

describe('nexfitra-pipeline', () => {
  it('check-rows prints each bad row with its line and exits 1 with --fail', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, '{"request": {}, "plan": "<plan>"}\n\n{oops\n');
    const a = io();
    expect(await main(['check-rows', path, '--fail'], a.io)).toBe(1);
    const text = a.out.join('');
    expect(text).toMatch(/^line 1: request\./m);
    expect(text).toMatch(/^line 3: \(line\): not JSON/m);
    expect(text).toMatch(/0 good rows, 2 bad rows/);
    const b = io();
    expect(await main(['check-rows', path], b.io)).toBe(0);
  });
  it('usage errors exit 2 and say what is missing', async () => {
    const a = io();
    expect(await main(['build-dataset'], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/--out <dir> is required/);
    const b = io();
    expect(await main(['build-dataset', '--out', dir, '--search', 'slow'], b.io)).toBe(2);
    expect(await main(['nope'], io().io)).toBe(2);
  });
  it('a typed error exits 1 with its message (n out of range)', async () => {
    const a = io();
    expect(await main(['build-dataset', '--out', join(dir, 'x'), '--n', '0'], a.io)).toBe(1);
    expect(a.err.join('')).toMatch(/build-dataset: .*n/);
  });
});
