/**
 * Reads and validates a JSON body against a zod schema: 415 for a non-JSON content type, 400
 * for malformed JSON, 422 with every field error for a document the schema rejects. The size
 * limit is the app-wide body-limit middleware's (413).
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { fieldErrors, HttpError } from './errors';

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'the body is not valid JSON');
  }
  const r = schema.safeParse(raw);
  if (!r.success)
    throw new HttpError(422, 'INVALID_FIELDS', 'some fields are not valid', fieldErrors(r.error.issues, raw));
  return r.data;
}
