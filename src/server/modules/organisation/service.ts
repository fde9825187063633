/**
 * OPDs, service units and services: reads filtered by what the actor may see, writes in
 * one transaction with their audit row. Authorisation happens here (policy.ts), because
 * a unit's or service's OPD is only known once the row is loaded.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import type {
  TCreateOpdBody,
  TCreateServiceBody,
  TCreateUnitBody,
  TPatchOpdBody,
  TPatchServiceBody,
  TPatchUnitBody,
} from '../../../shared/schemas/organisation.js';
import { can, unitScope } from './policy.js';
import * as repo from './repo.js';
import { auditShape } from './present.js';
import { duplicate, invalidReference, invalidRegion, rethrowUnique } from './errors.js';

/** Names are stored trimmed, inner runs of white space collapsed. */
export function cleanText(v: string): string;
export function cleanText(v: string | null | undefined): string | null | undefined;
export function cleanText(v: string | null | undefined) {
  return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : v;
}

/** Optional free text: trimmed, empty becomes null. */
function cleanOptional(v: string | null | undefined): string | null | undefined {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  return s === '' ? null : s;
}

async function assertRegion(db: Executor, ctx: RequestContext, tenantId: string, code: string | null | undefined) {
  if (!code) return;
  const found = await repo.existingRegionCodes(db, tenantId, [code]);
  if (!found.has(code)) throw invalidRegion(ctx.locale, code);
}

// --- OPDs ------------------------------------------------------------------------------

export async function listOpds(db: Db, ctx: RequestContext, tenantId: string, opts: { includeInactive?: boolean }) {
  authorize(can(ctx.actor, 'opd.read', { tenantId }));
  return repo.listOpds(db, tenantId, opts);
}

