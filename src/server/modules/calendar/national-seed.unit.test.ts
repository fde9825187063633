/**
 * The seeded national days are exactly DOMAIN.md §2 for 2026 and the official decrees for
 * 2025, each with its legal source.
 */
import { describe, expect, it } from 'vitest';
import { seededNationalDays } from '../../../../test/helpers/calendar.js';

const rows = seededNationalDays();
const datesOf = (year: string, kind: string) => rows.filter((r) => r.date.startsWith(year) && r.kind === kind).map((r) => r.date).sort();

describe('national days seed', () => {
  it('has the 2026 libur nasional of DOMAIN.md §2 (SKB 3 Menteri 2026)', () => {
    expect(datesOf('2026', 'libur_nasional')).toEqual([
      '2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-21', '2026-03-22', '2026-04-03', '2026-04-05',
      '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16', '2026-08-17', '2026-08-25', '2026-12-25',
    ]);
  });

  it('has the 2026 cuti bersama of DOMAIN.md §2 (Keppres 42/2025)', () => {
    expect(datesOf('2026', 'cuti_bersama')).toEqual([
      '2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24',
    ]);
    for (const r of rows.filter((x) => x.date.startsWith('2026') && x.kind === 'cuti_bersama')) expect(r.legalSource).toContain('Keppres No. 42 Tahun 2025');
  });

  it('has the 2025 days of SKB 1017/2024, 2/2024, 2/2024 and the 18 August amendment (SKB 933/2025, 1/2025, 3/2025)', () => {
    expect(datesOf('2025', 'libur_nasional')).toEqual([
      '2025-01-01', '2025-01-27', '2025-01-29', '2025-03-29', '2025-03-31', '2025-04-01', '2025-04-18', '2025-04-20',
      '2025-05-01', '2025-05-12', '2025-05-29', '2025-06-01', '2025-06-06', '2025-06-27', '2025-08-17', '2025-09-05', '2025-12-25',
    ]);
    expect(datesOf('2025', 'cuti_bersama')).toEqual([
      '2025-01-28', '2025-03-28', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07', '2025-05-13', '2025-05-30',
      '2025-06-09', '2025-08-18', '2025-12-26',
    ]);
    expect(rows.find((r) => r.date === '2025-08-18')!.legalSource).toContain('933/2025');
  });

  it('names every day in Bahasa Indonesia and cites a decree for each', () => {
    expect(rows).toHaveLength(17 + 11 + 17 + 8);
    for (const r of rows) {
      expect(r.legalSource, r.date).toMatch(/SKB|Keppres/);
      expect(r.name.length, r.date).toBeGreaterThan(5);
    }
    expect(rows.find((r) => r.date === '2026-03-21')!.name).toBe('Hari Raya Idulfitri 1447 H');
    expect(new Set(rows.map((r) => `${r.date}/${r.kind}`)).size).toBe(rows.length);
  });
});
