/**
 * @packageDocumentation
 * `@nexfitra/core/internal`: the input-check helpers every NexFitra package uses, so the sibling
 * packages throw the same {@link NexFitraError} shape. Not a public API: no semver promise,
 * and not re-exported from the root entry.
 *
 * @internal
 */
export type { NumberRange } from './_check';
export { checkEnum, checkNumber, checkObject } from './_check';
