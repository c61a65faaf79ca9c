/**
 * @internal A linear model as plain data (objective, rows, bounds, integer columns), written
 * either as CPLEX LP text ({@link lpText}, what HiGHS' LP reader takes) or as the column arrays
 * and sparse matrix of HiGHS' structured API ({@link lpData}), without text in between.
 *
 * Both forms describe the same model: columns are numbered in the order the LP reader meets
 * them (objective, then the rows in order, then the bounds, then the integer sections), and
 * every coefficient, bound and right-hand side is rounded to the 15 significant digits the text
 * carries, so HiGHS gets identical numbers either way (checked against HiGHS' own reading of
 * the text in test/solver-lp.test.ts).
 */

/** One term `coef · name`; zero coefficients are never stored. */
export interface LpTerm {
  readonly name: string;
  readonly coef: number;
}

export interface LpRow {
  readonly name: string;
  readonly terms: readonly LpTerm[];
  readonly sense: '=' | '>=' | '<=';
  readonly rhs: number;
}

/** `lo ≤ name ≤ hi`; without `lo` the reader's default lower bound 0 holds. */
export interface LpBound {
  readonly name: string;
  readonly lo?: number;
  readonly hi: number;
}

export interface LpModel {
  /** Minimised. Empty means the constant 0 (written as `0 <first column>`). */
  readonly objective: readonly LpTerm[];
  readonly rows: readonly LpRow[];
  readonly bounds: readonly LpBound[];
  readonly generals: readonly string[];
  readonly binaries: readonly string[];
  /** The column named in an empty objective. */
  readonly firstColumn: string;
}

/** Collects the terms of one linear expression, dropping zero coefficients. */
export class LpExpr {
  readonly terms: LpTerm[] = [];
  add(coef: number, name: string): this {
    if (coef !== 0) this.terms.push({ name, coef });
    return this;
  }
}

/** Rounded numbers already seen (a day's LPs share most coefficients); cleared when large. */
const rounded = new Map<number, number>();
const MAX_ROUNDED = 65536;

/** The number as LP text carries it: 15 significant digits (memoised: `toPrecision` is slow). */
export function lpNumber(x: number): number {
  if (x === 0) return 0;
  let r = rounded.get(x);
  if (r === undefined) {
    if (rounded.size >= MAX_ROUNDED) rounded.clear();
    r = Number(x.toPrecision(15));
    rounded.set(x, r);
  }
  return r;
}

/** Number formatting LP readers accept (no exponent for ordinary magnitudes, no "-0"). */
function fmt(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-4 && Math.abs(x) < 1e12 ? String(lpNumber(x)) : x.toExponential(14);
}

function exprText(terms: readonly LpTerm[]): string {
  return terms
    .map((t, i) => `${t.coef < 0 ? '- ' : i === 0 ? '' : '+ '}${fmt(Math.abs(t.coef))} ${t.name}`)
    .join(' ');
}

/** The model as CPLEX LP text. */
export function lpText(m: LpModel): string {
  const out = [
    'Minimize',
    ` obj: ${m.objective.length === 0 ? `0 ${m.firstColumn}` : exprText(m.objective)}`,
    'Subject To',
    ...m.rows.map((r) => ` ${r.name}: ${exprText(r.terms)} ${r.sense} ${fmt(r.rhs)}`),
    'Bounds',
    ...m.bounds.map((b) => ` ${b.lo === undefined ? '' : `${fmt(b.lo)} <= `}${b.name} <= ${fmt(b.hi)}`),
  ];
  if (m.generals.length) out.push('General', ` ${m.generals.join(' ')}`);
  if (m.binaries.length) out.push('Binary', ` ${m.binaries.join(' ')}`);
  out.push('End');
  return out.join('\n');
}

/** HiGHS' structured model (`ModelData` of the `highs` package), rows in CSR form. */
export interface LpData {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly matrix: {
    readonly format: 'csr';
    readonly numRows: number;
    readonly numCols: number;
    readonly starts: Int32Array;
    readonly indices: Int32Array;
    readonly values: Float64Array;
  };
  readonly integrality?: Int32Array;
  /** Column index of each name. */
  readonly index: ReadonlyMap<string, number>;
}

/**
 * The model as HiGHS' structured data, columns numbered as the LP reader numbers them.
 * `infinity` is the loaded build's infinity (`highs.infinity`).
 */
export function lpData(m: LpModel, infinity: number): LpData {
  const index = new Map<string, number>();
  const see = (name: string) => {
    if (!index.has(name)) index.set(name, index.size);
  };
  if (m.objective.length === 0) see(m.firstColumn);
  for (const t of m.objective) see(t.name);
  let nnz = 0;
  for (const r of m.rows) {
    nnz += r.terms.length;
    for (const t of r.terms) see(t.name);
  }
  for (const b of m.bounds) see(b.name);
  for (const g of m.generals) see(g);
  for (const g of m.binaries) see(g);
  const n = index.size;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n).fill(infinity);
  for (const t of m.objective) {
    const j = index.get(t.name)!;
    colCost[j] = (colCost[j] as number) + lpNumber(t.coef);
  }
  for (const b of m.bounds) {
    const j = index.get(b.name)!;
    if (b.lo !== undefined) colLower[j] = lpNumber(b.lo);
    colUpper[j] = lpNumber(b.hi);
  }
  let integrality: Int32Array | undefined;
  if (m.generals.length + m.binaries.length > 0) {
    integrality = new Int32Array(n);
    for (const g of m.generals) integrality[index.get(g)!] = 1;
    for (const g of m.binaries) {
      const j = index.get(g)!;
      integrality[j] = 1;
      colLower[j] = 0;
      colUpper[j] = 1;
    }
  }
  const R = m.rows.length;
  const rowLower = new Float64Array(R);
  const rowUpper = new Float64Array(R);
  const starts = new Int32Array(R + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  m.rows.forEach((r, i) => {
    starts[i] = k;
    for (const t of r.terms) {
      indices[k] = index.get(t.name)!;
      values[k] = lpNumber(t.coef);
      k++;
    }
    const rhs = lpNumber(r.rhs);
    rowLower[i] = r.sense === '<=' ? -infinity : rhs;
    rowUpper[i] = r.sense === '>=' ? infinity : rhs;
  });
  starts[R] = k;
  return {
    numCols: n,
    numRows: R,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: R, numCols: n, starts, indices, values },
    ...(integrality ? { integrality } : {}),
    index,
  };
}
