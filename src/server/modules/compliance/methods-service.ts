/**
 * Assessment methods: the reference versions shipped by the migration and the versions a
 * tenant's admin adds (as a form or an imported JSON file) without any code change. A
 * version is immutable; a change is a new version.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import type { TCreateMethodBody, TMethodKind } from '../../../shared/schemas/compliance.js';
import { recordAudit } from '../audit/record.js';
import { fieldError, methodInvalid } from './errors.js';
import { methodProblems } from './method-rules.js';
import * as repo from './repo.js';
import type { MethodRow } from './repo.js';

/**
 * Methods never change once stored, so a method read once is kept (by id; the tenant check
 * happens on every lookup through `findMethod`'s visibility rule before the cache is used).
 */
const cache = new Map<string, MethodRow>();
const CACHE_MAX = 500;

export async function loadMethod(db: Executor, tenantId: string, id: string): Promise<MethodRow | undefined> {
  const hit = cache.get(id);
  if (hit && (hit.tenant_id === null || hit.tenant_id === tenantId)) return hit;
  if (hit) return undefined;
  const row = await repo.findMethod(db, tenantId, id);
  if (row) {
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(id, row);
  }
  return row;
}

export async function listMethods(db: Db, tenantId: string, kind?: TMethodKind) {
  return repo.listMethods(db, tenantId, kind);
}

export async function getMethod(db: Db, tenantId: string, id: string): Promise<MethodRow> {
  const row = await loadMethod(db, tenantId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function createMethod(db: Db, ctx: RequestContext, tenantId: string, body: TCreateMethodBody): Promise<MethodRow> {
  const problems = methodProblems(body);
  if (problems.length) throw methodInvalid(ctx.locale, problems);
  return db.transaction().execute(async (tx) => {
    if (await repo.methodVersionTaken(tx, tenantId, body.code, body.version)) {
      throw fieldError(ctx.locale, 'version', 'compliance.method.versionTaken', { code: body.code, version: body.version }, 'CONFLICT');
    }
    let row: MethodRow;
    try {
      row = await repo.insertMethod(tx, {
        tenant_id: tenantId,
        code: body.code,
        version: body.version,
        kind: body.kind,
        subject: body.subject,
        name: body.name.trim(),
        legal_source: body.legalSource.trim(),
        valid_from_year: body.validFromYear,
        note: body.note?.trim() || null,
        range: JSON.stringify(body.range),
        dimensions: JSON.stringify(body.dimensions),
        indicators: JSON.stringify(body.indicators.map((i) => ({ ...i, evidenceHint: i.evidenceHint ?? null }))),
        bands: JSON.stringify(body.bands),
        created_by: ctx.actor?.userId ?? null,
      });
    } catch (err) {
      if (pgCode(err) === PG.UNIQUE_VIOLATION) throw fieldError(ctx.locale, 'version', 'compliance.method.versionTaken', { code: body.code, version: body.version }, 'CONFLICT');
      throw err;
    }
    await recordAudit(tx, ctx, tenantId, {
      action: 'compliance.method.create',
      entityType: 'compliance_method',
      entityId: row.id,
      before: null,
      after: { code: body.code, version: body.version, kind: body.kind, legal_source: body.legalSource, valid_from_year: body.validFromYear, dimensions: body.dimensions, bands: body.bands, indicator_count: body.indicators.length },
    });
    return row;
  });
}
