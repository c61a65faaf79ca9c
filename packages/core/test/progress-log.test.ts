import { describe, expect, it } from 'vitest';
import { checkProgressLog } from '../src/progress/index';

const kg = (value: number) => ({ value, unit: 'kg' as const });

describe('checkProgressLog', () => {
  it('reports every bad or odd entry with a typed issue and drops nothing silently', () => {
    const log = [
      { date: '2026-01-01', weight: kg(80), intakeKcal: 2100 },
      { date: '2026-01-03', weight: kg(80.4) },
      { date: '2026-01-02', weight: kg(80.2), intakeKcal: -300 }, // out of order + negative intake
      { date: '2026-01-03', weight: kg(80.4) }, // exact duplicate
      { date: '2026-01-04', weight: kg(100.5), intakeKcal: 500 }, // 20 kg jump, low intake
      { date: '2026-01-05', intakeKcal: 2000 },
      { date: '2026-01-05', intakeKcal: 2500, weight: kg(80.1) }, // conflicting intake
      { date: 'yesterday', weight: kg(80) }, // invalid date: entry unusable
      { date: '2026-01-06', weight: { value: 80, unit: 'stone' } }, // invalid field
    ];
    const { days, issues } = checkProgressLog(log);
    expect(issues.map((i) => [i.index, i.code, i.severity])).toEqual([
      [2, 'NEGATIVE_INTAKE', 'error'],
      [2, 'DATE_OUT_OF_ORDER', 'warning'],
      [3, 'DUPLICATE_ENTRY', 'warning'],
      [4, 'WEIGHT_JUMP', 'warning'],
      [4, 'LOW_INTAKE', 'warning'],
      [5, 'WEIGHT_JUMP', 'warning'], // and back again (reported on the day's first entry)
      [6, 'DUPLICATE_DATE', 'warning'],
      [6, 'CONFLICTING_INTAKE', 'error'],
      [7, 'INVALID_ENTRY', 'error'],
      [8, 'INVALID_ENTRY', 'error'],
    ]);
    expect(days.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
    ]);
    // The out-of-order entry is kept (its weight), the negative intake is not used.
    expect(days[1]).toMatchObject({ weightKg: 80.2, sources: [2] });
    expect(days[1]!.intakeKcal).toBeUndefined();
    expect(days[2]).toMatchObject({ weighIns: 1, sources: [1] });
    expect(days[4]!.intakeKcal).toBeUndefined();
    expect(days[4]!.weightKg).toBe(80.1);
    // Every input index is either used in a day or named by an error.
    const used = new Set(days.flatMap((d) => d.sources));
    const errored = new Set(
      issues.filter((i) => i.severity === 'error' || i.code === 'DUPLICATE_ENTRY').map((i) => i.index),
    );
    for (let i = 0; i < log.length; i++) expect(used.has(i) || errored.has(i)).toBe(true);
  });
  it('converts pounds and averages two weigh-ins on one day', () => {
    const { days, issues } = checkProgressLog([
      { date: '2026-02-01', weight: { value: 176, unit: 'lb' } },
      { date: '2026-02-01', weight: kg(80) },
    ]);
    // 176 lb × 0.45359237 = 79.83225712 kg; mean with 80 = 79.91612856.
    expect(days[0]!.weightKg).toBeCloseTo(79.91612856, 8);
    expect(issues.map((i) => i.code)).toEqual(['DUPLICATE_DATE']);
  });
  it('throws a NexFitraError when the log is not an array', () => {
    expect(() => checkProgressLog({} as never)).toThrow(/checkProgressLog: entries/);
  });
});
