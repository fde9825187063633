/**
 * National holidays whose date is fixed by law: they hold in every year, whether or not
 * that year's SKB (libur nasional and cuti bersama) is loaded, so a deadline counted into
 * a year nobody has loaded yet still skips New Year's Day (docs/adr/0025-calendar-year-end.md).
 *
 * This list is the one place they live; `buildWorkCalendar` applies it to every year it
 * covers, and the yearly SKB rows of the same dates (every SKB lists them) change nothing.
 * Movable holidays (Idulfitri, Iduladha, Nyepi, Waisak, Imlek, Paskah, ...) are set each
 * year by the SKB and come only from loaded data.
 *
 * Sources: Keppres No. 8 Tahun 2024 tentang Hari-Hari Libur (29 Januari 2024), Diktum
 * KESATU, which replaced Keppres 251/1967 and its amendments (148/1968, 10/1971, 3/1983);
 * Keppres 24/2013 (1 Mei) and Keppres 24/2016 (1 Juni) are not among the decrees it
 * revoked. Confirmed from published copies and government news (setkab.go.id), not from
 * the JDIH text itself.
 */
import type { DateString } from './tables.js';

export interface FixedHoliday {
  month: number;
  day: number;
  /** Name in Bahasa Indonesia, as the decrees write it. */
  name: string;
  legalSource: string;
}

const KEPPRES_8_2024 = 'Keppres No. 8 Tahun 2024 tentang Hari-Hari Libur, Diktum KESATU';

export const FIXED_NATIONAL_HOLIDAYS: readonly FixedHoliday[] = [
  { month: 1, day: 1, name: 'Tahun Baru Masehi', legalSource: `${KEPPRES_8_2024} angka 1` },
  {
    month: 5,
    day: 1,
    name: 'Hari Buruh Internasional',
    legalSource: `Keppres No. 24 Tahun 2013 tentang Penetapan Tanggal 1 Mei sebagai Hari Libur; ${KEPPRES_8_2024} angka 16`,
  },
  {
    month: 6,
    day: 1,
    name: 'Hari Lahir Pancasila',
    legalSource: `Keppres No. 24 Tahun 2016 tentang Hari Lahir Pancasila, Diktum KEDUA; ${KEPPRES_8_2024} angka 15`,
  },
  { month: 8, day: 17, name: 'Proklamasi Kemerdekaan', legalSource: `${KEPPRES_8_2024} angka 14` },
  {
    month: 12,
    day: 25,
    name: 'Kelahiran Yesus Kristus',
    // The Keppres names the day without a date; every yearly SKB puts it on 25 December.
    legalSource: `${KEPPRES_8_2024} angka 7 (tanggal 25 Desember menurut SKB tahunan; tanggal tidak tertulis dalam Keppres, belum terverifikasi)`,
  },
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The fixed-date holidays of `year`, as libur nasional rows with their legal source. */
export function fixedHolidaysOf(year: number): Array<{ date: DateString; kind: 'libur_nasional'; name: string; legalSource: string }> {
  return FIXED_NATIONAL_HOLIDAYS.map((h) => ({
    date: `${pad(year, 4)}-${pad(h.month)}-${pad(h.day)}`,
    kind: 'libur_nasional' as const,
    name: h.name,
    legalSource: h.legalSource,
  }));
}
