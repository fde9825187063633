import { describe, expect, it } from 'vitest';
import { allRegencyCodes, findGovernment, regionsOf, timezoneForProvince, titleCase, villageLevel } from './region-data.js';

describe('region data (idn-area-data)', () => {
  it('finds a kabupaten, a kota and a province with official name and level', () => {
    expect(findGovernment('63.10')).toMatchObject({
      code: '63.10',
      level: 'kabupaten',
      officialName: 'KABUPATEN TANAH BUMBU',
      name: 'Kabupaten Tanah Bumbu',
      provinceCode: '63',
      provinceName: 'Kalimantan Selatan',
    });
    expect(findGovernment('31.71')).toMatchObject({ level: 'kota', name: 'Kota Administrasi Jakarta Pusat' });
    expect(findGovernment('63')).toMatchObject({ level: 'provinsi', officialName: 'KALIMANTAN SELATAN', name: 'Provinsi Kalimantan Selatan' });
    expect(findGovernment('31')?.name).toBe('Provinsi DKI Jakarta');
    expect(findGovernment('73.10')?.name).toBe('Kabupaten Pangkajene dan Kepulauan');
  });

  it('knows no government for unknown or malformed codes', () => {
    for (const code of ['63.99', '00', '99', '63.10.01', 'abc', '', '6310']) expect(findGovernment(code), code).toBeNull();
    expect(regionsOf('63.99')).toEqual([]);
  });

  it('returns the 12 kecamatan and 157 desa/kelurahan of Tanah Bumbu, kelurahan by the 1xxx code', () => {
    const regions = regionsOf('63.10');
    const kec = regions.filter((r) => r.level === 'kecamatan');
    expect(kec.map((k) => k.name)).toEqual([
      'Batu Licin', 'Kusan Hilir', 'Sungai Loban', 'Satui', 'Kusan Hulu', 'Simpang Empat',
      'Karang Bintang', 'Mantewe', 'Angsana', 'Kuranji', 'Kusan Tengah', 'Teluk Kepayang',
    ]);
    expect(kec.every((k) => k.parentCode === '63.10')).toBe(true);
    const villages = regions.filter((r) => r.level === 'desa' || r.level === 'kelurahan');
    expect(villages).toHaveLength(157);
    expect(villages.filter((v) => v.level === 'kelurahan')).toHaveLength(5);
    expect(regions.find((r) => r.code === '63.10.01.1007')).toEqual({ code: '63.10.01.1007', parentCode: '63.10.01', level: 'kelurahan', name: 'Batulicin' });
    expect(regions.find((r) => r.code === '63.10.01.2005')).toMatchObject({ level: 'desa', name: 'Segumbang' });
    const codes = new Set(kec.map((k) => k.code));
    expect(villages.every((v) => codes.has(v.parentCode))).toBe(true);
  });

  it('gives a province its kabupaten/kota, then their kecamatan and villages', () => {
    const regions = regionsOf('63');
    const regencies = regions.filter((r) => r.level === 'kabupaten' || r.level === 'kota');
    expect(regencies).toHaveLength(13);
    expect(regencies.find((r) => r.code === '63.71')).toEqual({ code: '63.71', parentCode: '63', level: 'kota', name: 'Kota Banjarmasin' });
    expect(regions.filter((r) => r.parentCode === '63.10')).toHaveLength(12);
  });

  it('reads names with a bare double quote', () => {
    expect(regionsOf('35.13').find((r) => r.code === '35.13.15.2017')?.name).toBe('Soka"an');
  });

  it('maps every province in the data to WIB, WITA or WIT (Keppres 41/1987)', () => {
    const provinces = new Set(allRegencyCodes().map((c) => c.slice(0, 2)));
    expect(provinces.size).toBe(38);
    for (const p of provinces) expect(timezoneForProvince(p), p).not.toBeNull();
    expect(timezoneForProvince('61')).toBe('Asia/Jakarta'); // Kalimantan Barat: WIB
    expect(timezoneForProvince('62')).toBe('Asia/Jakarta'); // Kalimantan Tengah: WIB
    expect(timezoneForProvince('63')).toBe('Asia/Makassar');
    expect(timezoneForProvince('65')).toBe('Asia/Makassar');
    expect(timezoneForProvince('51')).toBe('Asia/Makassar'); // Bali: WITA
    expect(timezoneForProvince('76')).toBe('Asia/Makassar');
    expect(timezoneForProvince('82')).toBe('Asia/Jayapura');
    expect(timezoneForProvince('96')).toBe('Asia/Jayapura');
    expect(timezoneForProvince('00')).toBeNull();
  });

  it('answers from its cache after the first load', () => {
    regionsOf('63.10');
    const start = performance.now();
    for (const code of ['11.01', '35.13', '63.10', '94.01']) regionsOf(code);
    expect(performance.now() - start).toBeLessThan(50);
  });

  it('classifies village codes and title-cases names', () => {
    expect(villageLevel('33.73.04.1001')).toBe('kelurahan');
    expect(villageLevel('33.73.04.2001')).toBe('desa');
    expect(villageLevel('91.03.01.3007')).toBe('desa');
    expect(titleCase('KOTA BAU-BAU')).toBe('Kota Bau-Bau');
  });
});
