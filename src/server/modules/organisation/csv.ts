/**
 * CSV import of OPDs, units and services, the part that needs no database: reading the
 * file, the columns of each kind, the row checks, and the template. A row's number is its
 * line in the file (the header is row 1), as a spreadsheet shows it.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { t, type Locale } from '../../../shared/i18n/index.js';
import {
  NAME_MAX,
  OPD_TYPES,
  SHORT_NAME_MAX,
  TEXT_MAX,
  type ImportKind,
  type TImportRowError,
} from '../../../shared/schemas/organisation.js';
import type { OpdType } from './tables.js';

/** More rows than this is not an organisation chart; split the file. */
export const MAX_IMPORT_ROWS = 5000;

interface ColumnSpec {
  name: string;
  required: boolean;
  max: number;
}

const col = (name: string, required: boolean, max: number): ColumnSpec => ({ name, required, max });

export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  opds: [
    col('name', true, NAME_MAX),
    col('short_name', true, SHORT_NAME_MAX),
    col('type', true, 40),
    col('head_name', false, NAME_MAX),
    col('head_title', false, NAME_MAX),
    col('region_code', false, 20),
  ],
  units: [col('opd_short_name', true, SHORT_NAME_MAX), col('name', true, NAME_MAX), col('address', false, TEXT_MAX), col('region_code', false, 20)],
  services: [col('opd_short_name', true, SHORT_NAME_MAX), col('unit_name', true, NAME_MAX), col('name', true, NAME_MAX), col('description', false, TEXT_MAX)],
};

const EXAMPLES: Record<ImportKind, string[]> = {
  opds: ['Dinas Kesehatan', 'Dinkes', 'dinas', '', 'Kepala Dinas', ''],
  units: ['Dinkes', 'Instalasi Farmasi Kabupaten', 'Jl. Contoh No. 1', ''],
  services: ['Dinkes', 'Instalasi Farmasi Kabupaten', 'Distribusi obat ke puskesmas', 'Penyaluran obat dan perbekalan kesehatan'],
};

/** The template file: header row and one example row. */
export function importTemplate(kind: ImportKind): string {
  return stringify([IMPORT_COLUMNS[kind].map((c) => c.name), EXAMPLES[kind]]);
}

export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

const AREA_CODE = /^[0-9]{2}\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?$/;

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Spreadsheets set to Indonesian export CSV with ';' (the comma is the decimal separator):
 * take whichever of ',' and ';' the header row uses more.
 */
function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads the file into rows keyed by column name and checks what needs no database:
 * header, required values, lengths, OPD type, region-code format. Values are trimmed;
 * inner white space of names is collapsed.
 */
