// The HTTP server: JSON API under /api (sessions, policies, error bodies) and the built web app at /.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Database, DatabaseOptions } from '../db/database.ts';
import { jobRoutes } from './jobs.routes.ts';
import { aidRoutes } from '../aid/batch.routes.ts';
import { coverageDrillRoutes } from '../aid/coverage-drill.routes.ts';
import { submissionRoutes } from '../aid/submission.routes.ts';
import { aidPageRoutes } from '../aid/aid-pages.routes.ts';
import { notFound } from '../kernel/errors.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes, meRoutes } from './auth.routes.ts';
import { dashboardRoutes } from '../indicators/dashboard.routes.ts';
import { BUSY_RETRY_AFTER_S, errorBody } from './http.ts';
import { LoginGuard } from './login-guard.ts';
import { matchRoutes } from '../registry/match.routes.ts';
import { loadRefKey } from './opaque-ref.ts';
import { presentDeep, presentText } from './presenter.ts';
import { checkCsrf, checkOrigin, sessionActor, unauthenticated } from './session.service.ts';
import { studentRoutes } from '../registry/student.routes.ts';
import { dropoutRoutes } from '../dropout/dropout.routes.ts';
import { careRoutes } from '../care/care.routes.ts';
import { pairingRoutes } from '../care/pairing.routes.ts';
import { studentFileRoutes } from '../aid/student-file.routes.ts';
import { userRoutes } from './user.routes.ts';
import { caseWorkRoutes } from '../dropout/case-work.routes.ts';
import { proofRoutes } from '../dropout/proof.routes.ts';
import { reconcileRoutes } from '../dropout/reconcile.routes.ts';
import { rhythmRoutes } from '../dropout/rhythm.routes.ts';
import { taskRoutes } from '../tasks/tasks.routes.ts';
import { projectRoutes } from '../projects/project.routes.ts';
import { indicatorRoutes } from '../indicators/indicators.routes.ts';
import { supervisionRoutes } from '../indicators/supervision.routes.ts';
import { teacherRoutes } from '../schools/teacher.routes.ts';
import { activityRoutes } from '../schools/activity.routes.ts';

/** web/dist of the repository this code runs from (src/platform/ or a bundle under dist/cli/). */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Uploads live beside the SQLite file (data/), or under ./data with PostgreSQL. */
function dataDirOf(o: DatabaseOptions): string {
  return o.dbPath && o.dbPath !== ':memory:' ? path.dirname(path.resolve(o.dbPath)) : path.join(process.cwd(), 'data');
}

export const DEFAULT_WEB_ROOT = path.join(repositoryRoot(), 'web', 'dist');

export interface ServerOptions {
  /** How a job's command reaches this database (DATABASE_URL or the SQLite file); no jobs without it. */
  databaseOptions?: DatabaseOptions;
  /** Where uploads are kept (default: beside the SQLite file, or ./data). */
  dataDir?: string;
  logger?: boolean;
  /** Where log lines go (default stderr); tests read them to prove no ID number is logged. */
  logStream?: Writable;
  /** The built web app (default web/dist). */
  webRoot?: string;
  loginGuard?: LoginGuard;
  /** Told of every route as it is registered (the scope tests list the endpoints with it). */
  onRoute?: (route: RouteOptions) => void;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>扶智</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
<h1>扶智 · 网页界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>，然后重新启动 <code>fuzhi serve</code>。接口 <code>/api/</code> 已可使用。</p>
<p lang="en">The web app has not been built: run <code>npm run build:web</code> and restart <code>fuzhi serve</code>. The API under <code>/api/</code> works.</p>
</body></html>`;

/**
 * pino request logs go to stderr, so that stdout keeps the command's own lines; every line passes
 * the presenter, so that no ID number (a G-form 学籍号 in a URL, a value in an error) is logged.
 */
function loggerOptions(stream: Writable) {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    stream,
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: presentText(req.url), remoteAddress: req.ip }),
      err: (e: Error & { code?: unknown }) => ({ type: e.name, code: e.code, message: presentText(e.message ?? ''), stack: presentText(e.stack ?? '') }),
    },
    formatters: { log: (o: Record<string, unknown>) => presentDeep(o) },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? presentText(a) : a)));
      },
    },
  };
}

export async function buildServer(database: Database, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const db = database.db;
  const app = Fastify({
    // pino request logs go to stderr, so that stdout keeps the command's own lines; every line
    // passes the presenter, so that no ID number (a G-form 学籍号 in a URL, a value in an error) is logged.
    logger: opts.logger ? loggerOptions(opts.logStream ?? process.stderr) : false,
    trustProxy: process.env.FUZHI_TRUST_PROXY === '1',
    bodyLimit: 256 * 1024,
  });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorate('refKey', await loadRefKey(db));

  app.setErrorHandler((err, request, reply) => {
    const { status, body, internal } = errorBody(err);
    if (internal) request.log.error({ err }, 'internal error');
    if (status === 503) void reply.header('retry-after', BUSY_RETRY_AFTER_S);
    return reply.status(status).send(body);
  });

  // a state-changing request from another site is refused before anything runs (CSRF)
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') checkOrigin(request);
      done();
    } catch (e) {
      done(e as Error);
    }
  });

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
  });

  app.get('/api/health', () => ({ ok: true as const }));
  authRoutes(app, db, opts.loginGuard ?? new LoginGuard());

  // Everything else under /api needs a session.
  await app.register((api, _o, done) => {
    api.addHook('onRequest', async (request, reply) => {
      const actor = await sessionActor(db, request);
      if (!actor) throw unauthenticated();
      if (request.method !== 'GET' && request.method !== 'HEAD') checkCsrf(request);
      request.actor = actor;
      void reply.header('cache-control', 'no-store');
    });
    meRoutes(api, db);
    studentRoutes(api, db);
    matchRoutes(api, db);
    dashboardRoutes(api, db);
    auditRoutes(api, db);
    const jobs = opts.databaseOptions ? { db, databaseOptions: opts.databaseOptions, dataDir: opts.dataDir ?? dataDirOf(opts.databaseOptions), bin: path.join(repositoryRoot(), 'bin', 'fuzhi') } : null;
    jobRoutes(api, jobs);
    aidRoutes(api, database);
    submissionRoutes(api, database);
    aidPageRoutes(api, database, jobs);
    dropoutRoutes(api, db);
    caseWorkRoutes(api, database);
    proofRoutes(api, database);
    reconcileRoutes(api, database);
    rhythmRoutes(api, database);
    careRoutes(api, database);
    pairingRoutes(api, database);
    taskRoutes(api, db);
    studentFileRoutes(api, db);
    projectRoutes(api, database);
    supervisionRoutes(api, db);
    teacherRoutes(api, database);
    indicatorRoutes(api, database, jobs);
    userRoutes(api, db);
    coverageDrillRoutes(api, db);
    activityRoutes(api, database);
    done();
  });

  await registerWebApp(app, opts.webRoot ?? DEFAULT_WEB_ROOT);
  return app;
}

/** The built single-page app with fallback to index.html, or a page saying how to build it. */
async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = fs.existsSync(path.join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webRoot, index: 'index.html' });
  } else {
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0];
    if (url.startsWith('/api/') || url === '/api' || request.method !== 'GET') {
      throw notFound(`接口不存在：${request.method} ${url}`, `no such endpoint: ${request.method} ${url}`);
    }
    if (!built) return reply.status(404).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    // Client-side routes (/students, /matches …) get the app; missing files stay 404.
    if (path.extname(url)) return reply.status(404).type('text/plain; charset=utf-8').send('未找到 / not found');
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
