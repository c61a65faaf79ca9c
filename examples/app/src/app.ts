/**
 * The Hono application: routes, body limit, error mapping, request logs. Built from its
 * dependencies so tests run it in process (`app.request()`) on an in-memory PGlite.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, Env } from './context';
import { requireUser } from './http/auth';
import { HttpError } from './http/errors';
import { openApiDocument } from './openapi';
import { pageRoutes } from './page';
import { authRoutes } from './routes/auth';
import { coachRoutes, grantRoutes } from './routes/coach';
import { feedbackRoutes } from './routes/feedback';
import { feedbackExportRoutes } from './routes/feedbackExport';
import { planRoutes } from './routes/plans';
import { profileRoutes } from './routes/profiles';
import { progressRoutes } from './routes/progress';

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const spec = openApiDocument();

  app.use('*', async (c, next) => {
    const t = performance.now();
    await next();
    deps.logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - t) },
      'request',
    );
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new HttpError(413, 'BODY_TOO_LARGE', `bodies are limited to ${deps.maxBodyBytes} bytes`);
      },
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await deps.db.query('SELECT 1');
      return c.json({ ok: true, storage: deps.db.kind });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });
  app.route('/', pageRoutes());
  app.get('/openapi.json', (c) => c.json(spec));
  app.get('/docs', (c) =>
    c.html(
      `<!doctype html><meta charset="utf-8"><title>NexFitra app API</title><h1>NexFitra app API</h1><p>The OpenAPI 3.1 document: <a href="/openapi.json">/openapi.json</a>.</p><pre>${Object.keys(
        (spec as { paths: object }).paths,
      ).join('\n')}</pre>`,
    ),
  );
  app.get('/models', (c) =>
    c.json({ models: deps.registry.list().map((e) => ({ id: e.id, info: e.info ?? null })) }),
  );

  app.route('/auth', authRoutes(deps));
  for (const path of ['/profile', '/profile/*', '/plans', '/plans/*', '/progress', '/progress/*'])
    app.use(path, requireUser(deps));
  app.route('/profile', profileRoutes(deps));
  app.route('/plans', planRoutes(deps));
  app.route('/progress', progressRoutes(deps));
  app.route('/auth/grants', grantRoutes(deps));
  app.route('/coach', coachRoutes(deps));
  app.route('/feedback', feedbackRoutes(deps));
  app.route('/export', feedbackExportRoutes(deps));

  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'no such route' } }, 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            ...(err.fields ? { fields: err.fields } : {}),
            ...err.extra,
          },
        },
        err.status,
      );
    }
    deps.logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });
  return app;
}
