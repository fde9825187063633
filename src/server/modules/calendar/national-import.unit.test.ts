/** Reading an import of a year's national days off: CSV as spreadsheets write it, and JSON rows. */
import { describe, expect, it } from 'vitest';
import { hasOneSource, readNationalImport } from './national-import.js';

const read = (csv: string, year = 2027) => readNationalImport({ year, csv }, 'en');

describe('readNationalImport', () => {
  it("reads rows with or without a header, in the header's column order, with ';' and quoted commas", () => {
    const plain = read('2027-01-01,libur_nasional,Tahun Baru 2027 Masehi,"SKB No. 1, 2, 3"\r\n2027-01-04,Cuti Bersama,Cuti  bersama,Keppres 1/2026\n,,,\n');
    expect(plain.errors).toEqual([]);
    expect(plain.rows).toEqual([
      { row: 1, date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi', legalSource: 'SKB No. 1, 2, 3' },
      { row: 2, date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti bersama', legalSource: 'Keppres 1/2026' },
    ]);
    const excel = read('\uFEFFName;Date;Legal source;Kind\nTahun Baru;2027-01-01;SKB 1, 2;libur-nasional;\n');
    expect(excel.errors).toEqual([]);
    expect(excel.rows).toEqual([{ row: 2, date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru', legalSource: 'SKB 1, 2' }]);
  });

  it('names the line and column of each problem, and returns no rows when there is one', () => {
    const r = read('date,kind,name,legal_source\n2027-01-01,libur_nasional,Tahun Baru,SKB\n2027-1-5,cuti_bersama,X,SKB\n2027-01-06,cuti_bersama,' + 'x'.repeat(201) + ',SKB\n2027-01-07,cuti_bersama,X,' + 'y'.repeat(301));
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      { row: 3, column: 'date', message: '"2027-1-5" is not a valid date (format YYYY-MM-DD).' },
      { row: 4, column: 'name', message: 'Column name takes at most 200 characters.' },
      { row: 5, column: 'legal_source', message: 'Column legal_source takes at most 300 characters.' },
    ]);
    expect(read('"2027-01-01,libur_nasional').errors).toEqual([{ row: 1, column: null, message: 'This CSV row cannot be read (check the quotes).' }]);
    expect(read('date,kind,name\n2027-01-01,libur_nasional,X').errors).toEqual([{ row: 1, column: null, message: 'A row must have 4 columns: date, kind, name, legal_source.' }]);
    expect(read('\n\n').errors).toEqual([{ row: 1, column: null, message: 'There are no rows to import.' }]);
  });

  it('refuses more than 200 rows', () => {
    const many = Array.from({ length: 201 }, (_, i) => `2027-01-01,cuti_bersama,Hari ${i},SKB`).join('\n');
    expect(read(many).errors).toEqual([{ row: 1, column: null, message: 'At most 200 rows per import.' }]);
  });

  it('reads JSON rows, numbered from 1, naming the fields as sent', () => {
    const r = readNationalImport({ year: 2027, rows: [{ date: '2027-08-17', kind: 'libur_nasional', name: 'Proklamasi', legalSource: 'SKB' }, { date: '2027-08-17', kind: 'libur_nasional', name: 'Lagi', legalSource: '' }] }, 'id');
    expect(r.errors).toEqual([{ row: 2, column: 'legalSource', message: 'Kolom legalSource wajib diisi.' }]);
    expect(hasOneSource({ year: 2027, rows: [] })).toBe(true);
    expect(hasOneSource({ year: 2027 })).toBe(false);
    expect(hasOneSource({ year: 2027, rows: [], csv: '' })).toBe(false);
  });
});
