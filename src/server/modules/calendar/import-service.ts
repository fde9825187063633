/**
 * Loading a year's libur nasional and cuti bersama (POST /calendar/national/import), all
 * or nothing: every row is checked (national-import.ts, then against the stored calendar
 * inside the transaction); one bad row and the answer is 400 IMPORT_INVALID naming each
 * row and column, with nothing stored. A superadmin's import is global; a tenant admin's
 * counts for that tenant only (policy.ts `importScope`). Audited.
 *
 * Cases whose deadline was provisional for that year are recomputed by the
 * `complaints.due-recompute` job, which finds them on its next run (docs/adr/0025).
 */
import type { Db } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { AppError, PG, pgCode } from '../../platform/errors.js';
import { t, type MessageKey } from '../../../shared/i18n/index.js';
import type { TImportNationalBody, TImportNationalResponse } from '../../../shared/schemas/calendar.js';
import type { TImportRowError } from '../../../shared/schemas/organisation.js';
import { recordAudit } from '../audit/record.js';
import { hasOneSource, readNationalImport } from './national-import.js';
import { importScope } from './policy.js';
import * as repo from './repo.js';
import { invalidateAllWorkCalendars, invalidateWorkCalendar } from './service.js';

function invalid(errors: TImportRowError[]): AppError {
  errors.sort((a, b) => a.row - b.row);
  const first = errors[0];
  const count = new Set(errors.map((e) => e.row)).size;
  return new AppError('IMPORT_INVALID', { count, row: first.row, column: first.column ?? '-', problem: first.message }, errors, 'calendar.import.invalid');
}

function fieldError(ctx: RequestContext, field: string, key: MessageKey): AppError {
  return new AppError('VALIDATION', {}, [{ field, message: t(ctx.locale, key) }], key);
}

export async function importNationalDays(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  tenant: TenantRef,
  body: TImportNationalBody,
): Promise<TImportNationalResponse> {
  if (!hasOneSource(body)) throw fieldError(ctx, 'csv', 'calendar.import.oneSource');
  const read = readNationalImport(body, ctx.locale);
  if (read.errors.length) throw invalid(read.errors);

  const scope = importScope(actor);
  const owner = scope === 'global' ? null : tenant.id;
  const year = body.year;
  try {
    return await db.transaction().execute(async (tx) => {
      // What the scope already sees: a tenant's import may not repeat a global row either.
      const stored = await repo.listNationalDays(tx, `${year}-01-01`, `${year}-12-31`, { tenantId: owner });
      const have = new Set(stored.map((r) => `${r.date}|${r.kind}`));
      const wasLoaded = stored.some((r) => r.kind === 'libur_nasional');
      const errors: TImportRowError[] = [];
      for (const r of read.rows) {
        if (have.has(`${r.date}|${r.kind}`)) {
          errors.push({ row: r.row, column: 'date', message: t(ctx.locale, 'calendar.import.duplicateStored', { date: r.date, kind: r.kind }) });
        }
      }
      // A year counts as loaded by its libur nasional: cuti bersama alone would leave its
      // deadlines provisional while the admin believes the year is done.
      if (!wasLoaded && !read.rows.some((r) => r.kind === 'libur_nasional')) {
        errors.push({ row: read.rows[0].row, column: 'kind', message: t(ctx.locale, 'calendar.import.noLiburNasional', { year }) });
      }
      if (errors.length) throw invalid(errors);

      let imported: number;
      try {
        imported = await repo.insertNationalDays(
          tx,
          read.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, legal_source: r.legalSource, tenant_id: owner })),
        );
      } catch (err) {
        // Another import of the same days committed in between: the unique index decides.
        if (pgCode(err) === PG.UNIQUE_VIOLATION) throw new AppError('DUPLICATE', {}, undefined, 'calendar.import.concurrent');
        throw err;
      }
      await recordAudit(tx, ctx, tenant.id, {
        action: 'calendar.national.import',
        entityType: 'national_day_off',
        entityId: String(year),
        after: { scope, year, rows: read.rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, legal_source: r.legalSource })) },
      });
      return { year, scope, imported };
    });
  } finally {
    // After the commit (or rollback): a read in between would otherwise cache stale data.
    if (owner === null) invalidateAllWorkCalendars();
    else invalidateWorkCalendar(tenant.id);
  }
}
