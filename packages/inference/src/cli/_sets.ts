/** @internal Sets of an exercise in words a lifter reads: "3 × 8–10 @ RIR 2, rest 2:00". */
import type { LoadT, PrescribedSetT } from '@nexfitra/core';

export function loadText(load: LoadT | undefined): string {
  if (!load) return '';
  if (load.type === 'percent-1rm') return `${load.value}% 1RM`;
  if (load.type === 'kg') return `${load.value} kg`;
  return load.type === 'rpe' ? `RPE ${load.value}` : `RIR ${load.value}`;
}

export function restText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : `${m}:${String(s).padStart(2, '0')}`;
}

function oneSet(s: PrescribedSetT): string {
  if (s.seconds !== undefined)
    return s.seconds >= 60 && s.seconds % 60 === 0 ? `${s.seconds / 60} min` : `${s.seconds} s`;
  if (typeof s.reps === 'number') return String(s.reps);
  return s.reps ? (s.reps.min === s.reps.max ? String(s.reps.min) : `${s.reps.min}–${s.reps.max}`) : '';
}

/** Consecutive identical sets grouped: "3 × 8–10" then load and rest columns. */
export interface SetGroup {
  readonly scheme: string;
  readonly load: string;
  readonly rest: string;
}

export function groupSets(sets: readonly PrescribedSetT[]): SetGroup[] {
  const groups: { key: string; count: number; set: PrescribedSetT }[] = [];
  for (const s of sets) {
    const key = JSON.stringify(s);
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.count++;
    else groups.push({ key, count: 1, set: s });
  }
  return groups.map((g) => ({
    scheme: `${g.count} × ${oneSet(g.set)}`,
    load: loadText(g.set.load),
    rest: g.set.restSeconds > 0 ? `rest ${restText(g.set.restSeconds)}` : '',
  }));
}

/** Compact one-line form: "3 × 8–10 RIR 2". */
export function setsLine(sets: readonly PrescribedSetT[]): string {
  return groupSets(sets)
    .map((g) => [g.scheme, g.load].filter(Boolean).join(' '))
    .join(' + ');
}
