/**
 * @internal Accepted loads in the caller's unit (kg or lb): the training functions are
 * unit-agnostic and return results in the unit they were given. 2000 covers any human lift in lb.
 */
export const LOAD_RANGE = { min: 0, minExclusive: true, max: 2000, unit: '(kg or lb)' } as const;
