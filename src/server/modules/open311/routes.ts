/**
 * Open311 GeoReport v2 at /open311/v2 (registered at the root by modules/index.ts): each
 * resource in XML (`.xml`, the spec's base format) and JSON (`.json`). Everything inside —
 * including failures of the app's request hook (bad token, unknown /r/{slug}) and routes
 * that do not exist under /open311/v2 — answers in the spec's error format.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../shared/i18n/index.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import type { Deps } from '../../platform/deps.js';
import { fieldErrors } from '../../platform/validation.js';
import { Open311Error } from './errors.js';
import { errorDocument, send, splitFormat, type Format } from './format.js';
import { msg } from './messages.js';
import { createRequest, getRequest, listRequests, lookupToken } from './requests.js';
import { discovery, listServices, resolveJurisdiction, serviceDefinition } from './service.js';

export const OPEN311_PREFIX = '/open311/v2';

const LOOKUP_RATE = { rateLimit: { max: 60, timeWindow: '1 minute' } };
const LIST_RATE = { rateLimit: { max: 120, timeWindow: '1 minute' } };
const POST_RATE = { rateLimit: { max: 30, timeWindow: '1 minute' } };

type Params = { format?: string; file?: string };
type Query = Record<string, unknown>;

/** The format a URL asks for (`….xml` / `….json`); XML, the spec's base format, otherwise. */
function formatOfUrl(url: string): Format {
  const path = url.split('?')[0];
  return splitFormat(path.slice(path.lastIndexOf('/') + 1)).format ?? 'xml';
}

function requireFormat(ext: string | undefined): Format {
  const lower = ext?.toLowerCase();
  const f = lower === 'xml' || lower === 'json' ? lower : null;
  if (!f) throw new Open311Error(404, 'open311.error.formatUnknown');
  return f;
}

function fromFile(file: string | undefined): { name: string; format: Format } {
  const { name, format } = splitFormat(file ?? '');
  if (!format) throw new Open311Error(404, 'open311.error.formatUnknown');
  return { name, format };
}

/** Where this API is reached, with the tenant's /r/{slug} prefix when the call used one. */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}${req.tenantSlug ? `/r/${req.tenantSlug}` : ''}`;
}

/**
 * Base of links into the rest of the API (media_url) for `tenant`: the request's own base
 * when it already resolves to that tenant, else one with the tenant's /r/{slug} prefix, so
 * the link works without jurisdiction_id.
 */
function tenantBaseUrl(req: FastifyRequest, tenant: { id: string; slug: string }): string {
  return req.ctx.tenant?.id === tenant.id ? baseUrl(req) : `${req.protocol}://${req.host}/r/${tenant.slug}`;
}

function queryOf(req: FastifyRequest): Query {
  return (req.query ?? {}) as Query;
}

function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prior = out[k];
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
  }
  return out;
}

function errorReply(req: FastifyRequest, reply: FastifyReply, err: any): FastifyReply {
  const format = formatOfUrl(req.url);
  const locale = req.ctx?.locale ?? 'id';
  let status: number;
  let description: string;
  if (err instanceof Open311Error) {
    status = err.status;
    description = msg(locale, err.key, err.params);
  } else if (err instanceof AppError) {
    status = err.status;
    const details = Array.isArray(err.details) ? (err.details as Array<{ message?: unknown }>).map((d) => d?.message).filter((m): m is string => typeof m === 'string') : [];
    description = details.length && err.code !== 'IMPORT_INVALID'
      ? details.join('; ')
      : t(locale, err.messageKey ?? `error.${err.code}`, { requestId: req.id, ...err.params });
    if (err.code === 'RATE_LIMITED' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(err.params.seconds ?? 60));
  } else if (err?.validation) {
    status = 400;
    description = fieldErrors(err.validation, err.validationContext, locale).map((d) => d.message).join('; ');
  } else if (err?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err?.statusCode === 413) {
    status = 413;
    description = t(locale, 'error.PAYLOAD_TOO_LARGE');
  } else if (err?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError
    || err?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err?.statusCode === 415) {
    status = 400;
    description = msg(locale, 'open311.error.body');
  } else if (pgCode(err) === PG.UNIQUE_VIOLATION) {
    status = 409;
    description = t(locale, 'error.DUPLICATE', { field: String(err.constraint ?? '') });
  } else if (pgCode(err) === PG.FK_VIOLATION || pgCode(err) === PG.CHECK_VIOLATION || pgCode(err) === PG.INVALID_TEXT) {
    status = 400;
    description = t(locale, 'error.BAD_REQUEST');
  } else if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    req.log.warn({ err }, 'open311 client error');
    status = err.statusCode === 404 ? 404 : 400;
    description = status === 404 ? msg(locale, 'open311.error.notFound') : t(locale, 'error.BAD_REQUEST');
  } else {
    req.log.error({ err }, 'open311 request failed');
    status = 500;
    description = msg(locale, 'open311.error.internal', { requestId: req.id });
  }
  return send(reply, format, status, errorDocument(status, description));
}

