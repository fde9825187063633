import { describe, expect, it } from 'vitest';
import { IMPORT_KINDS } from '../../../shared/schemas/organisation.js';
import { MAX_IMPORT_ROWS, checkAgainstLookups, importTemplate, lookupKey, readImportCsv, type ImportLookups } from './csv.js';

const OPD_HEADER = 'name,short_name,type,head_name,head_title,region_code';

describe('CSV import: reading the file', () => {
  it('reads its own template back without errors', () => {
    for (const kind of IMPORT_KINDS) {
      const { rows, errors } = readImportCsv(kind, importTemplate(kind), 'id');
      expect(errors, kind).toEqual([]);
      expect(rows, kind).toHaveLength(1);
      expect(rows[0].row).toBe(2);
    }
  });

  it('accepts a byte-order mark, ";" as delimiter, header case and spaces, and trims values', () => {
    const csv = '\uFEFFName;Short Name;TYPE;head_name;head_title;region_code\r\n  Dinas   Kesehatan ; Dinkes ;Dinas;;Kepala Dinas;\r\n';
    const { rows, errors } = readImportCsv('opds', csv, 'id');
    expect(errors).toEqual([]);
    expect(rows[0].values).toMatchObject({ name: 'Dinas Kesehatan', short_name: 'Dinkes', type: 'dinas', head_name: '', head_title: 'Kepala Dinas' });
  });

  it('names missing and unknown header columns on row 1', () => {
    const { errors } = readImportCsv('units', 'opd_short_name,nama,address,region_code\nDinkes,Unit,,\n', 'en');
    expect(errors).toEqual([
      { row: 1, column: 'nama', message: 'unknown column nama' },
      { row: 1, column: 'name', message: 'column name is missing from the header row' },
    ]);
  });

  it('reports each bad cell with its line number, in the caller language', () => {
    const csv = [OPD_HEADER, 'Dinas A,DA,dinas,,,', '', ',DB,kantor,,,', `Dinas C,${'x'.repeat(41)},dinass,,,63.10.1`].join('\n');
    const id = readImportCsv('opds', csv, 'id');
    expect(id.errors).toEqual([
      { row: 4, column: 'name', message: 'name wajib diisi' },
      { row: 5, column: 'short_name', message: 'short_name paling banyak 40 karakter' },
      { row: 5, column: 'type', message: expect.stringContaining('jenis OPD "dinass" tidak dikenal') },
      { row: 5, column: 'region_code', message: 'kode wilayah "63.10.1" bukan wilayah daerah ini' },
    ]);
    expect(readImportCsv('opds', csv, 'en').errors[0].message).toBe('name is required');
  });

  it('refuses a broken file, an empty file and too many rows', () => {
    expect(readImportCsv('opds', `${OPD_HEADER}\n"Dinas A,DA,dinas,,,\n`, 'id').errors).toMatchObject([{ column: null, message: expect.stringContaining('tidak dapat dibaca') }]);
    expect(readImportCsv('opds', '', 'en').errors).toEqual([{ row: 1, column: null, message: 'the file has no data rows' }]);
    expect(readImportCsv('opds', `${OPD_HEADER}\n,,,,,\n`, 'en').errors).toEqual([{ row: 1, column: null, message: 'the file has no data rows' }]);
    const many = [OPD_HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Dinas ${i},D${i},dinas,,,`)].join('\n');
    expect(readImportCsv('opds', many, 'en').errors[0].message).toContain(`more than ${MAX_IMPORT_ROWS}`);
  });

  it('refuses values under a column without a header', () => {
    const { errors } = readImportCsv('opds', `${OPD_HEADER},\nDinas A,DA,dinas,,,,extra\n`, 'en');
    expect(errors).toMatchObject([{ row: 2, column: null }]);
  });
});

describe('CSV import: checks against the database and within the file', () => {
  const lookups: ImportLookups = {
    regionCodes: new Set(['63.10.01']),
    opdsByShortName: new Map([['dinkes', { id: 'opd-1', name: 'Dinas Kesehatan', shortName: 'Dinkes' }]]),
    opdNames: new Set(['dinas kesehatan']),
    units: new Map([[lookupKey('opd-1', 'Instalasi Farmasi'), 'unit-1']]),
    services: new Set([lookupKey('unit-1', 'Distribusi Obat')]),
  };

  it('finds duplicates in the file (naming the first row) and in the database, and foreign region codes', () => {
    const { rows } = readImportCsv('opds', [OPD_HEADER, 'Dinas Baru,DB,dinas,,,63.10.01', 'dinas baru,DB2,dinas,,,', 'Dinas Kesehatan,DKS,dinas,,,63.10.02'].join('\n'), 'en');
    expect(checkAgainstLookups('opds', rows, lookups, 'en')).toEqual([
      { row: 3, column: 'name', message: 'name "dinas baru" is already used in row 2' },
      { row: 4, column: 'name', message: 'name "Dinas Kesehatan" already exists' },
      { row: 4, column: 'region_code', message: 'region code "63.10.02" is not a region of this government' },
    ]);
  });

  it('resolves OPDs by short name and units within their OPD', () => {
    const units = readImportCsv('units', 'opd_short_name,name,address,region_code\nDINKES,Instalasi Farmasi,,\nDisdik,Sekolah,,\n', 'en').rows;
    expect(checkAgainstLookups('units', units, lookups, 'en')).toEqual([
      { row: 2, column: 'name', message: 'name "Instalasi Farmasi" already exists' },
      { row: 3, column: 'opd_short_name', message: 'no OPD with short name "Disdik"' },
    ]);
    const services = readImportCsv('services', 'opd_short_name,unit_name,name,description\nDinkes,Instalasi Farmasi,Distribusi Obat,\nDinkes,Gudang,Obat,\nDinkes,Instalasi Farmasi,Baru,\n', 'en').rows;
    expect(checkAgainstLookups('services', services, lookups, 'en')).toEqual([
      { row: 2, column: 'name', message: 'name "Distribusi Obat" already exists' },
      { row: 3, column: 'unit_name', message: 'no service unit "Gudang" in OPD Dinkes' },
    ]);
  });
});
