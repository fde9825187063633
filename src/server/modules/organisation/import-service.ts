/**
 * CSV import of OPDs, units or services, all or nothing: every row is checked first (in
 * the file and against the database, inside the import's transaction); one bad row and
 * the answer is 400 IMPORT_INVALID listing each problem, with nothing stored. Used by
 * POST /org/import/:kind and the `import-org` CLI command.
 */
import type { Db, Executor } from '../../db/index.js';
import type { RequestContext } from '../../platform/context.js';
import { authorize } from '../../platform/policy.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import type { ImportKind, TImportRowError } from '../../../shared/schemas/organisation.js';
import type { OpdType } from './tables.js';
import { can } from './policy.js';
import * as repo from './repo.js';
import { auditShape } from './present.js';
import { rethrowUnique } from './errors.js';
import { checkAgainstLookups, lookupKey, readImportCsv, type CsvRow, type ImportLookups } from './csv.js';

/** Rows per INSERT statement. */
const INSERT_BATCH = 500;

function invalid(errors: TImportRowError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  errors.sort((a, b) => a.row - b.row);
  return new AppError('IMPORT_INVALID', { count: rows }, errors);
}

async function loadLookups(tx: Executor, tenantId: string, kind: ImportKind, rows: CsvRow[]): Promise<ImportLookups> {
  const codes = rows.map((r) => r.values.region_code).filter(Boolean);
  const opds = await repo.opdNames(tx, tenantId);
  return {
    regionCodes: await repo.existingRegionCodes(tx, tenantId, codes),
    opdsByShortName: new Map(opds.map((o) => [o.short_name.toLowerCase(), { id: o.id, name: o.name, shortName: o.short_name }])),
    opdNames: new Set(opds.map((o) => o.name.toLowerCase())),
    units: kind === 'opds' ? new Map() : new Map((await repo.unitNames(tx, tenantId)).map((u) => [lookupKey(u.opd_id, u.name), u.id])),
    services: kind === 'services' ? new Set((await repo.serviceNames(tx, tenantId)).map((s) => lookupKey(s.unit_id, s.name))) : new Set(),
  };
}

const orNull = (v: string | undefined) => (v ? v : null);

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += INSERT_BATCH) out.push(items.slice(i, i + INSERT_BATCH));
  return out;
}

async function insertRows(tx: Executor, tenantId: string, kind: ImportKind, rows: CsvRow[], lookups: ImportLookups) {
  const opdId = (v: Record<string, string>) => lookups.opdsByShortName.get(v.opd_short_name.toLowerCase())!.id;
  const inserted: Array<{ entityType: string; row: Record<string, unknown> & { id: string } }> = [];
  for (const batch of chunks(rows)) {
    if (kind === 'opds') {
      const created = await repo.insertOpds(
        tx,
        batch.map(({ values: v }) => ({
          tenant_id: tenantId,
          name: v.name,
          short_name: v.short_name,
          type: v.type as OpdType,
          head_name: orNull(v.head_name),
          head_title: orNull(v.head_title),
          region_code: orNull(v.region_code),
        })),
      );
      inserted.push(...created.map((row) => ({ entityType: 'opd', row })));
    } else if (kind === 'units') {
      const created = await repo.insertUnits(
        tx,
        batch.map(({ values: v }) => ({ tenant_id: tenantId, opd_id: opdId(v), name: v.name, address: orNull(v.address), region_code: orNull(v.region_code) })),
      );
      inserted.push(...created.map((row) => ({ entityType: 'service_unit', row })));
    } else {
      const created = await repo.insertServices(
        tx,
        batch.map(({ values: v }) => ({
          tenant_id: tenantId,
          unit_id: lookups.units.get(lookupKey(opdId(v), v.unit_name))!,
          name: v.name,
          description: orNull(v.description),
        })),
      );
      inserted.push(...created.map((row) => ({ entityType: 'service', row })));
    }
  }
  return inserted;
}

const AUDIT_ACTION: Record<ImportKind, string> = { opds: 'opd.import', units: 'unit.import', services: 'service.import' };

/**
 * Imports `csv` into the tenant. Throws IMPORT_INVALID with `details: [{row, column,
 * message}]` (messages in ctx.locale) when any row is bad.
 */
export async function importOrganisation(db: Db, ctx: RequestContext, tenantId: string, kind: ImportKind, csv: string): Promise<{ imported: number }> {
  authorize(can(ctx.actor, 'org.import', { tenantId }) || isSystem(ctx));
  const { rows, errors } = readImportCsv(kind, csv, ctx.locale);
  if (!rows.length) throw invalid(errors);
  return db
    .transaction()
    .execute(async (tx) => {
      // Report every problem at once: the file's own and those against the database.
      const lookups = await loadLookups(tx, tenantId, kind, rows);
      const problems = [...errors, ...checkAgainstLookups(kind, rows, lookups, ctx.locale)];
      if (problems.length) throw invalid(problems);
      const inserted = await insertRows(tx, tenantId, kind, rows, lookups);
      for (const { entityType, row } of inserted) {
        await recordAudit(tx, ctx, tenantId, { action: AUDIT_ACTION[kind], entityType, entityId: row.id, before: null, after: auditShape(row) });
      }
      return { imported: inserted.length };
    })
    .catch(rethrowUnique(ctx.locale));
}

/** The CLI runs as the system (an operator at the server's console), not as a user. */
function isSystem(ctx: RequestContext): boolean {
  return ctx.actor === null && 'systemLabel' in ctx;
}
