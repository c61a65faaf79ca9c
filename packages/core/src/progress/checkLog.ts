import { type CompletedWorkoutT, type IntakeMacrosT, ProgressEntry } from '../schemas/progress';
import { toKg } from '../units/index';
import { checkArray, dayNumber } from './_dates';

/** What can be wrong with a log; each issue names the entry (input index), date and field. */
export type LogIssueCode =
  /** The entry fails the ProgressEntry schema in a field that could not be kept (reported, not used). */
  | 'INVALID_ENTRY'
  /** A negative intake: not a possible amount, so that day's intake is not used. */
  | 'NEGATIVE_INTAKE'
  /** An entry dated before the one logged just before it; the log is sorted, the entry kept. */
  | 'DATE_OUT_OF_ORDER'
  /** An exact repeat of an entry already logged for that date: counted once. */
  | 'DUPLICATE_ENTRY'
  /** Two different entries for one date: weigh-ins are averaged, workouts both kept. */
  | 'DUPLICATE_DATE'
  /** Two different intakes for one date: neither is used, since the day's total is unknown. */
  | 'CONFLICTING_INTAKE'
  /** Weight changed more than physiology allows between two weigh-ins (a typo or unit slip?). */
  | 'WEIGHT_JUMP'
  /** Intake under 800 kcal (a very-low-calorie day, or a partial log): kept, flagged. */
  | 'LOW_INTAKE'
  /** Intake over 6,000 kcal: kept, flagged. */
  | 'HIGH_INTAKE';

export interface LogIssue {
  readonly code: LogIssueCode;
  /** `error`: the value is not used; `warning`: used as stated in the message. */
  readonly severity: 'error' | 'warning';
  /** Index of the entry in the input array. */
  readonly index: number;
  readonly date: string | null;
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** One calendar day of a checked log: weights in kg, everything logged for the date merged. */
export interface LogDay {
  readonly date: string;
  /** Days since 1970-01-01 (UTC). */
  readonly day: number;
  /** Mean of the day's weigh-ins, kg; absent when none. */
  readonly weightKg?: number;
  /** Number of weigh-ins averaged into `weightKg`. */
  readonly weighIns: number;
  /** The day's logged intake, kcal; absent when none or conflicting. */
  readonly intakeKcal?: number;
  /** False when the entry said `intakeComplete: false`. */
  readonly intakeComplete: boolean;
  readonly macros?: IntakeMacrosT;
  readonly workouts: readonly CompletedWorkoutT[];
  /** Input indices of the entries merged into this day. */
  readonly sources: readonly number[];
}

export interface CheckedLog {
  /** One element per logged date, in date order. */
  readonly days: readonly LogDay[];
  /** Every issue found, in input order; nothing is dropped without one. */
  readonly issues: readonly LogIssue[];
}

/** Weigh-ins further apart than this per day (plus 5 kg) are a WEIGHT_JUMP (see checkProgressLog). */
export const WEIGHT_JUMP_KG = 5;
/** Intake bounds outside which a day is flagged (kept). */
export const INTAKE_FLAGS_KCAL = { low: 800, high: 6000 } as const;

interface Parsed {
  index: number;
  date: string;
  day: number;
  weightKg?: number;
  intakeKcal?: number;
  intakeComplete: boolean;
  macros?: IntakeMacrosT;
  workouts: CompletedWorkoutT[];
  key: string;
}

const FN = 'checkProgressLog';

/** A logged value as an issue can carry it: finite numbers and short strings as they are, anything else as text. */
function shown(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 120 ? `${value.slice(0, 117)}...` : value;
  try {
    const s = JSON.stringify(value, (_k, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? `${v}n` : v,
    );
    return s === undefined ? String(typeof value) : s.length > 120 ? `${s.slice(0, 117)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Parses one entry; a field that fails its schema is removed (and reported) so the rest is kept. */
function parseEntry(raw: unknown, index: number, issues: LogIssue[]): Parsed | null {
  let candidate: Record<string, unknown> =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as object) } : {};
  const dateValue = candidate['date'];
  const date = typeof dateValue === 'string' ? dateValue : null;
  for (let attempt = 0; attempt < 8; attempt++) {
    const r = ProgressEntry.safeParse(candidate);
    if (r.success) {
      const e = r.data;
      return {
        index,
        date: e.date,
        day: dayNumber(FN, [index, 'date'], e.date),
        ...(e.weight ? { weightKg: toKg(e.weight) } : {}),
        ...(e.intakeKcal !== undefined ? { intakeKcal: e.intakeKcal } : {}),
        intakeComplete: e.intakeComplete !== false,
        ...(e.macros ? { macros: e.macros } : {}),
        workouts: e.workouts ?? [],
        key: JSON.stringify(e),
      };
    }
    const issue = r.error.issues[0]!;
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
    // Only the removed field's own issue is reported: an entry left with nothing is already covered.
    if (attempt > 0 && field && !(field in candidate)) return null;
    const value = field ? candidate[field] : raw;
    const negative = field === 'intakeKcal' && typeof value === 'number' && value < 0;
    issues.push({
      code: negative ? 'NEGATIVE_INTAKE' : 'INVALID_ENTRY',
      severity: 'error',
      index,
      date,
      field: issue.path.join('.') || '(entry)',
      value: shown(value),
      message: negative
        ? `Intake ${value} kcal is negative; that day's intake is not used.`
        : `${issue.path.join('.') || 'entry'}: ${issue.message}; ${field && field !== 'date' ? `the field is not used, the rest of the entry is kept` : 'the entry is not used'}.`,
    });
    if (!field || field === 'date' || !(field in candidate)) return null;
    const { [field]: _removed, ...rest } = candidate;
    candidate = rest;
  }
  return null;
}

