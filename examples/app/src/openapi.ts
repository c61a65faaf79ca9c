/**
 * The OpenAPI 3.1 document, its request bodies generated from the zod schemas with zod 4's
 * `z.toJSONSchema` (no extra dependency). Responses are described in words.
 */
import { z } from 'zod';
import { feedbackPaths } from './routes/feedback';
import { SwapBody } from './routes/plans';
import { Credentials, EntryBody, GrantBody, ProfileDoc, RefreshBody, SignUp } from './schemas';

const json = (schema: z.ZodType) => ({
  required: true,
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
  },
});
const ok = (description: string) => ({ description });
const errors = {
  '400': ok('bad query parameter'),
  '401': ok('no or invalid access token'),
  '413': ok('body too large'),
  '415': ok('body is not application/json'),
  '422': ok('invalid fields: { error: { code, message, fields: [{ path, value, allowed }] } }'),
};
const bearer = [{ bearer: [] }];
const planQuery = [
  { name: 'model', in: 'query', schema: { type: 'string', default: 'builtin:rules' } },
  { name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 14, default: 7 } },
  { name: 'weeks', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 12, default: 4 } },
  { name: 'seed', in: 'query', schema: { type: 'integer', minimum: 0 } },
];
const userParam = {
  name: 'user',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: 'a client id (coach with a grant; reads only)',
};

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'NexFitra reference app', version: '0.0.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: {
      '/healthz': { get: { responses: { '200': ok('database ready'), '503': ok('database not ready') } } },
      '/auth/signup': {
        post: {
          requestBody: json(SignUp),
          responses: { '201': ok('tokens'), '409': ok('email taken'), ...errors },
        },
      },
      '/auth/login': {
        post: {
          requestBody: json(Credentials),
          responses: { '200': ok('tokens'), '429': ok('rate limited'), ...errors },
        },
      },
      '/auth/refresh': {
        post: {
          requestBody: json(RefreshBody),
          responses: { '200': ok('new tokens (the old one is spent)'), ...errors },
        },
      },
      '/auth/logout': {
        post: { requestBody: json(RefreshBody), responses: { '204': ok('family revoked') } },
      },
      '/auth/grants': {
        post: {
          security: bearer,
          requestBody: json(GrantBody),
          responses: { '201': ok('coach may read your data'), ...errors },
        },
        get: { security: bearer, responses: { '200': ok('the coaches you granted access') } },
      },
      '/profile': {
        get: {
          security: bearer,
          parameters: [userParam],
          responses: { '200': ok('the profile'), '404': ok('none yet'), ...errors },
        },
        put: {
          security: bearer,
          requestBody: json(ProfileDoc),
          responses: { '200': ok('updated'), '201': ok('created'), ...errors },
        },
      },
      '/profile/history': {
        get: { security: bearer, parameters: [userParam], responses: { '200': ok('every version') } },
      },
      '/models': { get: { responses: { '200': ok('registered plan models') } } },
      '/plans': {
        get: {
          security: bearer,
          parameters: [userParam],
          responses: { '200': ok('your plans, newest first') },
        },
        post: {
          security: bearer,
          parameters: planQuery,
          responses: {
            '201': ok('the plan, stored as your next version'),
            '409': ok('no profile'),
            ...errors,
            '422': ok('refused (reasons), no safe plan, or invalid fields'),
          },
        },
      },
      '/plans/{id}': {
        get: {
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': ok('a plan'), '404': ok('not yours or none') },
        },
      },
      '/plans/stream': {
        post: {
          security: bearer,
          parameters: planQuery,
          responses: {
            '200': ok(
              'text/event-stream: `start`, one `part` per finished session and day ({ kind, view }), then `plan` (as POST /plans answers) or `error` ({ error: { code, message, reasons? } })',
            ),
            '409': ok('no profile'),
            ...errors,
          },
        },
      },
      '/plans/{id}/swap': {
        post: {
          security: bearer,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          requestBody: json(SwapBody),
          responses: {
            '201': ok('the plan with that meal or session replaced, stored as your next version'),
            '404': ok('not yours or none'),
            '409': ok('no other choice fits the request (NO_ALTERNATIVE)'),
            ...errors,
            '422': ok('no such day, meal or session (the field), or the new plan breaks a hard rule'),
          },
        },
      },
      '/progress/entries': {
        post: {
          security: bearer,
          requestBody: json(EntryBody),
          responses: { '201': ok('stored (replaces that date)'), ...errors },
        },
      },
      '/progress': {
        get: {
          security: bearer,
          parameters: [userParam],
          responses: { '200': ok('trend, expenditure, projection, strength, SVG charts') },
        },
      },
      ...feedbackPaths(),
    },
  };
}
