/**
 * Reading an import of a year's libur nasional and cuti bersama, the part that needs no
 * database: CSV rows (pasted or uploaded, "date,kind,name,legal_source", a header row
 * optional) or JSON rows, each checked on its own so every problem is reported with its
 * row and column. A CSV row's number is its line in the text; a JSON row's is its place
 * in the list, counting from 1. The service (import-service.ts) does the checks against
 * the stored calendar and stores all rows or none.
 */
import { parse } from 'csv-parse/sync';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { NATIONAL_IMPORT_MAX_ROWS, type TImportNationalBody } from '../../../shared/schemas/calendar.js';
import type { TImportRowError } from '../../../shared/schemas/organisation.js';
import { isValidDate } from './workdays.js';

export type NationalKind = 'libur_nasional' | 'cuti_bersama';

export interface NationalImportRow {
  row: number;
  date: string;
  kind: NationalKind;
  name: string;
  legalSource: string;
}

/** Longest name and legal source stored (the same limits as a tenant's own days). */
export const NAME_MAX = 200;
export const LEGAL_SOURCE_MAX = 300;

const CSV_COLUMNS = ['date', 'kind', 'name', 'legal_source'] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** The column names an answer uses: the CSV's, or the JSON body's field names. */
const JSON_NAMES: Record<Column, string> = { date: 'date', kind: 'kind', name: 'name', legal_source: 'legalSource' };

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** "Libur Nasional", "libur-nasional" and "LIBUR_NASIONAL" all mean libur_nasional. */
function normaliseKind(v: string): string {
  return v.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Spreadsheets set to Indonesian write ';' between cells: take whichever the first line uses more. */
function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
}

interface RawRow {
  row: number;
  values: Record<Column, string>;
}

function readCsv(text: string, locale: Locale): { raw: RawRow[]; errors: TImportRowError[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  // One kind of line end: csv-parse takes the first one it meets for all, and a pasted
  // "\r\n" row followed by "\n" rows would otherwise run together into one record.
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  try {
    records = parse(clean, { delimiter: detectDelimiter(clean), relax_column_count: true, skip_empty_lines: true, trim: true, info: true });
  } catch (err) {
    const line = Number((err as { lines?: number }).lines) || 1;
    return { raw: [], errors: [{ row: line, column: null, message: t(locale, 'calendar.import.malformed') }] };
  }
  // Rows of only empty cells (",,,") are what spreadsheets leave at the end.
  records = records.filter((r) => r.record.some((v) => v !== ''));
  let order: readonly Column[] = CSV_COLUMNS;
  const head = records[0]?.record.map(normaliseHeader);
  if (head && head.includes('date') && !isValidDate(records[0].record[0])) {
    // A header row: its names may come in any order, but all four must be there.
    const missing = CSV_COLUMNS.filter((c) => !head.includes(c));
    if (missing.length || head.some((h) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(h))) {
      return { raw: [], errors: [{ row: records[0].info.lines, column: null, message: t(locale, 'calendar.import.columns') }] };
    }
    order = head as Column[];
    records = records.slice(1);
  }
  const raw: RawRow[] = [];
  const errors: TImportRowError[] = [];
  for (const { record, info } of records) {
    const cells = [...record];
    while (cells.length > order.length && cells[cells.length - 1] === '') cells.pop();
    if (cells.length !== order.length) {
      errors.push({ row: info.lines, column: null, message: t(locale, 'calendar.import.columns') });
      continue;
    }
    const values = Object.fromEntries(order.map((c, i) => [c, cells[i]])) as Record<Column, string>;
    raw.push({ row: info.lines, values });
  }
  return { raw, errors };
}

function fromJson(rows: NonNullable<TImportNationalBody['rows']>): RawRow[] {
  return rows.map((r, i) => ({ row: i + 1, values: { date: r.date.trim(), kind: r.kind, name: r.name.trim(), legal_source: r.legalSource.trim() } }));
}

/** True when the body gives exactly one of `csv` and `rows`. */
export function hasOneSource(body: TImportNationalBody): boolean {
  return (body.csv === undefined) !== (body.rows === undefined);
}

/** The rows of an import of `body.year` (which has one source, see hasOneSource), or every problem found. */
export function readNationalImport(body: TImportNationalBody, locale: Locale): { rows: NationalImportRow[]; errors: TImportRowError[] } {
  const fromCsv = body.csv !== undefined;
  const name = (c: Column) => (fromCsv ? c : JSON_NAMES[c]);
  const read = fromCsv ? readCsv(body.csv!, locale) : { raw: fromJson(body.rows!), errors: [] };
  const errors = [...read.errors];
  if (!read.raw.length && !errors.length) return { rows: [], errors: [{ row: 1, column: null, message: t(locale, 'calendar.import.empty') }] };
  if (read.raw.length > NATIONAL_IMPORT_MAX_ROWS) {
    return { rows: [], errors: [{ row: 1, column: null, message: t(locale, 'calendar.import.tooManyRows', { limit: NATIONAL_IMPORT_MAX_ROWS }) }] };
  }

  const rows: NationalImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values: v } of read.raw) {
    const problems: TImportRowError[] = [];
    const problem = (c: Column, key: MessageKey, params: Record<string, string | number> = {}) =>
      problems.push({ row, column: name(c), message: t(locale, key, { column: name(c), ...params }) });

    const dayName = v.name.replace(/\s+/g, ' ');
    const legal = v.legal_source.replace(/\s+/g, ' ');
    if (!v.date) problem('date', 'calendar.import.required');
    else if (!isValidDate(v.date)) problem('date', 'calendar.import.badDate', { value: v.date.slice(0, 40) });
    else if (Number(v.date.slice(0, 4)) !== body.year) problem('date', 'calendar.import.wrongYear', { value: v.date, year: body.year });
    const kind = normaliseKind(v.kind);
    if (!v.kind) problem('kind', 'calendar.import.required');
    else if (kind !== 'libur_nasional' && kind !== 'cuti_bersama') problem('kind', 'calendar.import.badKind', { value: v.kind.slice(0, 40) });
    if (!dayName) problem('name', 'calendar.import.required');
    else if (dayName.length > NAME_MAX) problem('name', 'calendar.import.tooLong', { limit: NAME_MAX });
    if (!legal) problem('legal_source', 'calendar.import.required');
    else if (legal.length > LEGAL_SOURCE_MAX) problem('legal_source', 'calendar.import.tooLong', { limit: LEGAL_SOURCE_MAX });

    if (!problems.length) {
      const key = `${v.date}|${kind}`;
      const first = seen.get(key);
      if (first !== undefined) problem('date', 'calendar.import.duplicateInFile', { date: v.date, kind, row: first });
      else seen.set(key, row);
    }
    if (problems.length) errors.push(...problems);
    else rows.push({ row, date: v.date, kind: kind as NationalKind, name: dayName, legalSource: legal });
  }
  return { rows: errors.length ? [] : rows, errors };
}
