/**
 * Tenants (one per regional government) and their regions. A tenant is created from a
 * Kemendagri code found in the official region data; its kecamatan and desa/kelurahan
 * (and, for a province, its kabupaten/kota) are copied into `region` at that moment, so a
 * later data update never changes a tenant's regions behind its back (ADR 0009).
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import type { TCreateTenantBody, TPatchTenantBody, TRegionQuery } from '../../../shared/schemas/organisation.js';
import type { TenantTimezone } from './tables.js';
import { can } from './policy.js';
import * as repo from './repo.js';
import { auditShape } from './present.js';
import { duplicate, invalidRegion, rethrowUnique } from './errors.js';
import { findGovernment, regionsOf, timezoneForProvince } from './region-data.js';
import { cleanText } from './service.js';
import { seedDefaultDeadlineRules } from '../complaints/deadlines.js';

/** The tenant the request is about (public: the login page shows its name and demo badge). */
export async function currentTenant(db: Db, ctx: RequestContext) {
  if (!ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  const row = await repo.getTenant(db, ctx.tenant.id);
  if (!row) throw new AppError('TENANT_UNKNOWN');
  return row;
}

/**
 * Changes a tenant's name (its admin) or host names (the superadmin only: 'tenant.hostnames',
 * see policy.ts). The caller's tenant cache must be invalidated afterwards.
 */
export async function updateTenant(db: Db, ctx: RequestContext, tenantId: string, body: TPatchTenantBody) {
  authorize(can(ctx.actor, 'tenant.update', { tenantId }));
  if (body.hostnames !== undefined && !can(ctx.actor, 'tenant.hostnames', { tenantId })) {
    throw new AppError('FORBIDDEN', {}, undefined, 'organisation.hostnamesSuperadminOnly');
  }
  return db
    .transaction()
    .execute(async (tx) => {
      const before = await repo.getTenant(tx, tenantId);
      if (!before) throw new AppError('TENANT_UNKNOWN');
      if (body.hostnames) {
        // No unique index can cover array elements: serialise host-name changes instead,
        // so two tenants never claim one host name.
        await repo.lockFor(tx, 'tenant-hostnames');
        if ((await repo.hostnamesTakenElsewhere(tx, tenantId, body.hostnames)).length) throw duplicate(ctx.locale, 'hostnames');
      }
      const after = await repo.updateTenant(tx, tenantId, {
        name: body.name === undefined ? undefined : cleanText(body.name),
        hostnames: body.hostnames,
      });
      await recordAudit(tx, ctx, tenantId, { action: 'tenant.update', entityType: 'tenant', entityId: tenantId, before: auditShape(before), after: auditShape(after) });
      return after;
    });
}

/** PATCH /tenants/:id: the superadmin edits any tenant of the install. */
export async function updateAnyTenant(db: Db, ctx: RequestContext, tenantId: string, body: TPatchTenantBody) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  authorize(can(ctx.actor, 'tenant.manage', { tenantId }));
  return updateTenant(db, ctx, tenantId, body);
}

export async function listAllTenants(db: Db, ctx: RequestContext) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  authorize(can(ctx.actor, 'tenant.manage', { tenantId: ctx.actor.tenantId }));
  return repo.listTenants(db);
}

export interface NewTenant {
  code: string;
  slug: string;
  timezone?: TenantTimezone;
  /** Display name; defaults to the name in the region data ('Kabupaten Tanah Bumbu'). */
  name?: string;
  isDemo?: boolean;
}

/**
 * Creates a tenant and loads its regions, inside the caller's transaction (the demo seed
 * uses it too). INVALID_REGION for a code the data does not know; DUPLICATE for a taken
 * code or slug.
 */
export async function insertTenantWithRegions(tx: Executor, ctx: RequestContext, input: NewTenant) {
  const gov = findGovernment(input.code);
  if (!gov) throw invalidRegion(ctx.locale, input.code, 'code');
  const taken = await repo.findTenantByCodeOrSlug(tx, input.code, input.slug);
  if (taken.some((t) => t.code === input.code)) throw duplicate(ctx.locale, 'code');
  if (taken.some((t) => t.slug === input.slug)) throw duplicate(ctx.locale, 'slug');
  const row = await repo.insertTenant(tx, {
    code: gov.code,
    name: input.name ?? gov.name,
    level: gov.level,
    timezone: input.timezone ?? timezoneForProvince(gov.provinceCode) ?? 'Asia/Jakarta',
    slug: input.slug,
    hostnames: [],
    is_demo: input.isDemo ?? false,
  });
  const regions = regionsOf(gov.code);
  await repo.insertRegions(tx, row.id, regions);
  // Every tenant starts with the SP4N-LAPOR! / UU 25/2009 deadline defaults (DOMAIN.md §2).
  await seedDefaultDeadlineRules(tx, row.id);
  await recordAudit(tx, ctx, row.id, {
    action: 'tenant.create',
    entityType: 'tenant',
    entityId: row.id,
    before: null,
    after: { ...auditShape(row), regionsLoaded: regions.length, regionSource: 'idn-area-data@3.1.2' },
  });
  return row;
}

export async function createTenant(db: Db, ctx: RequestContext, body: TCreateTenantBody) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  authorize(can(ctx.actor, 'tenant.manage', { tenantId: ctx.actor.tenantId }));
  return db
    .transaction()
    .execute((tx) => insertTenantWithRegions(tx, ctx, body))
    .catch(rethrowUnique(ctx.locale));
}

/** The tenant's regions (public, like the tenant itself: citizens pick their desa). */
export async function listRegions(db: Db, ctx: RequestContext, q: TRegionQuery) {
  if (!ctx.tenant) throw new AppError('TENANT_UNKNOWN');
  return repo.listRegions(db, ctx.tenant.id, q);
}