/**
 * Checks a raw day-by-day log and returns it cleaned — one day per date, in date order, weights
 * in kg — with a typed issue for everything odd: entries that fail the schema, negative
 * intakes, dates out of order, duplicates, conflicting intakes, weight jumps larger than
 * `5 kg + 0.3 kg × (days between − 1)` (no tissue changes that fast; usually a typo or a
 * kg/lb slip) and implausibly low or high intakes. Nothing is dropped without an issue saying
 * so; warnings keep the value, errors exclude it.
 *
 * @param entries ProgressEntry-shaped objects in any order
 * @throws {NexFitraError} `INVALID_TYPE` when `entries` is not an array
 * @example checkProgressLog([{ date: '2026-01-02', weight: { value: 80, unit: 'kg' } }, { date: '2026-01-01', weight: { value: 80.4, unit: 'kg' }, intakeKcal: -5 }]).issues.map((i) => i.code) // ['NEGATIVE_INTAKE', 'DATE_OUT_OF_ORDER']
 */
export function checkProgressLog(entries: readonly unknown[]): CheckedLog {
  const list = checkArray(FN, ['entries'], entries);
  const issues: LogIssue[] = [];
  const parsed: Parsed[] = [];
  list.forEach((raw, index) => {
    const p = parseEntry(raw, index, issues);
    if (!p) return;
    const prev = parsed[parsed.length - 1];
    if (prev && p.day < prev.day) {
      issues.push({
        code: 'DATE_OUT_OF_ORDER',
        severity: 'warning',
        index,
        date: p.date,
        field: 'date',
        value: p.date,
        message: `${p.date} is logged after ${prev.date}; the log is sorted and the entry kept.`,
      });
    }
    parsed.push(p);
  });
  // Stable sort: entries for one date stay in input order.
  const sorted = [...parsed].sort((a, b) => a.day - b.day);
  const days: LogDay[] = [];
  let i = 0;
  while (i < sorted.length) {
    const group: Parsed[] = [];
    const day = sorted[i]!.day;
    while (i < sorted.length && sorted[i]!.day === day) group.push(sorted[i++]!);
    days.push(mergeDay(group, issues));
  }
  flagValues(days, issues);
  issues.sort((a, b) => a.index - b.index);
  return { days, issues };
}

