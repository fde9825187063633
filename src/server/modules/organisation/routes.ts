/**
 * HTTP routes of the organisation module (registered under /api/v1 by modules/index.ts):
 * the tenant, tenants (superadmin), regions, OPDs, service units, services and the CSV
 * import. Thin: context → one service call → presenter; authorisation is in the services.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { authorize, requireStaffContext } from '../../platform/policy.js';
import { IdParams } from '../../../shared/schemas/common.js';
import * as S from '../../../shared/schemas/organisation.js';
import * as org from './service.js';
import * as tenants from './tenant-service.js';
import { importOrganisation } from './import-service.js';
import { importTemplate } from './csv.js';
import { can } from './policy.js';
import { presentOpd, presentRegion, presentService, presentTenant, presentUnit } from './present.js';

const tags = ['organisation'];
/** CSV uploads may be larger than JSON bodies (1 MB): a big regency's service catalogue. */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;
/** Public reads (tenant, regions): generous, but bounded per client. */
const PUBLIC_RATE_LIMIT = { rateLimit: { max: 300, timeWindow: '1 minute' } };

export async function organisationRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps;

  // --- tenant ----------------------------------------------------------------------------
  r.get('/tenant', { config: PUBLIC_RATE_LIMIT, schema: { tags, summary: 'The regional government this request is about', response: { 200: S.Tenant } } }, async (req) =>
    presentTenant(await tenants.currentTenant(db, req.ctx)),
  );

  r.patch(
    '/tenant',
    { schema: { tags, summary: 'Rename the tenant (admin); its host names: superadmin only', body: S.PatchTenantBody, response: { 200: S.Tenant } } },
    async (req) => {
      const { tenant } = requireStaffContext(req.ctx);
      const row = await tenants.updateTenant(db, req.ctx, tenant.id, req.body);
      app.tenants.invalidate();
      return presentTenant(row);
    },
  );

  r.get('/tenants', { schema: { tags, summary: 'All tenants of this installation (superadmin)', response: { 200: S.TenantList } } }, async (req) => ({
    items: (await tenants.listAllTenants(db, req.ctx)).map(presentTenant),
  }));

  r.post(
    '/tenants',
    { schema: { tags, summary: 'Create a tenant from a Kemendagri code and load its regions (superadmin)', body: S.CreateTenantBody, response: { 201: S.Tenant } } },
    async (req, reply) => {
      const row = await tenants.createTenant(db, req.ctx, req.body);
      app.tenants.invalidate();
      return reply.status(201).send(presentTenant(row));
    },
  );

  r.patch(
    '/tenants/:id',
    { schema: { tags, summary: 'Rename a tenant or set its host names (superadmin)', params: IdParams, body: S.PatchTenantBody, response: { 200: S.Tenant } } },
    async (req) => {
      const row = await tenants.updateAnyTenant(db, req.ctx, req.params.id, req.body);
      app.tenants.invalidate();
      return presentTenant(row);
    },
  );

  r.get('/regions', { config: PUBLIC_RATE_LIMIT, schema: { tags, summary: "The tenant's regions (kecamatan, desa/kelurahan)", querystring: S.RegionQuery, response: { 200: S.RegionList } } }, async (req) => ({
    items: (await tenants.listRegions(db, req.ctx, req.query)).map(presentRegion),
  }));

  // --- OPDs ------------------------------------------------------------------------------
  r.get('/opds', { schema: { tags, summary: 'OPDs of the tenant', querystring: S.OpdQuery, response: { 200: S.OpdList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await org.listOpds(db, req.ctx, tenant.id, req.query)).map(presentOpd) };
  });

  r.post('/opds', { schema: { tags, summary: 'Create an OPD (admin)', body: S.CreateOpdBody, response: { 201: S.Opd } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentOpd(await org.createOpd(db, req.ctx, tenant.id, req.body)));
  });

  r.get('/opds/:id', { schema: { tags, summary: 'One OPD', params: IdParams, response: { 200: S.Opd } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentOpd(await org.getOpd(db, req.ctx, tenant.id, req.params.id));
  });

  r.patch('/opds/:id', { schema: { tags, summary: 'Change or deactivate an OPD (admin)', params: IdParams, body: S.PatchOpdBody, response: { 200: S.Opd } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentOpd(await org.updateOpd(db, req.ctx, tenant.id, req.params.id, req.body));
  });

  // --- service units -----------------------------------------------------------------------
  r.get('/units', { schema: { tags, summary: 'Service units the caller may see', querystring: S.UnitQuery, response: { 200: S.UnitList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await org.listUnits(db, req.ctx, tenant.id, req.query)).map(presentUnit) };
  });

  r.post('/units', { schema: { tags, summary: 'Create a service unit', body: S.CreateUnitBody, response: { 201: S.Unit } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentUnit(await org.createUnit(db, req.ctx, tenant.id, req.body)));
  });

  r.get('/units/:id', { schema: { tags, summary: 'One service unit', params: IdParams, response: { 200: S.Unit } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentUnit(await org.getUnit(db, req.ctx, tenant.id, req.params.id));
  });

  r.patch('/units/:id', { schema: { tags, summary: 'Change or deactivate a service unit', params: IdParams, body: S.PatchUnitBody, response: { 200: S.Unit } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentUnit(await org.updateUnit(db, req.ctx, tenant.id, req.params.id, req.body));
  });

  // --- services ----------------------------------------------------------------------------
  r.get('/services', { schema: { tags, summary: 'Services (jenis layanan) the caller may see', querystring: S.ServiceQuery, response: { 200: S.ServiceList } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return { items: (await org.listServices(db, req.ctx, tenant.id, req.query)).map(presentService) };
  });

  r.post('/services', { schema: { tags, summary: 'Create a service', body: S.CreateServiceBody, response: { 201: S.Service } } }, async (req, reply) => {
    const { tenant } = requireStaffContext(req.ctx);
    return reply.status(201).send(presentService(await org.createService(db, req.ctx, tenant.id, req.body)));
  });

  r.get('/services/:id', { schema: { tags, summary: 'One service', params: IdParams, response: { 200: S.Service } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentService(await org.getService(db, req.ctx, tenant.id, req.params.id));
  });

  r.patch('/services/:id', { schema: { tags, summary: 'Change or deactivate a service', params: IdParams, body: S.PatchServiceBody, response: { 200: S.Service } } }, async (req) => {
    const { tenant } = requireStaffContext(req.ctx);
    return presentService(await org.updateService(db, req.ctx, tenant.id, req.params.id, req.body));
  });

  // --- CSV import (own scope: the text/csv parser applies to these routes only) --------------
  await app.register(async (scoped) => {
    const s = scoped.withTypeProvider<TypeBoxTypeProvider>();
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

    s.post(
      '/org/import/:kind',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Import OPDs, units or services from CSV, all or nothing (admin)',
          description: 'Body: the CSV file (Content-Type text/csv, UTF-8, "," or ";"). 400 IMPORT_INVALID lists [{row, column, message}] and imports nothing.',
          consumes: ['text/csv'],
          params: S.ImportParams,
          body: Type.String({ description: 'CSV file' }),
          response: { 200: S.ImportResult },
        },
      },
      async (req) => {
        const { tenant } = requireStaffContext(req.ctx);
        if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', {}, undefined, 'organisation.import.notCsv');
        }
        return importOrganisation(db, req.ctx, tenant.id, req.params.kind, req.body);
      },
    );

    s.get(
      '/org/import/:kind/template',
      { schema: { tags, summary: 'CSV template for an import: header row and an example row', params: S.ImportParams, produces: ['text/csv'] } },
      async (req, reply) => {
        const { tenant } = requireStaffContext(req.ctx);
        authorize(can(req.ctx.actor, 'org.template', { tenantId: tenant.id }));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="prima-${req.params.kind}.csv"`)
          // The byte-order mark makes spreadsheet programs read the file as UTF-8.
          .send('\uFEFF' + importTemplate(req.params.kind));
      },
    );
  });
}
