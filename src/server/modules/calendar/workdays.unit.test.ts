/**
 * Working-day arithmetic against the seeded 2025–2026 calendar. Every expected date was
 * checked by hand against the decrees (DOMAIN.md §2); the weekday is noted beside it.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { seededCalendar } from '../../../../test/helpers/calendar.js';
import {
  MAX_DAYS,
  MAX_SPAN_DAYS,
  addCalendarDays,
  addWorkingDays,
  buildWorkCalendar,
  deadline,
  endOfLocalDay,
  isValidDate,
  isWorkingDay,
  localDate,
  parseInstant,
  startOfLocalDay,
  workingDaysBetween,
  type TenantDay,
} from './workdays.js';

const cal = seededCalendar();

function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('isWorkingDay', () => {
  it('skips Saturdays and Sundays and works an ordinary weekday', () => {
    expect(isWorkingDay(cal, '2026-01-10')).toBe(false); // Sat
    expect(isWorkingDay(cal, '2026-01-11')).toBe(false); // Sun
    expect(isWorkingDay(cal, '2026-01-12')).toBe(true); // Mon
    expect(isWorkingDay(cal, '2026-01-09')).toBe(true); // Fri
  });

  it('treats the whole Idulfitri 2026 stretch, 18–24 March, as days off', () => {
    for (const d of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']) {
      expect(isWorkingDay(cal, d), d).toBe(false);
    }
    expect(isWorkingDay(cal, '2026-03-17')).toBe(true); // Tue before
    expect(isWorkingDay(cal, '2026-03-25')).toBe(true); // Wed after
  });

  it('treats libur nasional and cuti bersama on weekdays as days off', () => {
    expect(isWorkingDay(cal, '2026-01-16')).toBe(false); // Fri, Isra Mikraj
    expect(isWorkingDay(cal, '2026-05-15')).toBe(false); // Fri, cuti bersama Kenaikan
    expect(isWorkingDay(cal, '2026-12-24')).toBe(false); // Thu, cuti bersama Natal
    expect(isWorkingDay(cal, '2025-08-18')).toBe(false); // Mon, cuti bersama HUT ke-80 RI (SKB 933/2025)
  });

  it('counts 240 working days in 2026 (261 weekdays − 13 weekday libur nasional − 8 cuti bersama)', () => {
    expect(workingDaysBetween(cal, '2025-12-31', '2026-12-31')).toBe(240);
  });

  it('refuses a date that does not exist', () => {
    const err = appErrorOf(() => isWorkingDay(cal, '2026-02-30'));
    expect(err.code).toBe('VALIDATION');
    expect(err.messageKey).toBe('calendar.invalidDate');
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-2-28')).toBe(false);
  });

  it('refuses a date outside the loaded years rather than guessing', () => {
    expect(() => isWorkingDay(cal, '2027-01-04')).toThrow(/outside the loaded calendar/);
    expect(() => addWorkingDays(cal, '2026-12-30', 3)).toThrow(/outside the loaded calendar/);
  });
});

describe('addWorkingDays across Idulfitri 2026', () => {
  it('3 working days from Tue 17 Mar skip 18–24 Mar: 25, 26, 27 → Fri 27 Mar', () => {
    expect(addWorkingDays(cal, '2026-03-17', 3)).toBe('2026-03-27');
  });
  it('5 working days from Tue 17 Mar → Tue 31 Mar', () => {
    expect(addWorkingDays(cal, '2026-03-17', 5)).toBe('2026-03-31');
  });
  it('3 working days from Mon 16 Mar: 17, 25, 26 → Thu 26 Mar', () => {
    expect(addWorkingDays(cal, '2026-03-16', 3)).toBe('2026-03-26');
  });
  it('a start inside the holiday counts from the first day back: Sat 21 Mar + 1 → Wed 25 Mar', () => {
    expect(addWorkingDays(cal, '2026-03-21', 1)).toBe('2026-03-25');
  });
  it('5 working days from Fri 27 Mar skip Good Friday 3 Apr → Mon 6 Apr', () => {
    expect(addWorkingDays(cal, '2026-03-27', 5)).toBe('2026-04-06');
  });
});

describe('addWorkingDays: 3 and 5 days from various days of 2026', () => {
  it.each([
    // start (weekday), n, due (weekday) — days skipped noted
    ['2026-01-12', 3, '2026-01-15'], // Mon → Thu
    ['2026-01-12', 5, '2026-01-20'], // Mon → Tue, skips Fri 16 Jan Isra Mikraj
    ['2026-02-13', 3, '2026-02-20'], // Fri → Fri, skips Mon 16 (cuti bersama) and Tue 17 Feb (Imlek)
    ['2026-02-13', 5, '2026-02-24'], // Fri → Tue
    ['2026-05-13', 3, '2026-05-20'], // Wed → Wed, skips Thu 14 (Kenaikan) and Fri 15 May (cuti bersama)
    ['2026-05-13', 5, '2026-05-22'], // Wed → Fri
    ['2026-05-25', 3, '2026-06-02'], // Mon → Tue, skips 27 (Iduladha), 28 (cuti bersama), Mon 1 Jun (Pancasila)
    ['2026-05-25', 5, '2026-06-04'], // Mon → Thu
    ['2026-12-22', 3, '2026-12-29'], // Tue → Tue, skips Thu 24 (cuti bersama) and Fri 25 Dec (Natal)
    ['2026-12-22', 5, '2026-12-31'], // Tue → Thu
  ] as const)('%s + %i working days → %s', (start, n, due) => {
    expect(addWorkingDays(cal, start, n)).toBe(due);
  });

  it('returns the start date itself for n = 0', () => {
    expect(addWorkingDays(cal, '2026-03-21', 0)).toBe('2026-03-21');
  });
});

describe('weekends: counting starts after the day of receipt', () => {
  it('Fri 9, Sat 10 and Sun 11 Jan 2026 all give Wed 14 Jan for 3 working days', () => {
    expect(addWorkingDays(cal, '2026-01-09', 3)).toBe('2026-01-14');
    expect(addWorkingDays(cal, '2026-01-10', 3)).toBe('2026-01-14');
    expect(addWorkingDays(cal, '2026-01-11', 3)).toBe('2026-01-14');
  });
  it('Thu 8 Jan gives Tue 13 Jan (Fri 9, Mon 12, Tue 13)', () => {
    expect(addWorkingDays(cal, '2026-01-08', 3)).toBe('2026-01-13');
  });
});

describe('year boundary 2025 → 2026', () => {
  it('Wed 24 Dec 2025 + 3 skips Natal 25 and cuti bersama 26 Dec → Wed 31 Dec 2025', () => {
    expect(addWorkingDays(cal, '2025-12-24', 3)).toBe('2025-12-31');
  });
  it('Wed 24 Dec 2025 + 5 crosses New Year (1 Jan off) → Mon 5 Jan 2026', () => {
    expect(addWorkingDays(cal, '2025-12-24', 5)).toBe('2026-01-05');
  });
  it('Tue 23 Dec 2025 + 3: Wed 24 (no cuti bersama in 2025), Mon 29, Tue 30 → Tue 30 Dec 2025', () => {
    expect(addWorkingDays(cal, '2025-12-23', 3)).toBe('2025-12-30');
  });
  it('counts 5 working days from 24 Dec 2025 to 5 Jan 2026', () => {
    expect(workingDaysBetween(cal, '2025-12-24', '2026-01-05')).toBe(5);
  });
});

describe('workingDaysBetween', () => {
  it('counts after `from` up to and including `to`', () => {
    expect(workingDaysBetween(cal, '2026-03-17', '2026-03-27')).toBe(3);
    expect(workingDaysBetween(cal, '2026-01-12', '2026-01-13')).toBe(1);
  });
  it('is 0 for the same date and across a stretch of days off', () => {
    expect(workingDaysBetween(cal, '2026-03-17', '2026-03-17')).toBe(0);
    expect(workingDaysBetween(cal, '2026-03-17', '2026-03-24')).toBe(0);
  });
  it('is negative when `to` is before `from`', () => {
    expect(workingDaysBetween(cal, '2026-03-27', '2026-03-17')).toBe(-3);
    expect(workingDaysBetween(cal, '2026-01-05', '2025-12-24')).toBe(-5);
  });
  it('inverts addWorkingDays for every start of 2026 (Jan–Nov) and n up to 15', () => {
    for (let day = 0; day < 330; day++) {
      const start = addCalendarDays('2026-01-01', day);
      for (let n = 0; n <= 15; n++) {
        expect(workingDaysBetween(cal, start, addWorkingDays(cal, start, n))).toBe(n);
      }
    }
  });
});

describe('bounds', () => {
  it('refuses n > 3650, negative and fractional n with a clear error', () => {
    for (const n of [MAX_DAYS + 1, -1, 1.5]) {
      const err = appErrorOf(() => addWorkingDays(cal, '2026-01-12', n));
      expect(err.code).toBe('VALIDATION');
      expect(err.messageKey).toBe('calendar.tooManyDays');
      expect(err.params).toMatchObject({ field: 'days', max: 3650 });
    }
    expect(appErrorOf(() => addCalendarDays('2026-01-12', MAX_DAYS + 1)).messageKey).toBe('calendar.tooManyDays');
    const span = appErrorOf(() => workingDaysBetween(seededCalendar({ toYear: 2050 }), '2025-01-01', '2045-12-31'));
    expect(span.messageKey).toBe('calendar.tooManyDays');
    expect(span.params).toMatchObject({ field: 'to', max: MAX_SPAN_DAYS });
  });

  it('accepts n = 3650 over a long enough calendar', () => {
    const long = seededCalendar({ fromYear: 2025, toYear: 2045 });
    const due = addWorkingDays(long, '2026-01-12', MAX_DAYS);
    expect(workingDaysBetween(long, '2026-01-12', due)).toBe(MAX_DAYS);
  });

  it('adds and subtracts calendar days', () => {
    expect(addCalendarDays('2026-03-17', 60)).toBe('2026-05-16');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('time zones', () => {
  // 16:30 UTC is 23:30 WIB, 00:30 WITA (next day) and 01:30 WIT (next day).
  const lateTuesday = new Date('2026-03-24T16:30:00Z');

  it('gives different local dates for an instant at 23:30 WIB', () => {
    expect(localDate(lateTuesday, 'Asia/Jakarta')).toBe('2026-03-24');
    expect(localDate(lateTuesday, 'Asia/Makassar')).toBe('2026-03-25');
    expect(localDate(lateTuesday, 'Asia/Jayapura')).toBe('2026-03-25');
  });

  it('turns local midnight over at the right instant', () => {
    expect(localDate(new Date('2026-03-24T16:59:59.999Z'), 'Asia/Jakarta')).toBe('2026-03-24');
    expect(localDate(new Date('2026-03-24T17:00:00.000Z'), 'Asia/Jakarta')).toBe('2026-03-25');
    expect(localDate(new Date('2026-03-24T15:59:59.999Z'), 'Asia/Makassar')).toBe('2026-03-24');
    expect(localDate(new Date('2026-03-24T16:00:00.000Z'), 'Asia/Makassar')).toBe('2026-03-25');
  });

  it('ends a local day at 23:59:59.999 local time', () => {
    expect(endOfLocalDay('2026-03-27', 'Asia/Jakarta').toISOString()).toBe('2026-03-27T16:59:59.999Z');
    expect(endOfLocalDay('2026-03-27', 'Asia/Makassar').toISOString()).toBe('2026-03-27T15:59:59.999Z');
    expect(endOfLocalDay('2026-03-27', 'Asia/Jayapura').toISOString()).toBe('2026-03-27T14:59:59.999Z');
    expect(startOfLocalDay('2026-03-27', 'Asia/Makassar').toISOString()).toBe('2026-03-26T16:00:00.000Z');
  });

  it('makes the same instant due on different days in WIB and WITA', () => {
    // WIB: received Tue 24 Mar (cuti bersama) → 25, 26, 27. WITA: received Wed 25 Mar → 26, 27, 30.
    expect(deadline(cal, lateTuesday, 3, 'working', 'Asia/Jakarta')).toEqual({
      dueDate: '2026-03-27',
      dueAt: new Date('2026-03-27T16:59:59.999Z'),
      provisionalYear: null,
    });
    expect(deadline(cal, lateTuesday, 3, 'working', 'Asia/Makassar')).toEqual({
      dueDate: '2026-03-30',
      dueAt: new Date('2026-03-30T15:59:59.999Z'),
      provisionalYear: null,
    });
  });

  it('gives the same due date whether a report arrives Friday night (WIB) or Saturday (WITA)', () => {
    const fridayNight = new Date('2026-01-09T16:30:00Z');
    expect(localDate(fridayNight, 'Asia/Makassar')).toBe('2026-01-10');
    expect(deadline(cal, fridayNight, 3, 'working', 'Asia/Jakarta').dueDate).toBe('2026-01-14');
    expect(deadline(cal, fridayNight, 3, 'working', 'Asia/Makassar').dueDate).toBe('2026-01-14');
  });

  it('counts calendar days without moving a due date off a weekend', () => {
    const due = deadline(cal, new Date('2026-03-17T02:00:00Z'), 60, 'calendar', 'Asia/Makassar');
    expect(due.dueDate).toBe('2026-05-16'); // a Saturday: UU 25/2009 counts plain days
  });

  it('parses start times with a zone or as a local date', () => {
    expect(parseInstant('2026-03-17T10:00:00+08:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-17T02:00:00.000Z');
    expect(parseInstant('2026-03-17T10:00:00 08:00', 'Asia/Jakarta').toISOString()).toBe('2026-03-17T02:00:00.000Z');
    expect(parseInstant('2026-03-17T02:00Z', 'Asia/Jakarta').toISOString()).toBe('2026-03-17T02:00:00.000Z');
    expect(parseInstant('2026-03-17', 'Asia/Jayapura').toISOString()).toBe('2026-03-16T15:00:00.000Z');
    for (const bad of ['2026-03-17T10:00:00', '2026-02-30T10:00:00Z', 'kemarin', '2026-03-17T25:00:00Z']) {
      expect(appErrorOf(() => parseInstant(bad, 'Asia/Jakarta')).messageKey, bad).toBe('calendar.invalidInstant');
    }
  });
});

describe("a unit's 'masuk' days", () => {
  const U1 = '00000000-0000-4000-8000-000000000001';
  const U2 = '00000000-0000-4000-8000-000000000002';
  const days: TenantDay[] = [
    { date: '2026-03-23', kind: 'masuk', unitId: U1, name: 'Pelayanan tetap buka' },
    { date: '2026-03-24', kind: 'masuk', unitId: U1, name: 'Pelayanan tetap buka' },
    // A libur nasional cannot be reopened, even if such a row exists.
    { date: '2026-03-19', kind: 'masuk', unitId: U1, name: 'Salah isi' },
    { date: '2026-03-21', kind: 'masuk', unitId: U1, name: 'Salah isi' },
    // A tenant-wide libur that U1 works anyway.
    { date: '2026-04-08', kind: 'libur', unitId: null, name: 'Hari Jadi Kabupaten' },
    { date: '2026-04-08', kind: 'masuk', unitId: U1, name: 'Pelayanan tetap buka' },
    // A unit-only libur.
    { date: '2026-04-09', kind: 'libur', unitId: U2, name: 'Renovasi gedung' },
  ];
  const forU1 = seededCalendar({ tenantDays: days, unitId: U1 });
  const forU2 = seededCalendar({ tenantDays: days, unitId: U2 });
  const tenantWide = seededCalendar({ tenantDays: days });

  it('makes the cuti bersama days 23–24 Mar working days for that unit only', () => {
    expect(isWorkingDay(forU1, '2026-03-23')).toBe(true);
    expect(isWorkingDay(forU2, '2026-03-23')).toBe(false);
    expect(isWorkingDay(tenantWide, '2026-03-23')).toBe(false);
    expect(addWorkingDays(forU1, '2026-03-17', 3)).toBe('2026-03-25'); // 23, 24, 25
    expect(addWorkingDays(forU2, '2026-03-17', 3)).toBe('2026-03-27');
    expect(addWorkingDays(tenantWide, '2026-03-17', 3)).toBe('2026-03-27');
  });

  it('never makes a libur nasional a working day', () => {
    expect(isWorkingDay(forU1, '2026-03-19')).toBe(false);
    expect(isWorkingDay(forU1, '2026-03-21')).toBe(false);
  });

  it("lets a unit's row win over the tenant-wide row of the same date", () => {
    expect(isWorkingDay(forU1, '2026-04-08')).toBe(true);
    expect(isWorkingDay(forU2, '2026-04-08')).toBe(false);
    expect(isWorkingDay(tenantWide, '2026-04-08')).toBe(false);
    expect(isWorkingDay(forU2, '2026-04-09')).toBe(false);
    expect(isWorkingDay(forU1, '2026-04-09')).toBe(true);
    expect(isWorkingDay(tenantWide, '2026-04-09')).toBe(true);
  });

  it("lets a tenant-wide 'masuk' make a Saturday a working day", () => {
    const c = buildWorkCalendar({ fromYear: 2026, toYear: 2026, national: [], tenantDays: [{ date: '2026-01-10', kind: 'masuk', unitId: null, name: 'Hari kerja pengganti' }] });
    expect(isWorkingDay(c, '2026-01-10')).toBe(true);
    expect(addWorkingDays(c, '2026-01-09', 1)).toBe('2026-01-10');
  });
});
