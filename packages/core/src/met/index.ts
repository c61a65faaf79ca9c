/**
 * @packageDocumentation
 * `@nexfitra/core/met`: MET values of everyday, exercise and sport activities from the Compendium
 * of Physical Activities, keyed by the Compendium's five-digit activity code.
 *
 * 1 MET is the energy cost of sitting quietly, ≈ 3.5 mL O₂/kg/min ≈ 1 kcal/kg/h, so an activity of
 * `met` METs costs about `met × kg × hours` kcal (gross, resting included).
 *
 * Source (facts only; codes and values as published, activity wording ours):
 * Ainsworth BE, Haskell WL, Herrmann SD, Meckes N, Bassett DR Jr, Tudor-Locke C, Greer JL,
 * Vezina J, Whitt-Glover MC, Leon AS. 2011 Compendium of Physical Activities: a second update of
 * codes and MET values. Med Sci Sports Exerc. 2011;43(8):1575–1581.
 * The 2024 Adult Compendium (Herrmann SD et al., J Sport Health Sci. 2024;13(1):6–12) revised
 * 176 values; this table keeps the 2011 edition, named on every row, until each 2024 value can
 * be checked against its published table (see `datasets/met/CARD.md`).
 */
import { z } from 'zod';
import { NexFitraError } from '../errors';
import { MET_HEADINGS, MET_ROWS } from './table';

export type { MetHeadingT } from './table';
export { MET_HEADINGS } from './table';

/** Compendium editions a row can come from. */
export const MET_EDITIONS = ['2011', '2024'] as const;

/** One activity of the MET table. */
export const MetActivity = z
  .object({
    /** Five-digit Compendium activity code, e.g. `"02054"`. */
    code: z.string().regex(/^\d{5}$/),
    /** Metabolic equivalents (multiples of 1 kcal/kg/h). */
    met: z.number().positive().max(25),
    heading: z.enum(MET_HEADINGS),
    /** Short description in our words. */
    activity: z.string().min(1),
    /** Compendium edition the code and value come from. */
    edition: z.enum(MET_EDITIONS),
  })
  .strict();
export type MetActivityT = z.infer<typeof MetActivity>;

/** The MET table, one frozen row per Compendium code, in Compendium order within each heading. */
export const MET_VALUES: readonly MetActivityT[] = /* @__PURE__ */ Object.freeze(
  MET_ROWS.map(([code, met, heading, activity]) =>
    Object.freeze({ code, met, heading, activity, edition: '2011' as const }),
  ),
);

let byCode: Map<string, MetActivityT> | undefined;

/**
 * The MET table row of a Compendium activity code.
 *
 * @param code five-digit Compendium code as a string, e.g. `"02054"` (leading zero kept)
 * @returns the frozen row: `{ code, met, heading, activity, edition }`
 * @throws {NexFitraError} `INVALID_TYPE` when `code` is not a five-digit string;
 *   `INVALID_ENUM` when the code is not in the table
 * @example getMet('02054').met // 3.5 (resistance training, multiple exercises, 8–15 reps)
 */
export function getMet(code: string): MetActivityT {
  if (typeof code !== 'string' || !/^\d{5}$/.test(code)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'getMet',
      path: ['code'],
      value: code,
      allowed: 'a five-digit Compendium code as a string, e.g. "02054"',
    });
  }
  byCode ??= new Map(MET_VALUES.map((r) => [r.code, r]));
  const row = byCode.get(code);
  if (!row) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: 'getMet',
      path: ['code'],
      value: code,
      allowed: `one of the ${MET_VALUES.length} Compendium codes in MET_VALUES (e.g. "02054", "12050", "17200")`,
    });
  }
  return row;
}
