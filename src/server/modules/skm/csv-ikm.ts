/**
 * IKM straight from a CSV file (the `ikm` CLI command): header with u1..u9 (any order,
 * other columns ignored), values 1–4, empty = not answered. Uses the same engine as the
 * server, with the regulation's exact 1/9 weights.
 */
import { parse } from 'csv-parse/sync';
import { computeIkm, equalWeights, tally } from './ikm.js';

export const CSV_UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;

export class CsvIkmError extends Error {}

export interface CsvIkmResult {
  respondents: number;
  nrr: Record<string, number | null>;
  ikm: number | null;
  converted: number | null;
  mutu: string | null;
  kinerja: string | null;
}

/** Parses the CSV text and computes the IKM; throws CsvIkmError naming the row (line) and column. */
export function ikmFromCsv(text: string, opts: { roundedWeights?: boolean } = {}): CsvIkmResult {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, trim: true, delimiter: [',', ';'] }) as string[][];
  } catch (e) {
    const m = /line (\d+)/i.exec((e as Error).message);
    throw new CsvIkmError(`Malformed CSV${m ? ` at row ${m[1]}` : ''}: ${(e as Error).message}`);
  }
  if (!records.length) throw new CsvIkmError('Empty file: expected a header row with u1,…,u9');
  const header = records[0].map((h) => h.trim().toLowerCase());
  const missing = CSV_UNSUR.filter((u) => !header.includes(u));
  if (missing.length) throw new CsvIkmError(`Row 1 (header): missing column(s) ${missing.join(', ')}; expected u1,…,u9`);
  const dup = CSV_UNSUR.find((u) => header.indexOf(u) !== header.lastIndexOf(u));
  if (dup) throw new CsvIkmError(`Row 1 (header): column ${dup} appears twice`);
  const idx = CSV_UNSUR.map((u) => header.indexOf(u));
  const rows: Array<Record<string, number | null>> = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const row: Record<string, number | null> = {};
    CSV_UNSUR.forEach((u, i) => {
      const raw = (rec[idx[i]] ?? '').trim();
      if (raw === '') return void (row[u] = null);
      if (!/^[1-4]$/.test(raw)) throw new CsvIkmError(`Row ${r + 1}, column ${u}: "${raw.slice(0, 20)}" is not an answer 1–4 (leave empty when not answered)`);
      row[u] = Number(raw);
    });
    rows.push(row);
  }
  const { respondents, tallies } = tally(rows);
  const weights = equalWeights(CSV_UNSUR.length);
  const r = computeIkm(CSV_UNSUR.map((key, i) => ({ key, weight: weights[i] })), tallies, opts);
  return { respondents, nrr: r.nrr, ikm: r.ikm, converted: r.converted, mutu: r.mutu, kinerja: r.kinerja };
}
