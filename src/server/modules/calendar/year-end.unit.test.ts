/**
 * Working days across the year's end (issue #11 §4): the fixed-date national holidays
 * hold in every year, loaded or not, and a working-day deadline that counts into a year
 * whose SKB is not loaded is provisional. Weekdays are noted beside each date.
 */
import { describe, expect, it } from 'vitest';
import { seededCalendar, seededNationalDays } from '../../../../test/helpers/calendar.js';
import { FIXED_NATIONAL_HOLIDAYS, fixedHolidaysOf } from './fixed-holidays.js';
import { addWorkingDays, buildWorkCalendar, deadline, isWorkingDay, unloadedYearBetween } from './workdays.js';

describe('fixed-date national holidays', () => {
  it('are 1 Jan, 1 May, 1 Jun, 17 Aug and 25 Dec, each with its legal source', () => {
    expect(FIXED_NATIONAL_HOLIDAYS.map((h) => [h.month, h.day])).toEqual([[1, 1], [5, 1], [6, 1], [8, 17], [12, 25]]);
    for (const h of FIXED_NATIONAL_HOLIDAYS) expect(h.legalSource, h.name).toMatch(/Keppres/);
    expect(FIXED_NATIONAL_HOLIDAYS.find((h) => h.month === 5)!.legalSource).toContain('24 Tahun 2013');
    expect(FIXED_NATIONAL_HOLIDAYS.find((h) => h.month === 6)!.legalSource).toContain('24 Tahun 2016');
    expect(fixedHolidaysOf(2031).map((d) => d.date)).toEqual(['2031-01-01', '2031-05-01', '2031-06-01', '2031-08-17', '2031-12-25']);
  });

  it('are days off in 2027 and 2031 although no SKB of those years is loaded', () => {
    const cal = seededCalendar({ toYear: 2031 });
    expect(isWorkingDay(cal, '2027-01-01')).toBe(false); // Fri, Tahun Baru
    expect(isWorkingDay(cal, '2027-06-01')).toBe(false); // Tue, Hari Lahir Pancasila
    expect(isWorkingDay(cal, '2027-08-17')).toBe(false); // Tue, Proklamasi
    expect(isWorkingDay(cal, '2027-01-05')).toBe(true); // Tue, an ordinary day
    expect(isWorkingDay(cal, '2031-05-01')).toBe(false); // Thu, Hari Buruh
    expect(isWorkingDay(cal, '2031-12-25')).toBe(false); // Thu, Natal
    expect(isWorkingDay(cal, '2031-12-24')).toBe(true); // Wed: no cuti bersama without an SKB
  });

  it('coexist with the SKB rows of a loaded year without counting twice', () => {
    const cal = seededCalendar();
    // 2026: 240 working days with the SKB alone (workdays.unit.test.ts); the fixed days are in it.
    expect(isWorkingDay(cal, '2026-01-01')).toBe(false);
    const withoutFixedRows = buildWorkCalendar({
      fromYear: 2025,
      toYear: 2026,
      national: seededNationalDays().filter((d) => !fixedHolidaysOf(2026).some((f) => f.date === d.date && d.kind === 'libur_nasional')),
    });
    for (const d of ['2026-01-01', '2026-05-01', '2026-06-01', '2026-08-17', '2026-12-25']) expect(isWorkingDay(withoutFixedRows, d), d).toBe(false);
  });
});

describe('a report of Wed 23 Dec 2026 + 5 working days', () => {
  const cal = seededCalendar({ toYear: 2027 });

  it('skips 24 (cuti bersama), 25 (Natal), the weekend and 1 Jan 2027: Mon 4 Jan, not Fri 1 Jan', () => {
    // 28, 29, 30, 31 Dec, then 1 Jan is Tahun Baru, 2–3 Jan a weekend: 4 Jan.
    expect(addWorkingDays(cal, '2026-12-23', 5)).toBe('2027-01-04');
  });

  it('is provisional: the counting reaches 2027, whose SKB is not loaded', () => {
    const due = deadline(cal, new Date('2026-12-23T10:00:00+08:00'), 5, 'working', 'Asia/Makassar');
    expect(due).toEqual({ dueDate: '2027-01-04', dueAt: new Date('2027-01-04T15:59:59.999Z'), provisionalYear: 2027 });
    expect(unloadedYearBetween(cal, '2026-12-23', '2027-01-04')).toBe(2027);
  });

  it('is final once 2027 is loaded, and moves with its cuti bersama', () => {
    const loaded = buildWorkCalendar({
      fromYear: 2025,
      toYear: 2027,
      national: [
        ...seededNationalDays(),
        { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi (uji)' },
        { date: '2027-01-04', kind: 'cuti_bersama', name: 'Cuti bersama (uji)' },
      ],
    });
    expect(deadline(loaded, new Date('2026-12-23T10:00:00+08:00'), 5, 'working', 'Asia/Makassar')).toMatchObject({ dueDate: '2027-01-05', provisionalYear: null });
  });

  it('is never provisional when it counts calendar days, nor when it stays inside a loaded year', () => {
    expect(deadline(cal, new Date('2026-12-23T10:00:00+08:00'), 60, 'calendar', 'Asia/Makassar')).toMatchObject({ dueDate: '2027-02-21', provisionalYear: null });
    expect(deadline(cal, new Date('2026-12-23T10:00:00+08:00'), 3, 'working', 'Asia/Makassar')).toMatchObject({ dueDate: '2026-12-30', provisionalYear: null });
    // Received on 31 Dec with n = 0: nothing is counted, nothing is provisional.
    expect(deadline(cal, new Date('2026-12-31T10:00:00+08:00'), 0, 'working', 'Asia/Makassar').provisionalYear).toBeNull();
  });

  it('names the first year that is not loaded when the counting spans several', () => {
    const long = seededCalendar({ toYear: 2029 });
    expect(unloadedYearBetween(long, '2026-06-01', '2028-03-01')).toBe(2027);
    expect(unloadedYearBetween(long, '2026-12-31', '2026-12-31')).toBeNull();
  });
});
