/**
 * CI gates: `--fail-if "<expression>"`, evaluated once per model; the gate fails when it is true
 * for any model. Grammar (whitespace ignored):
 *
 * ```
 * expr  := and ('||' and)*
 * and   := unary ('&&' unary)*
 * unary := '!' unary | '(' expr ')' | value (op value)?      op: > >= < <= == !=
 * value := number | fn '(' metric ')' | metric
 * fn    := mean | min | max | sum | p50 | p95 | count | worse | better
 * ```
 *
 * A bare `metric` is its mean over the requests where it applies (`hardViolations>0` is true
 * when any request has one). `count(m)` is how many requests have a value; `worse(m)` /
 * `better(m)` are 1 when this model's paired verdict against the first model is worse / better.
 * A value alone is true when not 0. Metric names are the report's keys (`kcalErrorPct`,
 * `hard.ALLERGEN_PRESENT`, `dri.calcium_mg`); an unknown name is an error, never 0.
 */
import { NexFitraError } from '@nexfitra/core';
import type { EvalReportT } from '../report/schema';
import { quantileSorted } from '../report/summarize';

const FN = 'failIf';
const FNS = ['mean', 'min', 'max', 'sum', 'p50', 'p95', 'count', 'worse', 'better'] as const;
type Fn = (typeof FNS)[number];

type Node =
  | { t: 'num'; v: number }
  | { t: 'ref'; fn: Fn; metric: string }
  | { t: 'cmp'; op: string; a: Node; b: Node }
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node };

const TOKEN = /(>=|<=|==|!=|&&|\|\||[()!<>]|[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_.-]*)/y;

function syntax(expr: string, at: number, what: string): NexFitraError {
  return new NexFitraError({
    code: 'INVALID_TYPE',
    fn: FN,
    path: ['expression', at],
    value: expr,
    allowed: `${what} at character ${at + 1} (grammar in the README: value op value joined by && ||)`,
  });
}

/** Parses a gate expression. @throws {NexFitraError} naming the character where it went wrong */
export function parseGate(expr: string): Node {
  const toks: { s: string; at: number }[] = [];
  let at = 0;
  for (;;) {
    while (at < expr.length && /\s/.test(expr[at] as string)) at++;
    if (at >= expr.length) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(expr);
    if (m === null) throw syntax(expr, at, `an operator, number or metric name, not "${expr[at]}",`);
    toks.push({ s: m[1] as string, at });
    at = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => toks[i]?.s;
  const eat = (s: string) => {
    if (peek() !== s) throw syntax(expr, toks[i]?.at ?? expr.length, `"${s}"`);
    i++;
  };
  const value = (): Node => {
    const tok = toks[i];
    if (tok === undefined) throw syntax(expr, expr.length, 'a number or a metric');
    i++;
    if (/^[0-9]/.test(tok.s)) return { t: 'num', v: Number(tok.s) };
    if (!/^[A-Za-z_]/.test(tok.s)) throw syntax(expr, tok.at, 'a number or a metric');
    if (peek() === '(' && (FNS as readonly string[]).includes(tok.s)) {
      eat('(');
      const m = toks[i];
      if (m === undefined || !/^[A-Za-z_]/.test(m.s))
        throw syntax(expr, m?.at ?? expr.length, 'a metric name');
      i++;
      eat(')');
      return { t: 'ref', fn: tok.s as Fn, metric: m.s };
    }
    return { t: 'ref', fn: 'mean', metric: tok.s };
  };
  const unary = (): Node => {
    if (peek() === '!') {
      i++;
      return { t: 'not', a: unary() };
    }
    if (peek() === '(') {
      i++;
      const e = or();
      eat(')');
      return e;
    }
    const a = value();
    const op = peek();
    if (op && ['>', '>=', '<', '<=', '==', '!='].includes(op)) {
      i++;
      return { t: 'cmp', op, a, b: value() };
    }
    return a;
  };
  const and = (): Node => {
    let a = unary();
    while (peek() === '&&') {
      i++;
      a = { t: 'and', a, b: unary() };
    }
    return a;
  };
  const or = (): Node => {
    let a = and();
    while (peek() === '||') {
      i++;
      a = { t: 'or', a, b: and() };
    }
    return a;
  };
  const tree = or();
  if (i < toks.length) throw syntax(expr, toks[i]?.at ?? 0, 'the end of the expression');
  return tree;
}

function evalNode(node: Node, report: EvalReportT, model: string): number {
  switch (node.t) {
    case 'num':
      return node.v;
    case 'not':
      return evalNode(node.a, report, model) ? 0 : 1;
    case 'and':
      return evalNode(node.a, report, model) && evalNode(node.b, report, model) ? 1 : 0;
    case 'or':
      return evalNode(node.a, report, model) || evalNode(node.b, report, model) ? 1 : 0;
    case 'cmp': {
      const a = evalNode(node.a, report, model);
      const b = evalNode(node.b, report, model);
      const r = { '>': a > b, '>=': a >= b, '<': a < b, '<=': a <= b, '==': a === b, '!=': a !== b }[node.op];
      return r ? 1 : 0;
    }
    case 'ref': {
      if (!report.metrics.some((m) => m.key === node.metric)) {
        throw new NexFitraError({
          code: 'INVALID_ENUM',
          fn: FN,
          path: ['expression', node.metric],
          value: node.metric,
          allowed: 'a metric key of the report (see the metric definitions)',
        });
      }
      if (node.fn === 'worse' || node.fn === 'better') {
        const c = report.comparisons.find((x) => x.candidate === model && x.metric === node.metric);
        return c?.verdict === node.fn ? 1 : 0;
      }
      const xs = report.rows
        .filter((r) => r.model === model)
        .map((r) => r.metrics[node.metric])
        .filter((v): v is number => typeof v === 'number');
      if (node.fn === 'count') return xs.length;
      if (xs.length === 0) return Number.NaN;
      const sorted = [...xs].sort((a, b) => a - b);
      const sum = xs.reduce((s, v) => s + v, 0);
      return {
        mean: sum / xs.length,
        sum,
        min: sorted[0] as number,
        max: sorted[sorted.length - 1] as number,
        p50: quantileSorted(sorted, 0.5),
        p95: quantileSorted(sorted, 0.95),
      }[node.fn];
    }
  }
}

/** Models for which `expr` is true (empty: the gate passes). */
export function failingModels(expr: string, report: EvalReportT): string[] {
  const tree = parseGate(expr);
  return report.models
    .map((m) => m.id)
    .filter((m) => {
      const v = evalNode(tree, report, m);
      return !Number.isNaN(v) && v !== 0;
    });
}