export async function open311Routes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (o) => {
    o.setErrorHandler((err, req, reply) => errorReply(req, reply, err));
    o.setNotFoundHandler((req, reply) => errorReply(req, reply, new Open311Error(404, 'open311.error.notFound')));
    // The spec's POST body; JSON (the app's parser) is accepted with the same field names.
    o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, parseForm(body as string));
      } catch (e) {
        done(e as Error, undefined);
      }
    });

    const jurisdiction = (req: FastifyRequest, fromBody?: unknown) =>
      resolveJurisdiction(app.tenants, req.ctx.tenant, queryOf(req).jurisdiction_id ?? fromBody);

    o.get<{ Params: Params }>('/discovery.:format', { schema: { hide: true } }, async (req, reply) => {
      const format = requireFormat(req.params.format);
      const q = queryOf(req).jurisdiction_id;
      const tenant = q !== undefined && q !== '' ? await jurisdiction(req) : req.ctx.tenant;
      return send(reply, format, 200, await discovery(deps.db, tenant, `${baseUrl(req)}${OPEN311_PREFIX}`, req.ctx.locale));
    });

    o.get<{ Params: Params }>('/services.:format', { schema: { hide: true } }, async (req, reply) => {
      const format = requireFormat(req.params.format);
      return send(reply, format, 200, await listServices(deps.db, await jurisdiction(req)));
    });

    o.get<{ Params: Params }>('/services/:file', { schema: { hide: true } }, async (req, reply) => {
      const { name, format } = fromFile(req.params.file);
      return send(reply, format, 200, await serviceDefinition(deps.db, await jurisdiction(req), name, req.ctx.locale));
    });

    o.post<{ Params: Params }>('/requests.:format', { schema: { hide: true }, config: POST_RATE }, async (req, reply) => {
      const format = requireFormat(req.params.format);
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw new Open311Error(400, 'open311.error.body');
      const tenant = await jurisdiction(req, body.jurisdiction_id);
      const key = req.headers['idempotency-key'];
      const { created, doc } = await createRequest(deps.db, req.ctx, tenant, body, typeof key === 'string' ? key : null);
      return send(reply, format, created ? 201 : 200, doc);
    });

    o.get<{ Params: Params }>('/requests.:format', { schema: { hide: true }, config: LIST_RATE }, async (req, reply) => {
      const format = requireFormat(req.params.format);
      const tenant = await jurisdiction(req);
      return send(reply, format, 200, await listRequests(deps.db, tenant, queryOf(req), tenantBaseUrl(req, tenant)));
    });

    o.get<{ Params: Params }>('/requests/:file', { schema: { hide: true }, config: LOOKUP_RATE }, async (req, reply) => {
      const { name, format } = fromFile(req.params.file);
      const tenant = await jurisdiction(req);
      return send(reply, format, 200, await getRequest(deps.db, tenant, name, tenantBaseUrl(req, tenant)));
    });

    o.get<{ Params: Params }>('/tokens/:file', { schema: { hide: true }, config: LOOKUP_RATE }, async (req, reply) => {
      const { name, format } = fromFile(req.params.file);
      return send(reply, format, 200, await lookupToken(deps.db, await jurisdiction(req), name));
    });
  }, { prefix: OPEN311_PREFIX });
}
