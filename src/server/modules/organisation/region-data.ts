/**
 * The official region data: Kemendagri codes and names of provinces, kabupaten/kota,
 * kecamatan and desa/kelurahan, from the npm package idn-area-data 3.x (code MIT, data
 * ODbL 1.0 — attribution in the README; docs/adr/0009-region-data.md).
 *
 * Files are parsed lazily on first use and kept in memory, indexed by parent code, so
 * a tenant's regions are a few map lookups. The village file (≈84 000 rows, 2.8 MB)
 * takes ≈0.25 s to parse once per process; only tenant creation and the demo seed need it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import type { RegionLevel, TenantLevel, TenantTimezone } from './tables.js';

export interface AreaRecord {
  code: string;
  /** Kemendagri code of the parent area (province, regency or kecamatan). */
  parentCode: string;
  level: RegionLevel;
  name: string;
}

/** A regional government: a province or a kabupaten/kota. */
export interface Government {
  code: string;
  level: TenantLevel;
  /** Name as the data writes it, e.g. 'KABUPATEN TANAH BUMBU', 'KALIMANTAN SELATAN'. */
  officialName: string;
  /** Display name, e.g. 'Kabupaten Tanah Bumbu', 'Provinsi Kalimantan Selatan'. */
  name: string;
  provinceCode: string;
  provinceName: string;
}

export const PROVINCE_CODE = /^[0-9]{2}$/;
export const REGENCY_CODE = /^[0-9]{2}\.[0-9]{2}$/;

/**
 * Time zone by province, Keppres 41/1987 (three time zones, in force since 1 Jan 1988):
 * WIB (UTC+7) Sumatra, Java, Madura, Kalimantan Barat and Tengah; WITA (UTC+8) Bali, NTB,
 * NTT, Kalimantan Selatan and Timur, all of Sulawesi; WIT (UTC+9) Maluku and Papua.
 * Provinces formed later follow the province they were split from: Kepulauan Riau (21,
 * from Riau) and Bangka Belitung (19, from Sumsel) WIB; Kalimantan Utara (65, from Kaltim),
 * Gorontalo (75, from Sulut) and Sulawesi Barat (76, from Sulsel) WITA; Maluku Utara (82)
 * and the Papua provinces (91–96) WIT. Asia/Pontianak has the same offset as Asia/Jakarta,
 * so the three IANA zones below cover every province.
 */
const WIB: TenantTimezone = 'Asia/Jakarta';
const WITA: TenantTimezone = 'Asia/Makassar';
const WIT: TenantTimezone = 'Asia/Jayapura';
const PROVINCE_TIMEZONE: Record<string, TenantTimezone> = {
  '11': WIB, '12': WIB, '13': WIB, '14': WIB, '15': WIB, '16': WIB, '17': WIB, '18': WIB,
  '19': WIB, '21': WIB, '31': WIB, '32': WIB, '33': WIB, '34': WIB, '35': WIB, '36': WIB,
  '61': WIB, '62': WIB,
  '51': WITA, '52': WITA, '53': WITA, '63': WITA, '64': WITA, '65': WITA,
  '71': WITA, '72': WITA, '73': WITA, '74': WITA, '75': WITA, '76': WITA,
  '81': WIT, '82': WIT, '91': WIT, '92': WIT, '93': WIT, '94': WIT, '95': WIT, '96': WIT,
};

/** The time zone of a province (by its 2-digit code), or null for an unknown code. */
export function timezoneForProvince(provinceCode: string): TenantTimezone | null {
  return PROVINCE_TIMEZONE[provinceCode] ?? null;
}

/**
 * Desa or kelurahan from the village code: the first digit of the 4th segment is 1 for a
 * kelurahan and 2 for a desa (Permendagri 58/2021). Papua's 'desa adat' (3) are desa.
 */
export function villageLevel(code: string): 'desa' | 'kelurahan' {
  return code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa';
}

const LOWERCASE_WORDS = new Set(['dan']);
const UPPERCASE_WORDS = new Set(['DKI']);

/** 'KABUPATEN PANGKAJENE DAN KEPULAUAN' → 'Kabupaten Pangkajene dan Kepulauan'. */
export function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(' ')
    .map((w, i) => {
      if (UPPERCASE_WORDS.has(w.toUpperCase())) return w.toUpperCase();
      if (i > 0 && LOWERCASE_WORDS.has(w)) return w;
      return w.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
    })
    .join(' ');
}

