import { checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { hasFood } from '../foods/index';
import type { DishComponentT, DishT } from '../schemas/dish';

type Path = readonly (string | number)[];

/** @internal Light shape check of one component (foodId in the catalogue, finite grams ≥ 0). */
export function checkComponent(fn: string, path: Path, c: unknown): DishComponentT {
  const o = checkObject(fn, path, c);
  if (!hasFood(o['foodId'])) {
    throw new NexFitraError({
      code: typeof o['foodId'] === 'string' ? 'INVALID_ENUM' : 'INVALID_TYPE',
      fn,
      path: [...path, 'foodId'],
      value: o['foodId'],
      allowed: 'a food id of the curated catalogue (@nexfitra/core/foods)',
    });
  }
  checkNumber(fn, [...path, 'minG'], o['minG'], { min: 0, unit: 'g' });
  checkNumber(fn, [...path, 'maxG'], o['maxG'], { min: 0, unit: 'g' });
  if (o['measure'] !== undefined && typeof o['measure'] !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [...path, 'measure'],
      value: o['measure'],
      allowed: 'a household measure label (string) or absent',
    });
  }
  return c as DishComponentT;
}

/**
 * @internal Light shape check of a dish argument: an object whose `components` is an array of
 * components ({@link checkComponent}). Full validation is the `Dish` schema's job.
 */
export function checkDish(fn: string, dish: unknown): DishT {
  const d = checkObject(fn, 'dish', dish);
  const cs = d['components'];
  if (!Array.isArray(cs)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['dish', 'components'],
      value: cs,
      allowed: 'an array of dish components',
    });
  }
  for (const [i, c] of cs.entries()) checkComponent(fn, ['dish', 'components', i], c);
  return dish as DishT;
}