export async function getOpd(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  authorize(can(ctx.actor, 'opd.read', { tenantId }));
  const row = await repo.getOpd(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function assertOpdNamesFree(db: Executor, ctx: RequestContext, tenantId: string, names: { name?: string; shortName?: string }, exceptId?: string) {
  if (names.name !== undefined && (await repo.findOpdClash(db, tenantId, 'name', names.name, exceptId))) throw duplicate(ctx.locale, 'name');
  if (names.shortName !== undefined && (await repo.findOpdClash(db, tenantId, 'short_name', names.shortName, exceptId))) {
    throw duplicate(ctx.locale, 'shortName');
  }
}

export async function createOpd(db: Db, ctx: RequestContext, tenantId: string, body: TCreateOpdBody) {
  authorize(can(ctx.actor, 'opd.create', { tenantId }));
  const name = cleanText(body.name);
  const shortName = cleanText(body.shortName);
  return db
    .transaction()
    .execute(async (tx) => {
      await assertOpdNamesFree(tx, ctx, tenantId, { name, shortName });
      await assertRegion(tx, ctx, tenantId, body.regionCode);
      const [row] = await repo.insertOpds(tx, [
        {
          tenant_id: tenantId,
          name,
          short_name: shortName,
          type: body.type,
          head_name: cleanOptional(body.headName) ?? null,
          head_title: cleanOptional(body.headTitle) ?? null,
          region_code: body.regionCode ?? null,
        },
      ]);
      await recordAudit(tx, ctx, tenantId, { action: 'opd.create', entityType: 'opd', entityId: row.id, before: null, after: auditShape(row) });
      return row;
    })
    .catch(rethrowUnique(ctx.locale));
}

export async function updateOpd(db: Db, ctx: RequestContext, tenantId: string, id: string, body: TPatchOpdBody) {
  return db
    .transaction()
    .execute(async (tx) => {
      const before = await repo.getOpd(tx, tenantId, id);
      if (!before) throw new AppError('NOT_FOUND');
      authorize(can(ctx.actor, 'opd.update', { tenantId, opdId: id }));
      const name = body.name === undefined ? undefined : cleanText(body.name);
      const shortName = body.shortName === undefined ? undefined : cleanText(body.shortName);
      await assertOpdNamesFree(tx, ctx, tenantId, { name, shortName }, id);
      await assertRegion(tx, ctx, tenantId, body.regionCode);
      const after = await repo.updateOpd(tx, tenantId, id, {
        name,
        short_name: shortName,
        type: body.type,
        head_name: cleanOptional(body.headName),
        head_title: cleanOptional(body.headTitle),
        region_code: body.regionCode,
        is_active: body.isActive,
      });
      await recordAudit(tx, ctx, tenantId, { action: 'opd.update', entityType: 'opd', entityId: id, before: auditShape(before), after: auditShape(after) });
      return after;
    })
    .catch(rethrowUnique(ctx.locale));
}

// --- service units ---------------------------------------------------------------------

/** The OPDs whose units/services the actor may list; 403 if none at all. */
function readableOpds(ctx: RequestContext, tenantId: string, opdId: string | undefined): 'all' | string[] {
  const scope = unitScope(ctx.actor, tenantId);
  if (scope !== 'all' && (scope.length === 0 || (opdId !== undefined && !scope.includes(opdId)))) throw new AppError('FORBIDDEN');
  return scope;
}

export async function listUnits(db: Db, ctx: RequestContext, tenantId: string, q: { opdId?: string; includeInactive?: boolean }) {
  const opdIds = readableOpds(ctx, tenantId, q.opdId);
  return repo.listUnits(db, tenantId, { opdIds, opdId: q.opdId, includeInactive: q.includeInactive });
}

export async function getUnit(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  const row = await repo.getUnit(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(can(ctx.actor, 'unit.read', { tenantId, opdId: row.opd_id }));
  return row;
}

/** The OPD a body refers to: 400 if it is not an OPD of this tenant, 403 if not the actor's. */
async function writableOpd(db: Executor, ctx: RequestContext, tenantId: string, opdId: string) {
  const opd = await repo.getOpd(db, tenantId, opdId);
  if (!opd) throw invalidReference(ctx.locale, 'opdId');
  authorize(can(ctx.actor, 'unit.write', { tenantId, opdId }));
  return opd;
}

export async function createUnit(db: Db, ctx: RequestContext, tenantId: string, body: TCreateUnitBody) {
  const name = cleanText(body.name);
  return db
    .transaction()
    .execute(async (tx) => {
      await writableOpd(tx, ctx, tenantId, body.opdId);
      if (await repo.findUnitClash(tx, tenantId, body.opdId, name)) throw duplicate(ctx.locale, 'name');
      await assertRegion(tx, ctx, tenantId, body.regionCode);
      const [row] = await repo.insertUnits(tx, [
        { tenant_id: tenantId, opd_id: body.opdId, name, address: cleanOptional(body.address) ?? null, region_code: body.regionCode ?? null },
      ]);
      await recordAudit(tx, ctx, tenantId, { action: 'unit.create', entityType: 'service_unit', entityId: row.id, before: null, after: auditShape(row) });
      return (await repo.getUnit(tx, tenantId, row.id))!;
    })
    .catch(rethrowUnique(ctx.locale));
}

export async function updateUnit(db: Db, ctx: RequestContext, tenantId: string, id: string, body: TPatchUnitBody) {
  return db
    .transaction()
    .execute(async (tx) => {
      const before = await repo.getUnit(tx, tenantId, id);
      if (!before) throw new AppError('NOT_FOUND');
      authorize(can(ctx.actor, 'unit.write', { tenantId, opdId: before.opd_id }));
      // Moving a unit to another OPD needs write access there too.
      const opdId = body.opdId ?? before.opd_id;
      if (opdId !== before.opd_id) await writableOpd(tx, ctx, tenantId, opdId);
      const name = body.name === undefined ? before.name : cleanText(body.name);
      if ((body.name !== undefined || opdId !== before.opd_id) && (await repo.findUnitClash(tx, tenantId, opdId, name, id))) {
        throw duplicate(ctx.locale, 'name');
      }
      await assertRegion(tx, ctx, tenantId, body.regionCode);
      await repo.updateUnit(tx, tenantId, id, {
        opd_id: body.opdId,
        name: body.name === undefined ? undefined : name,
        address: cleanOptional(body.address),
        region_code: body.regionCode,
        is_active: body.isActive,
      });
      const after = (await repo.getUnit(tx, tenantId, id))!;
      await recordAudit(tx, ctx, tenantId, { action: 'unit.update', entityType: 'service_unit', entityId: id, before: auditShape(before), after: auditShape(after) });
      return after;
    })
    .catch(rethrowUnique(ctx.locale));
}

// --- services --------------------------------------------------------------------------

export async function listServices(db: Db, ctx: RequestContext, tenantId: string, q: { unitId?: string; opdId?: string; includeInactive?: boolean }) {
  const opdIds = readableOpds(ctx, tenantId, q.opdId);
  if (q.unitId && opdIds !== 'all') {
    const unit = await repo.getUnit(db, tenantId, q.unitId);
    if (unit && !opdIds.includes(unit.opd_id)) throw new AppError('FORBIDDEN');
  }
  return repo.listServices(db, tenantId, { opdIds, unitId: q.unitId, opdId: q.opdId, includeInactive: q.includeInactive });
}

export async function getService(db: Db, ctx: RequestContext, tenantId: string, id: string) {
  const row = await repo.getService(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  authorize(can(ctx.actor, 'service.read', { tenantId, opdId: row.opd_id }));
  return row;
}

/** The unit a body refers to: 400 if it is not a unit of this tenant, 403 if not the actor's. */
async function writableUnit(db: Executor, ctx: RequestContext, tenantId: string, unitId: string) {
  const unit = await repo.getUnit(db, tenantId, unitId);
  if (!unit) throw invalidReference(ctx.locale, 'unitId');
  authorize(can(ctx.actor, 'service.write', { tenantId, opdId: unit.opd_id }));
  return unit;
}

export async function createService(db: Db, ctx: RequestContext, tenantId: string, body: TCreateServiceBody) {
  const name = cleanText(body.name);
  return db
    .transaction()
    .execute(async (tx) => {
      await writableUnit(tx, ctx, tenantId, body.unitId);
      if (await repo.findServiceClash(tx, tenantId, body.unitId, name)) throw duplicate(ctx.locale, 'name');
      const [row] = await repo.insertServices(tx, [{ tenant_id: tenantId, unit_id: body.unitId, name, description: cleanOptional(body.description) ?? null }]);
      await recordAudit(tx, ctx, tenantId, { action: 'service.create', entityType: 'service', entityId: row.id, before: null, after: auditShape(row) });
      return (await repo.getService(tx, tenantId, row.id))!;
    })
    .catch(rethrowUnique(ctx.locale));
}

export async function updateService(db: Db, ctx: RequestContext, tenantId: string, id: string, body: TPatchServiceBody) {
  return db
    .transaction()
    .execute(async (tx) => {
      const before = await repo.getService(tx, tenantId, id);
      if (!before) throw new AppError('NOT_FOUND');
      authorize(can(ctx.actor, 'service.write', { tenantId, opdId: before.opd_id }));
      const unitId = body.unitId ?? before.unit_id;
      if (unitId !== before.unit_id) await writableUnit(tx, ctx, tenantId, unitId);
      const name = body.name === undefined ? before.name : cleanText(body.name);
      if ((body.name !== undefined || unitId !== before.unit_id) && (await repo.findServiceClash(tx, tenantId, unitId, name, id))) {
        throw duplicate(ctx.locale, 'name');
      }
      await repo.updateService(tx, tenantId, id, {
        unit_id: body.unitId,
        name: body.name === undefined ? undefined : name,
        description: cleanOptional(body.description),
        is_active: body.isActive,
      });
      const after = (await repo.getService(tx, tenantId, id))!;
      await recordAudit(tx, ctx, tenantId, { action: 'service.update', entityType: 'service', entityId: id, before: auditShape(before), after: auditShape(after) });
      return after;
    })
    .catch(rethrowUnique(ctx.locale));
}
