import type { ExperienceLevelT } from '@nexfitra/core';
import type { SessionKind, SplitName } from './types';

/**
 * @internal Split rules: how many sessions, of which kind, on which days.
 *
 * Sources for the frequencies:
 * - Ratamess NA, Alvar BA, Evetoch TK, Housh TJ, Kibler WB, Kraemer WJ, Triplett NT. American
 *   College of Sports Medicine position stand. Progression models in resistance training for
 *   healthy adults. Med Sci Sports Exerc. 2009;41(3):687–708. Frequency 2–3 d/wk for novices
 *   (total-body sessions), 3–4 d/wk for intermediates (total-body or upper/lower split), 4–5 d/wk
 *   for advanced lifters (split routines, each muscle group 1–3 times a week).
 * - Schoenfeld BJ, Ogborn D, Krieger JW. Effects of resistance training frequency on measures of
 *   muscle hypertrophy: a systematic review and meta-analysis. Sports Med. 2016;46(11):1689–1697.
 *   Training a muscle group at least twice a week gave more hypertrophy than once a week.
 *
 * Our rules (settings inside those descriptions, each split trains every muscle ≥ 2×/week from
 * 2 days on):
 * - 1–3 days, any level: full body on each day.
 * - 4 days: upper/lower twice.
 * - 5 days: intermediate upper/lower + one full-body day; advanced push/pull/legs + upper/lower.
 * - 6 days: intermediate and advanced push/pull/legs twice.
 * - 7 days: as 6 (one rest day a week is kept).
 * - Beginners: at most 4 resistance sessions (ACSM's 2–3 d/wk for novices, plus the 4-day
 *   upper/lower that still gives each muscle two sessions). Asked days above the cap (4 for
 *   beginners, 6 for others) become light conditioning sessions (low-MET cardio), so the week
 *   still trains on the days asked but with fewer hard days.
 * The d asked days fall on ⌊i·7/d⌋ (i = 0…d−1), spread across the week: at most 3 days in a
 * row up to 5 days a week (6 and 7 days force longer runs).
 */
export interface SplitChoice {
  readonly name: SplitName;
  readonly kinds: readonly SessionKind[];
  readonly days: readonly number[];
  readonly rule: string;
  /** Days (0–6) of light conditioning sessions that fill asked days above the cap. */
  readonly lightDays: readonly number[];
  readonly capped?: string;
}

const ACSM = 'ACSM 2009 (Ratamess et al.)';
const FREQ = 'Schoenfeld et al. 2016: each muscle ≥ 2×/week';

/** @internal The split for `daysAsked` training days at this level. */
export function chooseSplit(daysAsked: number, level: ExperienceLevelT): SplitChoice {
  const cap = level === 'beginner' ? 4 : 6;
  const n = Math.min(daysAsked, cap);
  const capped =
    n < daysAsked
      ? level === 'beginner'
        ? `beginners get at most 4 resistance sessions a week (${ACSM}: 2–3 d/wk for novices); the other ${daysAsked - n} asked day(s) are light conditioning`
        : `at most 6 resistance sessions a week (${ACSM}: 4–5 d/wk for advanced lifters); the 7th day is light conditioning`
      : undefined;
  let name: SplitName;
  let kinds: SessionKind[];
  let rule: string;
  if (n <= 3) {
    name = 'full-body';
    kinds = Array.from({ length: n }, () => 'full' as const);
    rule = `1–3 days → full body every session (${ACSM}: total-body sessions 2–3 d/wk; ${FREQ})`;
  } else if (n === 4) {
    name = 'upper-lower';
    kinds = ['upper', 'lower', 'upper', 'lower'];
    rule = `4 days → upper/lower twice (${ACSM}: upper/lower split 3–4 d/wk for intermediates; ${FREQ})`;
  } else if (n === 5 && level === 'intermediate') {
    name = 'upper-lower-full';
    kinds = ['upper', 'lower', 'full', 'upper', 'lower'];
    rule = `5 days, intermediate → upper/lower twice + one full-body day (${FREQ})`;
  } else if (n === 5) {
    name = 'push-pull-legs-upper-lower';
    kinds = ['push', 'pull', 'legs', 'upper', 'lower'];
    rule = `5 days, advanced → push/pull/legs + upper/lower (${ACSM}: split routines 4–5 d/wk; ${FREQ})`;
  } else {
    name = 'push-pull-legs';
    kinds = ['push', 'pull', 'legs', 'push', 'pull', 'legs'];
    rule = `6+ days → push/pull/legs twice (${ACSM}: split routines for advanced lifters; ${FREQ})`;
  }
  // Every asked day gets a session on ⌊i·7/d⌋; the resistance sessions take the spread
  // positions ⌊k·d/n⌋ of those, light conditioning the rest.
  const all = Array.from({ length: daysAsked }, (_, i) => Math.floor((i * 7) / daysAsked));
  const hardIdx = new Set(kinds.map((_, k) => Math.floor((k * daysAsked) / kinds.length)));
  const days = all.filter((_, i) => hardIdx.has(i));
  const lightDays = all.filter((_, i) => !hardIdx.has(i));
  return capped === undefined
    ? { name, kinds, days, rule, lightDays }
    : { name, kinds, days, rule, lightDays, capped };
}

const LABEL: Record<SessionKind, string> = {
  full: 'Full body',
  upper: 'Upper',
  lower: 'Lower',
  push: 'Push',
  pull: 'Pull',
  legs: 'Legs',
};

/** @internal Session names: "Upper A", "Upper B"…; a kind that occurs once has no letter. */
export function sessionNames(kinds: readonly SessionKind[]): string[] {
  const seen = new Map<SessionKind, number>();
  return kinds.map((k) => {
    const total = kinds.filter((x) => x === k).length;
    const i = seen.get(k) ?? 0;
    seen.set(k, i + 1);
    return total === 1 ? LABEL[k] : `${LABEL[k]} ${String.fromCharCode(65 + i)}`;
  });
}
