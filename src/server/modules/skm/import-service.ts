/**
 * Paper forms: a CSV/XLSX template for a period and the import of a filled file. Every
 * bad row is reported (row = line in the file, header = 1; column; why) and a file with
 * any error imports nothing (IMPORT_INVALID with the list in details).
 */
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/index.js';
import type { Actor, RequestContext, TenantRef } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { SKM_EDUCATION, SKM_OCCUPATION, SKM_SEX, SUGGESTION_MAX, type TSkmImportRowError } from '../../../shared/schemas/skm.js';
import { recordAudit } from '../audit/record.js';
import { ageBand, monthOf, startOfLocalDay, timeSlot } from './period.js';
import { currentQuestionnaire, type Questionnaire } from './questionnaire-service.js';
import { answersHash } from './submit-service.js';
import { periodFor } from './staff-service.js';
import * as repo from './repo.js';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const PROFILE_COLUMNS = ['tanggal', 'jam', 'loket', 'jenis_kelamin', 'usia', 'pendidikan', 'pekerjaan'] as const;

export function templateColumns(q: Questionnaire): string[] {
  return [...PROFILE_COLUMNS, ...q.unsur.map((u) => u.key), 'saran'];
}

export async function templateCsv(db: Db, tenantId: string): Promise<string> {
  return stringify([templateColumns(await currentQuestionnaire(db, tenantId))]);
}

