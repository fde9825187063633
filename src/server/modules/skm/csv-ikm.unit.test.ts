/** The `ikm --csv` command's reader, and the period helpers. */
import { describe, expect, it } from 'vitest';
import { CsvIkmError, ikmFromCsv } from './csv-ikm.js';
import { ageBand, localParts, periodRange, startOfLocalDay, timeSlot } from './period.js';
import { previousRanges } from './results-service.js';

describe('ikmFromCsv', () => {
  it('reads u1..u9 in any order, ignores other columns, empty = not answered', () => {
    const csv = 'nama,u9,u1,u2,u3,u4,u5,u6,u7,u8\nA,3,4,3,3,4,3,3,4,3\nB,3,3,3,,4,3,2,4,3\n';
    const r = ikmFromCsv(csv);
    expect(r.respondents).toBe(2);
    expect(r.nrr).toMatchObject({ u1: 3.5, u3: 3, u6: 2.5 });
    // Σ NRR = 3.5+3+3+4+3+2.5+4+3+3 = 29 → IKM 29/9 = 3.2222… → 80.555… → 80.56 B
    expect(r).toMatchObject({ converted: 80.56, mutu: 'B', kinerja: 'Baik' });
    expect(r.ikm).toBeCloseTo(29 / 9, 12);
    expect(Object.keys(JSON.parse(JSON.stringify(r)))).toEqual(['respondents', 'nrr', 'ikm', 'converted', 'mutu', 'kinerja']);
  });
  it('names the row and column of a bad value; a missing column is an error of row 1', () => {
    expect(() => ikmFromCsv('u1,u2,u3,u4,u5,u6,u7,u8,u9\n4,3,3,4,3,3,4,3,3\n3,5,3,4,3,3,4,3,3\n')).toThrow(/Row 3, column u2: "5"/);
    expect(() => ikmFromCsv('u1,u2,u3\n1,2,3\n')).toThrow(/Row 1 \(header\): missing column\(s\) u4/);
    expect(() => ikmFromCsv('')).toThrow(CsvIkmError);
    expect(() => ikmFromCsv('u1,u2,u3,u4,u5,u6,u7,u8,u9\n"4,3\n')).toThrow(CsvIkmError);
  });
});

describe('periods and profile helpers', () => {
  it('periods are whole months', () => {
    expect(periodRange('year', 2026, null)).toEqual({ startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expect(periodRange('semester', 2026, 2)).toEqual({ startsOn: '2026-07-01', endsOn: '2026-12-31' });
    expect(periodRange('quarter', 2024, 1)).toEqual({ startsOn: '2024-01-01', endsOn: '2024-03-31' });
    expect(periodRange('month', 2024, 2)).toEqual({ startsOn: '2024-02-01', endsOn: '2024-02-29' });
    expect(periodRange('semester', 2026, 3)).toBeNull();
    expect(periodRange('year', 2026, 1)).toBeNull();
    expect(previousRanges({ kind: 'semester', year: 2026, part: 1 }, 3).map((r) => `${r.year}/${r.part}`)).toEqual(['2025/1', '2025/2', '2026/1']);
  });
  it('local dates, time slots and age bands', () => {
    expect(localParts(new Date('2026-03-31T17:30:00Z'), 'Asia/Makassar')).toEqual({ date: '2026-04-01', hour: 1 });
    expect(startOfLocalDay('2026-04-01', 'Asia/Jayapura').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect([6, 11, 15, 19].map(timeSlot)).toEqual(['pagi', 'siang', 'sore', 'malam']);
    expect([15, 19, 20, 45, 60, null].map(ageBand)).toEqual(['<20', '<20', '20-29', '40-49', '60+', null]);
  });
});
