/**
 * Builds the Fastify application: platform plugins (security headers, cookies, rate
 * limits, OpenAPI), the request context (request id, language, tenant, actor), the error
 * vocabulary, and each module's routes under /api/v1. `main.ts` starts it; tests build it
 * with `buildApp` and call it with `app.inject`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { pickLocale, t } from '../shared/i18n/index.js';
import type { Config } from './config.js';
import type { DbHandle } from './db/index.js';
import type { Deps } from './platform/deps.js';
import type { RequestContext } from './platform/context.js';
import { AppError, pgCode, PG } from './platform/errors.js';
import { fieldErrors } from './platform/validation.js';
import { registerSecurityHeaders } from './platform/security-headers.js';
import { TenantDirectory, splitTenantPrefix } from './platform/tenant.js';
import { metricsPlugin } from './platform/metrics.js';
import { authenticate, checkCsrf, type Authenticated } from './modules/auth/authenticate.js';
import { moduleRoutes, rootRoutes } from './modules/index.js';

export type PrimaApp = FastifyInstance & { withTypeProvider(): FastifyInstance };

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    auth: Authenticated | null;
    /** Tenant slug from a /r/{slug}/ prefix, stripped by rewriteUrl. */
    tenantSlug?: string | null;
  }
  interface FastifyInstance {
    deps: Deps;
    tenants: TenantDirectory;
  }
}

export const LANG_COOKIE = 'prima_lang';
/** Default JSON body limit; upload routes set their own. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(config: Config, handle: DbHandle): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // Strip a /r/{slug} tenant prefix before routing, so one route table serves all tenants.
    rewriteUrl(req) {
      const { slug, url } = splitTenantPrefix(req.url ?? '/');
      (req as any).primaTenantSlug = slug;
      return url;
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Validation: unknown fields are refused, not silently dropped. Query strings and path
  // parameters are text, so they are coerced to the schema's types; JSON bodies are not:
  // `{"name": 5}` is a wrong type and gets a 400, not a stored "5".
  const ajvOptions = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false } as const;
  const bodyAjv = addFormats.default(new Ajv({ ...ajvOptions, coerceTypes: false }));
  const textAjv = addFormats.default(new Ajv({ ...ajvOptions, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  const deps: Deps = { config, db: handle.db, handle };
  app.decorate('deps', deps);
  app.decorate('tenants', new TenantDirectory(handle.db, config.defaultTenantCode));
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('auth', null);

  await app.register(cookie);
  registerSecurityHeaders(app);
  // Routes opt in with `config: { rateLimit: {...} }` (public endpoints, login).
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', { seconds: Math.ceil(ctx.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Prima API', version: '1', description: 'Public-service performance platform — API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'prima_sid' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(metricsPlugin);

  // Request context: language, tenant, actor. CSRF is checked before any handler runs.
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const locale = pickLocale(req.cookies?.[LANG_COOKIE] ?? (req.query as any)?.lang, req.headers['accept-language']);
    req.ctx = { requestId: req.id, locale, tenant: null, actor: null };
    req.tenantSlug = (req.raw as any).primaTenantSlug ?? null;
    if (!req.url.startsWith('/api/') && !req.url.startsWith('/open311/')) return;
    req.auth = await authenticate(req, handle.db, config.sessionTtlHours);
    req.ctx.actor = req.auth?.actor ?? null;
    req.ctx.tenant = await resolveTenant(app, req);
    checkCsrf(req, req.auth);
  });

  app.setErrorHandler((err: any, req, reply) => {
    const locale = req.ctx?.locale ?? 'id';
    const requestId = req.id;
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (err.validation) {
      const details = fieldErrors(err.validation, err.validationContext, locale);
      appErr = new AppError('VALIDATION', { detail: details.map((d) => d.message).join('; ') }, details);
    } else if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      appErr = new AppError('INVALID_JSON');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) appErr = new AppError('PAYLOAD_TOO_LARGE');
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) appErr = new AppError('UNSUPPORTED_MEDIA_TYPE');
    else if (pgCode(err) === PG.UNIQUE_VIOLATION) appErr = new AppError('DUPLICATE', { field: String(err.constraint ?? err.detail ?? '') });
    else if (pgCode(err) === PG.FK_VIOLATION) appErr = new AppError('INVALID_REFERENCE', { field: String(err.constraint ?? '') });
    else if (pgCode(err) === PG.INVALID_TEXT || pgCode(err) === PG.CHECK_VIOLATION) appErr = new AppError('BAD_REQUEST');
    else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.warn({ err }, 'client error');
      appErr = new AppError(err.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST');
    } else {
      req.log.error({ err }, 'unhandled error');
      appErr = new AppError('INTERNAL', { requestId });
    }
    if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    const message = t(locale, appErr.messageKey ?? `error.${appErr.code}`, { requestId, ...appErr.params });
    if (appErr.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(appErr.params.seconds ?? 60));
    // A sign-in lock says when it ends too (login throttling, ADR 0026).
    if (appErr.code === 'ACCOUNT_LOCKED' && appErr.params.seconds !== undefined) reply.header('retry-after', String(appErr.params.seconds));
    reply.status(appErr.status).send({ code: appErr.code, message, ...(appErr.details !== undefined ? { details: appErr.details } : {}), requestId });
  });

  // Liveness and readiness.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await handle.db.selectFrom('schema_migration').select('name').limit(1).execute();
      return { status: 'ready', database: handle.kind };
    } catch {
      return reply.status(503).send({ status: 'not ready' });
    }
  });

  await app.register(async (api) => {
    for (const register of moduleRoutes) await register(api as unknown as FastifyInstance, deps);
  }, { prefix: '/api/v1' });
  for (const register of rootRoutes) await app.register(async (root) => register(root as unknown as FastifyInstance, deps));

  // The built web client (single-page app): unknown non-API paths get index.html.
  const indexHtml = path.join(config.webDir, 'index.html');
  if (fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: config.webDir, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  }
  // The satisfaction survey (issue #4) is its own small page: /survei/{unitId} gets survey.html,
  // /survei/sw.js its service worker (scope /survei/).
  const surveyHtml = path.join(config.webDir, 'survey.html');
  const surveySw = path.join(config.webDir, 'survei-sw.js');
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api/') || req.url.startsWith('/open311/');
    if (req.method === 'GET' && req.url.split('?')[0] === '/survei/sw.js' && fs.existsSync(surveySw)) {
      return reply.header('cache-control', 'no-cache').type('text/javascript').send(fs.createReadStream(surveySw));
    }
    if (req.method === 'GET' && /^\/survei(?:[/?]|$)/.test(req.url) && fs.existsSync(surveyHtml)) {
      return reply.header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(surveyHtml));
    }
    if (!isApi && req.method === 'GET' && fs.existsSync(indexHtml)) {
      return reply.header('cache-control', 'no-cache').type('text/html').send(fs.createReadStream(indexHtml));
    }
    const locale = req.ctx?.locale ?? 'id';
    return reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: t(locale, 'error.ROUTE_NOT_FOUND'), requestId: req.id });
  });

  return app;
}

async function resolveTenant(app: FastifyInstance, req: FastifyRequest) {
  if (req.tenantSlug) {
    const bySlug = await app.tenants.bySlug(req.tenantSlug);
    if (!bySlug) throw new AppError('TENANT_UNKNOWN');
    return bySlug;
  }
  const host = req.headers.host;
  if (host) {
    const byHost = await app.tenants.byHost(host);
    if (byHost) return byHost;
  }
  if (req.ctx.actor) return app.tenants.byId(req.ctx.actor.tenantId);
  return app.tenants.fallback();
}