export async function templateXlsx(db: Db, tenantId: string, locale: Locale): Promise<Buffer> {
  const q = await currentQuestionnaire(db, tenantId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Jawaban');
  ws.addRow(templateColumns(q));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 14));
  const help = wb.addWorksheet('Petunjuk');
  help.addRow([t(locale, 'skm.title')]).font = { bold: true };
  help.addRow(['tanggal', 'YYYY-MM-DD']);
  help.addRow(['jam', 'HH:MM']);
  help.addRow(['jenis_kelamin', SKM_SEX.join(', ')]);
  help.addRow(['usia', '15–99']);
  help.addRow(['pendidikan', SKM_EDUCATION.join(', ')]);
  help.addRow(['pekerjaan', SKM_OCCUPATION.join(', ')]);
  for (const u of q.unsur) help.addRow([u.key, `${u.name}: 1 = ${u.options[0]}, 2 = ${u.options[1]}, 3 = ${u.options[2]}, 4 = ${u.options[3]}`]);
  help.addRow(['saran', `≤ ${SUGGESTION_MAX}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface SheetRow {
  row: number;
  cells: string[];
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (o.richText) return o.richText.map((x) => x.text).join('');
    if (o.result !== undefined) return cellText(o.result as ExcelJS.CellValue);
    if (o.text !== undefined) return String(o.text);
    return '';
  }
  return String(v);
}

async function readRows(data: Buffer, filename: string): Promise<SheetRow[]> {
  const isXlsx = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isXlsx) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new AppError('FILE_INVALID', { name: filename, reason: 'XLSX' }, undefined, 'skm.importFileType');
    }
    const ws = wb.worksheets[0];
    const out: SheetRow[] = [];
    ws?.eachRow({ includeEmpty: false }, (row, n) => {
      const vals = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim());
      if (vals.some((v) => v !== '')) out.push({ row: n, cells: vals });
    });
    return out;
  }
  if (data.includes(0)) throw new AppError('FILE_INVALID', { name: filename, reason: 'CSV/XLSX' }, undefined, 'skm.importFileType');
  try {
    const recs = parse(data.toString('utf8').replace(/^\uFEFF/, ''), { info: true, relax_column_count: true, skip_empty_lines: true, trim: true, delimiter: [',', ';'] }) as Array<{ record: string[]; info: { lines: number } }>;
    return recs.filter((r) => r.record.some((c) => c !== '')).map((r) => ({ row: r.info.lines, cells: r.record }));
  } catch (e) {
    throw new AppError('IMPORT_INVALID', { count: 1 }, [{ row: Number(/line (\d+)/.exec((e as Error).message)?.[1] ?? 1), column: '', message: (e as Error).message }]);
  }
}

export async function importFile(db: Db, ctx: RequestContext, actor: Actor, tenant: TenantRef, periodId: string, file: { filename: string; data: Buffer }): Promise<{ importId: string; imported: number }> {
  const { period, unit } = await periodFor(db, actor, tenant.id, periodId, 'skm.manage');
  const locale = ctx.locale;
  const rows = await readRows(file.data, file.filename);
  if (rows.length < 2) throw new AppError('VALIDATION', { detail: 'file' }, [{ field: 'file' }], 'skm.importEmpty');
  const q = await currentQuestionnaire(db, tenant.id);
  const header = rows[0].cells.map((h) => h.trim().toLowerCase());
  const errors: TSkmImportRowError[] = [];
  const err = (row: number, column: string, key: MessageKey, params: Record<string, string | number> = {}) => errors.push({ row, column, message: t(locale, key, params) });
  const col = (name: string) => header.indexOf(name);
  const unsurCol = new Map(q.unsur.map((u) => [u.key, col(u.key) >= 0 ? col(u.key) : col(`u${u.position}`)]));
  if (col('tanggal') < 0) err(rows[0].row, 'tanggal', 'skm.import.missingColumn', { column: 'tanggal' });
  for (const [k, i] of unsurCol) if (i < 0) err(rows[0].row, k, 'skm.import.missingColumn', { column: k });
  if (errors.length) throw new AppError('IMPORT_INVALID', { count: errors.length }, errors);
  if (rows.length - 1 > MAX_IMPORT_ROWS) throw new AppError('IMPORT_INVALID', { count: 1 }, [{ row: rows[MAX_IMPORT_ROWS + 1].row, column: '', message: `> ${MAX_IMPORT_ROWS}` }]);

  const counters = new Map((await repo.listCounters(db, tenant.id, unit.id)).map((c) => [c.code.toLowerCase(), c.id]));
  const importId = crypto.randomUUID();
  const responses: repo.NewResponse[] = [];
  const byMonth = new Map<string, { tallies: Record<string, { sum: number; count: number }>; respondents: number }>();
  const get = (cells: string[], name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
  const oneOf = (r: SheetRow, name: string, allowed: readonly string[]): string | null => {
    const v = get(r.cells, name);
    if (!v) return null;
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (!hit) err(r.row, name, 'skm.import.badValue', { value: v.slice(0, 30), allowed: allowed.join(', ') });
    return hit ?? null;
  };

  for (const r of rows.slice(1)) {
    const before = errors.length;
    const date = get(r.cells, 'tanggal');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || date < period.starts_on || date > period.ends_on) {
      err(r.row, 'tanggal', 'skm.import.badDate', { value: date.slice(0, 30), from: period.starts_on, to: period.ends_on });
    }
    const time = get(r.cells, 'jam');
    const tm = /^(\d{1,2})[:.](\d{2})$/.exec(time);
    if (time && (!tm || Number(tm[1]) > 23 || Number(tm[2]) > 59)) err(r.row, 'jam', 'skm.import.badValue', { value: time.slice(0, 30), allowed: 'HH:MM' });
    const loket = get(r.cells, 'loket');
    const counterId = loket ? (counters.get(loket.toLowerCase()) ?? null) : null;
    if (loket && !counterId) err(r.row, 'loket', 'skm.import.unknownLoket', { value: loket.slice(0, 30) });
    const sex = oneOf(r, 'jenis_kelamin', SKM_SEX);
    const education = oneOf(r, 'pendidikan', SKM_EDUCATION);
    const occupation = oneOf(r, 'pekerjaan', SKM_OCCUPATION);
    const ageRaw = get(r.cells, 'usia');
    const age = ageRaw ? Number(ageRaw) : null;
    if (ageRaw && !(Number.isInteger(age) && age! >= 15 && age! <= 99)) err(r.row, 'usia', 'skm.import.badAge', { value: ageRaw.slice(0, 30) });
    const answers: Record<string, number> = {};
    for (const [k, i] of unsurCol) {
      const v = (r.cells[i] ?? '').trim();
      if (v === '') continue;
      if (!/^[1-4]$/.test(v)) err(r.row, k, 'skm.import.badAnswer', { value: v.slice(0, 30) });
      else answers[k] = Number(v);
    }
    if (!Object.keys(answers).length && errors.length === before) err(r.row, q.unsur[0].key, 'skm.import.noAnswer');
    const suggestion = get(r.cells, 'saran');
    if (suggestion.length > SUGGESTION_MAX) err(r.row, 'saran', 'skm.import.tooLong', { limit: SUGGESTION_MAX });
    if (errors.length !== before) continue;

    const hour = tm ? Number(tm[1]) : 12;
    const answeredAt = new Date(startOfLocalDay(date, tenant.timezone).getTime() + (hour * 60 + (tm ? Number(tm[2]) : 0)) * 60_000);
    const month = monthOf(date);
    responses.push({
      tenant_id: tenant.id, client_id: crypto.randomUUID(), unit_id: unit.id, counter_id: counterId, officer_code: null, questionnaire_id: q.id,
      answers: JSON.stringify(answers), sex: sex as 'L' | 'P' | null, age: age ?? null, age_band: ageBand(age), education, occupation, service_id: null,
      answered_at: answeredAt, answered_on: date, month, time_slot: timeSlot(hour), suggestion: suggestion || null, source: 'paper', import_id: importId,
      fingerprint: null, answers_hash: answersHash(answers), flagged: false, flag_reason: null,
      // folded here, in the import's transaction (applyBulkToAggregates below), not by the job
      folded: true,
    });
    const m = byMonth.get(month) ?? { tallies: {}, respondents: 0 };
    m.respondents++;
    for (const [k, v] of Object.entries(answers)) {
      const x = (m.tallies[k] ??= { sum: 0, count: 0 });
      x.sum += v;
      x.count++;
    }
    byMonth.set(month, m);
  }
  if (errors.length) throw new AppError('IMPORT_INVALID', { count: new Set(errors.map((e) => e.row)).size }, errors.slice(0, 500));

  await db.transaction().execute(async (tx) => {
    await tx.insertInto('skm_import').values({ tenant_id: tenant.id, id: importId, period_id: period.id, filename: file.filename.slice(0, 200) || 'import', rows: responses.length, created_by: actor.userId }).execute();
    await repo.insertResponses(tx, responses);
    for (const [month, m] of [...byMonth.entries()].sort()) await repo.applyBulkToAggregates(tx, { tenantId: tenant.id, unitId: unit.id, month, questionnaireId: q.id }, m.tallies, m.respondents);
    await repo.applyToProfileAggregates(tx, tenant.id, { clientIds: responses.map((r) => r.client_id) }, 1, { countedOnly: true });
    await recordAudit(tx, ctx, tenant.id, { action: 'skm.import', entityType: 'skm_import', entityId: importId, after: { period_id: period.id, filename: file.filename, rows: responses.length } });
  });
  return { importId, imported: responses.length };
}