function mergeDay(group: Parsed[], issues: LogIssue[]): LogDay {
  const first = group[0]!;
  const kept: Parsed[] = [];
  for (const p of group) {
    if (kept.some((k) => k.key === p.key)) {
      issues.push({
        code: 'DUPLICATE_ENTRY',
        severity: 'warning',
        index: p.index,
        date: p.date,
        field: '(entry)',
        value: p.date,
        message: `An identical entry for ${p.date} is already logged; it is counted once.`,
      });
      continue;
    }
    if (kept.length > 0) {
      issues.push({
        code: 'DUPLICATE_DATE',
        severity: 'warning',
        index: p.index,
        date: p.date,
        field: 'date',
        value: p.date,
        message: `A second entry for ${p.date}: weigh-ins are averaged and workouts kept.`,
      });
    }
    kept.push(p);
  }
  const weights = kept.flatMap((p) => (p.weightKg === undefined ? [] : [p.weightKg]));
  const intakes = kept.filter((p) => p.intakeKcal !== undefined);
  let intake: Parsed | undefined = intakes[0];
  if (intakes.length > 1 && new Set(intakes.map((p) => p.intakeKcal)).size > 1) {
    for (const p of intakes.slice(1)) {
      issues.push({
        code: 'CONFLICTING_INTAKE',
        severity: 'error',
        index: p.index,
        date: p.date,
        field: 'intakeKcal',
        value: p.intakeKcal,
        message: `${p.date} has intakes of ${intakes.map((q) => q.intakeKcal).join(' and ')} kcal; neither is used.`,
      });
    }
    intake = undefined;
  }
  const macros = kept.find((p) => p.macros)?.macros;
  return {
    date: first.date,
    day: first.day,
    ...(weights.length ? { weightKg: weights.reduce((s, w) => s + w, 0) / weights.length } : {}),
    weighIns: weights.length,
    ...(intake?.intakeKcal !== undefined ? { intakeKcal: intake.intakeKcal } : {}),
    intakeComplete: intake ? intake.intakeComplete : true,
    ...(macros ? { macros } : {}),
    workouts: kept.flatMap((p) => p.workouts),
    sources: kept.map((p) => p.index),
  };
}

function flagValues(days: readonly LogDay[], issues: LogIssue[]): void {
  let last: LogDay | undefined;
  for (const d of days) {
    const index = d.sources[0]!;
    if (d.weightKg !== undefined) {
      if (last?.weightKg !== undefined) {
        const gap = d.day - last.day;
        const limit = WEIGHT_JUMP_KG + 0.3 * (gap - 1);
        const change = d.weightKg - last.weightKg;
        if (Math.abs(change) > limit) {
          issues.push({
            code: 'WEIGHT_JUMP',
            severity: 'warning',
            index,
            date: d.date,
            field: 'weight',
            value: d.weightKg,
            message: `Weight changed by ${change.toFixed(1)} kg in ${gap} day(s) (more than ${limit.toFixed(1)} kg): check for a typo or a kg/lb slip. Kept; the trend's outlier test decides whether it is used.`,
          });
        }
      }
      last = d;
    }
    if (d.intakeKcal !== undefined) {
      const { low, high } = INTAKE_FLAGS_KCAL;
      if (d.intakeKcal < low || d.intakeKcal > high) {
        issues.push({
          code: d.intakeKcal < low ? 'LOW_INTAKE' : 'HIGH_INTAKE',
          severity: 'warning',
          index,
          date: d.date,
          field: 'intakeKcal',
          value: d.intakeKcal,
          message: `Intake ${d.intakeKcal} kcal is ${d.intakeKcal < low ? `under ${low}` : `over ${high}`} kcal: kept; check the day was fully logged.`,
        });
      }
    }
  }
}
