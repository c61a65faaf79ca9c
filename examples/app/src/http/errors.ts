/**
 * Error bodies the API returns: `{ error: { code, message, fields? } }`. Field errors name the
 * path, the value and what is allowed (from core's schema messages). Stack traces never leave
 * the server: unexpected errors are logged and answered with a bare 500.
 */
import type { z } from 'zod';

export interface FieldError {
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500,
    readonly code: string,
    message: string,
    readonly fields?: readonly FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A shown value: short, JSON-safe. */
function shown(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 77)}...` : v;
  if (v === null || typeof v !== 'object') return v;
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : v;
}

/** Every zod issue as a field error; unknown keys are listed one by one. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    const base = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) {
        out.push({
          path: base ? `${base}.${k}` : k,
          value: shown(valueAt(input, [...i.path, k])),
          allowed: 'no such field (check the spelling)',
        });
      }
      continue;
    }
    out.push({ path: base || '(body)', value: shown(valueAt(input, i.path)), allowed: i.message });
  }
  return out;
}
