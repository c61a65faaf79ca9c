/**
 * @internal Accepted loads in the caller's unit (kg or lb): the training functions are
 * unit-agnostic and return results in the unit they were given. 2000 covers any human lift in lb.
 */
export const LOAD_RANGE = { min: 0, minExclusive: true, max: 2000, unit: '(kg or lb)' } as const;

/**
 * @internal Smallest accepted rounding step or load increment, in the caller's unit (kg or lb).
 * The finest plates sold are 0.25 kg / 0.5 lb fractional plates; 0.01 leaves room for any gym
 * while keeping `load / step` (≤ 2000 / 0.01 = 2e5 steps) far from overflow.
 */
export const MIN_INCREMENT = 0.01;