export function readImportCsv(kind: ImportKind, text: string, locale: Locale): { rows: CsvRow[]; errors: TImportRowError[] } {
  const specs = IMPORT_COLUMNS[kind];
  const errors: TImportRowError[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (err) {
    const line = Number((err as { lines?: number }).lines) || 1;
    return { rows: [], errors: [{ row: line, column: null, message: t(locale, 'organisation.import.malformed') }] };
  }
  // Rows of only empty cells (",,,,") are what spreadsheets leave at the end: skip them.
  records = records.filter((r) => r.record.some((v) => v !== ''));
  if (!records.length) return { rows: [], errors: [{ row: 1, column: null, message: t(locale, 'organisation.import.empty') }] };

  const [head, ...body] = records;
  const header = head.record.map(normaliseHeader);
  const known = new Set(specs.map((s) => s.name));
  // Empty header cells (spreadsheets add them) are ignored, as long as their column is empty.
  for (const h of header) {
    if (h !== '' && !known.has(h)) errors.push({ row: head.info.lines, column: h, message: t(locale, 'organisation.import.unknownColumn', { column: h }) });
  }
  for (const s of specs) {
    if (!header.includes(s.name)) errors.push({ row: head.info.lines, column: s.name, message: t(locale, 'organisation.import.missingColumn', { column: s.name }) });
  }
  if (errors.length) return { rows: [], errors };
  if (!body.length) return { rows: [], errors: [{ row: 1, column: null, message: t(locale, 'organisation.import.empty') }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [{ row: 1, column: null, message: t(locale, 'organisation.import.tooManyRows', { limit: MAX_IMPORT_ROWS }) }] };
  }

  const rows: CsvRow[] = [];
  for (const { record, info } of body) {
    const row = info.lines;
    if (record.some((v, i) => v !== '' && !header[i])) {
      errors.push({ row, column: null, message: t(locale, 'organisation.import.malformed') });
      continue;
    }
    const values: Record<string, string> = {};
    for (const s of specs) {
      const raw = record[header.indexOf(s.name)] ?? '';
      const v = s.max <= NAME_MAX ? raw.replace(/\s+/g, ' ') : raw;
      values[s.name] = v;
      if (s.required && v === '') errors.push({ row, column: s.name, message: t(locale, 'organisation.import.required', { column: s.name }) });
      else if (v.length > s.max) errors.push({ row, column: s.name, message: t(locale, 'organisation.import.tooLong', { column: s.name, limit: s.max }) });
    }
    if (kind === 'opds' && values.type !== '') {
      values.type = values.type.toLowerCase();
      if (!OPD_TYPES.includes(values.type as OpdType)) {
        errors.push({ row, column: 'type', message: t(locale, 'organisation.import.badType', { value: values.type, values: OPD_TYPES.join(', ') }) });
      }
    }
    if (values.region_code && !AREA_CODE.test(values.region_code)) {
      errors.push({ row, column: 'region_code', message: t(locale, 'organisation.import.badRegion', { value: values.region_code }) });
    }
    rows.push({ row, values });
  }
  return { rows, errors };
}

/** What the database already holds, for the checks that need it. */
export interface ImportLookups {
  regionCodes: Set<string>;
  /** lower(short_name) → OPD */
  opdsByShortName: Map<string, { id: string; name: string; shortName: string }>;
  opdNames: Set<string>;
  /** `${opdId}|lower(name)` → unit id */
  units: Map<string, string>;
  /** `${unitId}|lower(name)` */
  services: Set<string>;
}

const key = (...parts: string[]) => parts.map((p) => p.toLowerCase()).join('|');

/**
 * The checks against the database and within the file: region codes of this tenant, OPDs
 * and units that exist, no name used twice (in the file or already stored).
 */
export function checkAgainstLookups(kind: ImportKind, rows: CsvRow[], db: ImportLookups, locale: Locale): TImportRowError[] {
  const errors: TImportRowError[] = [];
  const seen = new Map<string, number>();
  const unique = (row: number, column: string, value: string, k: string, existsInDb: boolean) => {
    const first = seen.get(k);
    if (first !== undefined) errors.push({ row, column, message: t(locale, 'organisation.import.duplicateInFile', { column, value, row: first }) });
    else if (existsInDb) errors.push({ row, column, message: t(locale, 'organisation.import.duplicateInDb', { column, value }) });
    if (first === undefined) seen.set(k, row);
  };
  const region = (row: number, v: Record<string, string>) => {
    if (v.region_code && AREA_CODE.test(v.region_code) && !db.regionCodes.has(v.region_code)) {
      errors.push({ row, column: 'region_code', message: t(locale, 'organisation.import.badRegion', { value: v.region_code }) });
    }
  };
  const opdOf = (row: number, v: Record<string, string>) => {
    if (!v.opd_short_name) return undefined;
    const opd = db.opdsByShortName.get(v.opd_short_name.toLowerCase());
    if (!opd) errors.push({ row, column: 'opd_short_name', message: t(locale, 'organisation.import.unknownOpd', { value: v.opd_short_name }) });
    return opd;
  };

  for (const { row, values: v } of rows) {
    if (kind === 'opds') {
      if (v.name) unique(row, 'name', v.name, key('name', v.name), db.opdNames.has(v.name.toLowerCase()));
      if (v.short_name) unique(row, 'short_name', v.short_name, key('short', v.short_name), db.opdsByShortName.has(v.short_name.toLowerCase()));
      region(row, v);
    } else if (kind === 'units') {
      const opd = opdOf(row, v);
      if (opd && v.name) unique(row, 'name', v.name, key(opd.id, v.name), db.units.has(key(opd.id, v.name)));
      region(row, v);
    } else {
      const opd = opdOf(row, v);
      if (!opd || !v.unit_name) continue;
      const unitId = db.units.get(key(opd.id, v.unit_name));
      if (!unitId) {
        errors.push({ row, column: 'unit_name', message: t(locale, 'organisation.import.unknownUnit', { value: v.unit_name, opd: opd.shortName }) });
        continue;
      }
      if (v.name) unique(row, 'name', v.name, key(unitId, v.name), db.services.has(key(unitId, v.name)));
    }
  }
  return errors;
}

/** Lookup key of a unit or service by its parent and name (same rule as the checks). */
export const lookupKey = key;