interface Index {
  provinces: Map<string, string>;
  regencies: Map<string, { provinceCode: string; name: string }>;
  regenciesOf: Map<string, string[]>;
  districtsOf: Map<string, Array<[code: string, name: string]>>;
}

let dataDir: string | null = null;
let index: Index | null = null;
let villagesOf: Map<string, Array<[code: string, name: string]>> | null = null;

function dataPath(file: string): string {
  dataDir ??= path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  return path.join(dataDir, file);
}

/** Rows of one data file as string tuples, header skipped. */
function readCsv(file: string): string[][] {
  // relax_quotes: a few village names contain a bare double quote (e.g. Soka"an, Madura).
  return parse(fs.readFileSync(dataPath(file), 'utf8'), { from_line: 2, relax_quotes: true, skip_empty_lines: true, trim: true });
}

function groupBy(rows: string[][], parentCol: number): Map<string, Array<[string, string]>> {
  const out = new Map<string, Array<[string, string]>>();
  for (const r of rows) {
    const list = out.get(r[parentCol]) ?? [];
    list.push([r[0], r[r.length - 1]]);
    out.set(r[parentCol], list);
  }
  return out;
}

function load(): Index {
  if (index) return index;
  const provinces = new Map(readCsv('provinces.csv').map((r) => [r[0], r[1]] as [string, string]));
  const regencies = new Map<string, { provinceCode: string; name: string }>();
  const regenciesOf = new Map<string, string[]>();
  for (const [code, provinceCode, name] of readCsv('regencies.csv')) {
    regencies.set(code, { provinceCode, name });
    regenciesOf.set(provinceCode, [...(regenciesOf.get(provinceCode) ?? []), code]);
  }
  index = { provinces, regencies, regenciesOf, districtsOf: groupBy(readCsv('districts.csv'), 1) };
  return index;
}

function villages(districtCode: string): Array<[string, string]> {
  villagesOf ??= groupBy(readCsv('villages.csv'), 1);
  return villagesOf.get(districtCode) ?? [];
}

/** The regional government with this code ('63' or '63.10'), or null if the data has none. */
export function findGovernment(code: string): Government | null {
  const { provinces, regencies } = load();
  if (PROVINCE_CODE.test(code)) {
    const name = provinces.get(code);
    if (!name) return null;
    return { code, level: 'provinsi', officialName: name, name: `Provinsi ${titleCase(name)}`, provinceCode: code, provinceName: titleCase(name) };
  }
  if (!REGENCY_CODE.test(code)) return null;
  const regency = regencies.get(code);
  if (!regency) return null;
  const provinceName = titleCase(provinces.get(regency.provinceCode) ?? '');
  // The data names every regency 'KABUPATEN …' or 'KOTA …' (incl. 'KOTA ADMINISTRASI …').
  const level: TenantLevel = regency.name.startsWith('KOTA ') ? 'kota' : 'kabupaten';
  return { code, level, officialName: regency.name, name: titleCase(regency.name), provinceCode: regency.provinceCode, provinceName };
}

/**
 * The regions a government administers, parents before children: for a province its
 * kabupaten/kota, then for each regency its kecamatan, then their desa/kelurahan.
 * Empty for an unknown code.
 */
export function regionsOf(code: string): AreaRecord[] {
  const gov = findGovernment(code);
  if (!gov) return [];
  const { regencies, regenciesOf, districtsOf } = load();
  const out: AreaRecord[] = [];
  const regencyCodes = gov.level === 'provinsi' ? (regenciesOf.get(code) ?? []) : [code];
  if (gov.level === 'provinsi') {
    for (const rc of regencyCodes) {
      const name = regencies.get(rc)!.name;
      out.push({ code: rc, parentCode: code, level: name.startsWith('KOTA ') ? 'kota' : 'kabupaten', name: titleCase(name) });
    }
  }
  for (const rc of regencyCodes) {
    const districts = districtsOf.get(rc) ?? [];
    for (const [dc, name] of districts) out.push({ code: dc, parentCode: rc, level: 'kecamatan', name });
    for (const [dc] of districts) {
      for (const [vc, name] of villages(dc)) out.push({ code: vc, parentCode: dc, level: villageLevel(vc), name });
    }
  }
  return out;
}

/** Every regency/city code in the data (for tests and the synthetic-data generator). */
export function allRegencyCodes(): string[] {
  return [...load().regencies.keys()];
}
