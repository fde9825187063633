/**
 * Survey periods are whole months (a year, semester, quarter or month), so the monthly
 * aggregates add up to a period exactly. Also: tenant-local dates, time slots, age bands.
 * Pure.
 */
import type { SkmPeriodKind } from './tables.js';

export interface PeriodRange {
  startsOn: string;
  endsOn: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Months a part covers: semester 6, quarter 3, month 1, year 12. Null when part is invalid. */
export function periodRange(kind: SkmPeriodKind, year: number, part: number | null | undefined): PeriodRange | null {
  const span = { year: 12, semester: 6, quarter: 3, month: 1 }[kind];
  const parts = 12 / span;
  if (kind === 'year' ? part != null : !(Number.isInteger(part) && part! >= 1 && part! <= parts)) return null;
  const first = kind === 'year' ? 1 : (part! - 1) * span + 1;
  const last = first + span - 1;
  return { startsOn: `${year}-${pad(first)}-01`, endsOn: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** First day of the month of a YYYY-MM-DD date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The tenant-local date (YYYY-MM-DD) and hour of an instant. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function localParts(at: Date, timeZone: string): { date: string; hour: number } {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })));
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24 };
}

/** pagi 05–10, siang 11–14, sore 15–17, malam 18–04 (tenant-local hour). */
export function timeSlot(hour: number): 'pagi' | 'siang' | 'sore' | 'malam' {
  if (hour >= 5 && hour < 11) return 'pagi';
  if (hour >= 11 && hour < 15) return 'siang';
  if (hour >= 15 && hour < 18) return 'sore';
  return 'malam';
}

export function ageBand(age: number | null | undefined): string | null {
  if (age == null) return null;
  if (age < 20) return '<20';
  if (age >= 60) return '60+';
  const lo = Math.floor(age / 10) * 10;
  return `${lo}-${lo + 9}`;
}

/** Instant of local midnight of a date in a time zone (Asia/* zones have no DST). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const { date: d, hour } = localParts(guess, timeZone);
  const offsetHours = d === date ? hour : hour - 24;
  return new Date(guess.getTime() - offsetHours * 3600_000);
}
