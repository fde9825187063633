/**
 * Public routes of the standards module (no login, rate limited per client address): the
 * catalogue, the OPD filter, a service's page, its flow diagram, consultation comments
 * and the printable poster (PDF with QR codes to the survey and the complaint form).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../../platform/deps.js';
import type { TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/standards.js';
import { publicComponents } from './components.js';
import { PUBLIC_STATUSES } from './lifecycle.js';
import { renderPoster } from './poster.js';
import { presentPublicService } from './present.js';
import * as pub from './public-service.js';
import * as repo from './repo.js';
import { sendFile } from './http.js';

const tags = ['standards'];
export const CATALOGUE_RATE_LIMIT = { rateLimit: { max: 300, timeWindow: '1 minute' } };
/** Posters are rendered on demand (≈ tens of ms each): fewer per client. */
const POSTER_RATE_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** A citizen writes a few comments; an office behind one NAT a few dozen an hour. */
const COMMENT_RATE_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

function publicTenant(req: FastifyRequest): TenantRef {
  if (!req.ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  return req.ctx.tenant;
}

/** Links of a service for the tenant's path prefix. */
export function publicLinks(publicUrl: string, slug: string, serviceId: string, unitId: string) {
  const root = `${publicUrl}/r/${slug}`;
  return { complaint: `${root}/lapor`, survey: `${root}/survei/${unitId}`, poster: `${root}/api/v1/public/services/${serviceId}/poster.pdf` };
}

export async function standardsPublicRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = deps;

  r.get('/public/catalogue', { config: CATALOGUE_RATE_LIMIT, schema: { tags, summary: 'The service catalogue: every active service, searchable, by OPD', querystring: S.CatalogueQuery, response: { 200: S.CatalogueList } } }, async (req) =>
    pub.catalogue(db, publicTenant(req).id, req.query));

  r.get('/public/catalogue/opds', { config: CATALOGUE_RATE_LIMIT, schema: { tags, summary: 'OPDs to filter the catalogue by', response: { 200: S.CatalogueOpds } } }, async (req) => ({
    items: (await repo.listActiveOpds(db, publicTenant(req).id)).map((o) => ({ id: o.id, name: o.name, shortName: o.short_name })),
  }));

  r.get('/public/services/:id', { config: CATALOGUE_RATE_LIMIT, schema: { tags, summary: "A service's public page: published service-delivery components, maklumat, versions, open consultation", params: IdParams, querystring: S.PublicServiceQuery, response: { 200: S.PublicService } } }, async (req) => {
    const tenant = publicTenant(req);
    const p = await pub.publicService(db, tenant.id, req.params.id, req.query.version);
    return presentPublicService(p, publicLinks(config.publicUrl, tenant.slug, p.ref.service_id, p.ref.unit_id));
  });

  r.get('/public/standards/:id/flow-diagram', { config: CATALOGUE_RATE_LIMIT, schema: { tags, summary: 'The flow diagram of a published (or consulted) standard', params: IdParams } }, async (req, reply) => {
    const file = await repo.getFile(db, publicTenant(req).id, req.params.id, 'flow_image');
    if (!file || !(PUBLIC_STATUSES.includes(file.status) || file.status === 'consultation')) throw new AppError('NOT_FOUND');
    return sendFile(reply, file, 'public, max-age=300');
  });

  r.post('/public/standards/:id/comments', { config: COMMENT_RATE_LIMIT, schema: { tags, summary: 'Comment on a standard in public consultation (only inside its window)', params: IdParams, body: S.PublicCommentBody, response: { 201: S.PublicCommentCreated } } }, async (req, reply) => {
    const c = await pub.postComment(db, req.ctx, publicTenant(req).id, req.params.id, req.body);
    return reply.status(201).send({ id: c.id, createdAt: new Date(c.created_at).toISOString() });
  });

  r.get('/public/services/:id/poster.pdf', { config: POSTER_RATE_LIMIT, schema: { tags, summary: 'Printable A4 poster (PDF) with QR codes to the survey and the complaint form', params: IdParams } }, async (req, reply) => {
    const tenant = publicTenant(req);
    const p = await pub.publicService(db, tenant.id, req.params.id);
    const links = publicLinks(config.publicUrl, tenant.slug, p.ref.service_id, p.ref.unit_id);
    const pdf = await renderPoster({
      locale: req.ctx.locale, tenantName: tenant.name, serviceName: p.ref.service_name, unitName: p.ref.unit_name, opdName: p.ref.opd_name,
      components: p.standard ? publicComponents(p.standard.components) : null,
      decree: p.standard ? { number: p.standard.decree_number, date: p.standard.decree_date } : null,
      maklumat: p.maklumat ? { body: p.maklumat.body, signerName: p.maklumat.signer_name, signerTitle: p.maklumat.signer_title } : null,
      surveyUrl: links.survey, complaintUrl: links.complaint,
    });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="standar-pelayanan.pdf"`)
      .header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(pdf);
  });
}
