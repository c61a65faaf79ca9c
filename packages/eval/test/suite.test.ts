/**
 * Suites: the shipped files load and are what the card says; user files in Arrow, JSONL and CSV
 * are validated row by row with line, field and reason.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite, readSuiteFile, SuiteValidationError, suiteToArrow } from '../src/index';
import { csvField } from '../src/suite/_csv';
import { request } from './_plans';

const dir = mkdtempSync(join(tmpdir(), 'nexfitra-suite-'));
const file = (name: string, text: string | Uint8Array) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const problems = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SuiteValidationError);
    return (e as SuiteValidationError).problems;
  }
  throw new Error('expected a SuiteValidationError');
};

describe('shipped suites', () => {
  it('smoke: 20 rows, a subset of standard (500 rows), with every stress slice', () => {
    const smoke = loadSuite('smoke');
    const standard = loadSuite('standard');
    expect(smoke.rows).toHaveLength(20);
    expect(standard.rows).toHaveLength(500);
    const byId = new Map(standard.rows.map((r) => [r.id, JSON.stringify(r)]));
    for (const r of smoke.rows) expect(byId.get(r.id)).toBe(JSON.stringify(r));
    expect(new Set(smoke.rows.map((r) => r.slice)).size).toBe(11);
  });

  it('an unknown name lists the shipped ones', () => {
    expect(() => loadSuite('nope')).toThrow(/smoke, standard, stress/);
  });
});

describe('user suite files', () => {
  it('JSONL: bare requests and rows both load; ids default to row-<line>', () => {
    const f = file(
      'ok.jsonl',
      `${JSON.stringify(request)}\n\n${JSON.stringify({ id: 'mine', slice: 'vip', request })}\n`,
    );
    const s = readSuiteFile(f);
    expect(s.rows.map((r) => [r.id, r.slice])).toEqual([
      ['row-1', 'custom'],
      ['mine', 'vip'],
    ]);
  });

  it('JSONL: each bad row names its line, field and reason', () => {
    const bad = { ...request, profile: { ...request.profile, age: 'old' } };
    const f = file(
      'bad.jsonl',
      [
        JSON.stringify(request),
        '{not json',
        JSON.stringify(bad),
        JSON.stringify({ id: 'row-1', request }),
      ].join('\n'),
    );
    const p = problems(() => readSuiteFile(f));
    expect(p).toEqual([
      { line: 2, field: '', reason: expect.stringMatching(/not JSON/) },
      { line: 3, field: 'request.profile.age', reason: expect.any(String) },
      { line: 4, field: 'id', reason: '"row-1" repeats line 1' },
    ]);
  });

  it('CSV: a request column of quoted JSON; a short row and bad JSON are reported by line', () => {
    const json = csvField(JSON.stringify(request));
    const f = file('s.csv', `id,slice,request\na,x,${json}\nb,x\nc,x,{oops}\n`);
    const p = problems(() => readSuiteFile(f));
    expect(p.map((x) => [x.line, x.field])).toEqual([
      [3, ''],
      [4, 'request'],
    ]);
    const good = readSuiteFile(file('g.csv', `id,slice,request\r\na,x,${json}\r\n`));
    expect(good.rows[0]?.request).toEqual(request);
  });

  it('CSV without a request column is refused at the header', () => {
    expect(problems(() => readSuiteFile(file('h.csv', 'id,slice\na,b\n')))[0]).toMatchObject({
      line: 1,
      field: 'request',
    });
  });

  it('Arrow: round trip, and a bad request names its row', () => {
    const rows = [
      { id: 'a', slice: 'x', request },
      { id: 'b', slice: 'x', request: { ...request, days: 99 } },
    ];
    // suiteToArrow writes whatever it is given; the reader validates.
    const p = problems(() => readSuiteFile(file('s.arrow', suiteToArrow(rows as never))));
    expect(p).toEqual([{ line: 2, field: 'request.days', reason: expect.any(String) }]);
    expect(readSuiteFile(file('ok.arrow', suiteToArrow([rows[0] as never]))).rows[0]?.request).toEqual(
      request,
    );
  });

  it('an unsupported extension and an empty file are typed errors', () => {
    expect(() => readSuiteFile(file('s.txt', 'x'))).toThrow(/\.arrow, \.jsonl or \.csv/);
    expect(problems(() => readSuiteFile(file('e.jsonl', '\n')))[0]?.reason).toBe('the suite has no rows');
  });
});
