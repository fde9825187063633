import { describe, expect, it } from 'vitest';
import { buildWorkCalendar, deadline, type NationalDayOff } from '../calendar/workdays.js';
import { DEFAULT_DEADLINE_RULES, defaultRule, pickRule, type DeadlineRuleLike } from './deadlines.js';

const rule = (r: Partial<DeadlineRuleLike>): DeadlineRuleLike => ({
  id: r.id ?? 'x', stage: 'verification', kind: null, category_id: null, days: 3, day_type: 'working', legal_source: 'L', valid_from: '2000-01-01', ...r,
});

describe('deadline rule lookup', () => {
  const rules = [
    rule({ id: 'base-old', days: 3 }),
    rule({ id: 'base-2026', days: 4, valid_from: '2026-06-01' }),
    rule({ id: 'kind', kind: 'aspirasi', days: 7 }),
    rule({ id: 'cat', category_id: 'C', days: 2 }),
    rule({ id: 'cat-kind', category_id: 'C', kind: 'aspirasi', days: 1 }),
    rule({ id: 'other-stage', stage: 'resolution', days: 60, day_type: 'calendar' }),
    rule({ id: 'cat-future', category_id: 'D', days: 9, valid_from: '2027-01-01' }),
  ];
  const pick = (kind: 'pengaduan' | 'aspirasi', categoryId: string | null, onDate: string, stage: DeadlineRuleLike['stage'] = 'verification') =>
    pickRule(rules, { stage, kind, categoryId, onDate })?.id;

  it('takes the most specific level: category+kind, category, kind, neither', () => {
    expect(pick('aspirasi', 'C', '2026-03-17')).toBe('cat-kind');
    expect(pick('pengaduan', 'C', '2026-03-17')).toBe('cat');
    expect(pick('aspirasi', 'X', '2026-03-17')).toBe('kind');
    expect(pick('pengaduan', null, '2026-03-17')).toBe('base-old');
    expect(pick('pengaduan', null, '2026-03-17', 'resolution')).toBe('other-stage');
  });

  it('takes the latest version valid on the date, never a future one', () => {
    expect(pick('pengaduan', null, '2026-05-31')).toBe('base-old');
    expect(pick('pengaduan', null, '2026-06-01')).toBe('base-2026');
    expect(pick('pengaduan', 'D', '2026-12-31')).toBe('base-2026');
    expect(pick('pengaduan', 'D', '2027-01-01')).toBe('cat-future');
  });

  it('breaks a tie of the same date by the newest row', () => {
    const a = rule({ id: 'a', created_at: new Date('2026-01-01T00:00:00Z') });
    const b = rule({ id: 'b', created_at: new Date('2026-02-01T00:00:00Z') });
    expect(pickRule([a, b], { stage: 'verification', kind: 'pengaduan', categoryId: null, onDate: '2026-03-01' })?.id).toBe('b');
    expect(pickRule([b, a], { stage: 'verification', kind: 'pengaduan', categoryId: null, onDate: '2026-03-01' })?.id).toBe('b');
  });

  it('has no rule when none is valid yet (the caller falls back to the default)', () => {
    expect(pickRule([rule({ valid_from: '2030-01-01' })], { stage: 'verification', kind: 'pengaduan', categoryId: null, onDate: '2026-01-01' })).toBeNull();
  });

  it('defaults follow DOMAIN.md §2 with their legal sources', () => {
    const byStage = Object.fromEntries(DEFAULT_DEADLINE_RULES.map((r) => [r.stage, `${r.days} ${r.day_type}`]));
    expect(byStage).toEqual({
      verification: '3 working', first_response: '5 working', resolution: '60 calendar', auto_close: '10 working',
      escalation_sekda: '5 working', escalation_bupati: '5 working',
    });
    expect(defaultRule('verification').legal_source).toMatch(/SP4N-LAPOR/);
    expect(defaultRule('resolution').legal_source).toMatch(/UU 25\/2009/);
    expect(defaultRule('resolution').legal_source).toMatch(/Perpres 76\/2013/);
    // No regulation sets the escalation days: the source says so and names the ADR.
    for (const stage of ['escalation_sekda', 'escalation_bupati'] as const) expect(defaultRule(stage).legal_source).toMatch(/^Tidak diatur peraturan.*ADR 0024/);
  });

  it('keeps escalation rules apart from the report stages they sit beside', () => {
    const esc = [rule({ id: 'esc', stage: 'escalation_sekda', days: 2 }), rule({ id: 'esc-cat', stage: 'escalation_sekda', category_id: 'C', days: 1 })];
    expect(pickRule([...rules, ...esc], { stage: 'escalation_sekda', kind: 'pengaduan', categoryId: null, onDate: '2026-03-17' })?.id).toBe('esc');
    expect(pickRule([...rules, ...esc], { stage: 'escalation_sekda', kind: 'pengaduan', categoryId: 'C', onDate: '2026-03-17' })?.id).toBe('esc-cat');
    expect(pickRule([...rules, ...esc], { stage: 'escalation_bupati', kind: 'pengaduan', categoryId: null, onDate: '2026-03-17' })).toBeNull();
  });
});

describe('default deadlines over the 2026 holidays (WITA)', () => {
  const national: NationalDayOff[] = [
    ['2026-03-18', 'cuti_bersama'], ['2026-03-19', 'libur_nasional'], ['2026-03-20', 'cuti_bersama'], ['2026-03-21', 'libur_nasional'],
    ['2026-03-22', 'libur_nasional'], ['2026-03-23', 'cuti_bersama'], ['2026-03-24', 'cuti_bersama'], ['2026-04-03', 'libur_nasional'],
    ['2026-05-01', 'libur_nasional'], ['2026-05-14', 'libur_nasional'], ['2026-05-15', 'cuti_bersama'],
  ].map(([date, kind]) => ({ date, kind: kind as NationalDayOff['kind'], name: 'x' }));
  const cal = buildWorkCalendar({ fromYear: 2026, toYear: 2027, national });
  const due = (startIso: string, stage: DeadlineRuleLike['stage']) => {
    const r = defaultRule(stage);
    return deadline(cal, new Date(startIso), r.days, r.day_type, 'Asia/Makassar').dueDate;
  };

  it('verification of a report received on 17 March 2026 falls after Idulfitri and cuti bersama', () => {
    expect(due('2026-03-17T10:00:00+08:00', 'verification')).toBe('2026-03-27');
  });
  it('first response after routing on 27 March skips Good Friday', () => {
    expect(due('2026-03-27T09:00:00+08:00', 'first_response')).toBe('2026-04-06'); // 30, 31, 1, 2, (3 off), 6
  });
  it('resolution counts 60 calendar days, holidays included', () => {
    expect(due('2026-03-17T10:00:00+08:00', 'resolution')).toBe('2026-05-16');
  });
  it('auto-close counts 10 working days, skipping Ascension and its cuti bersama', () => {
    expect(due('2026-05-05T10:00:00+08:00', 'auto_close')).toBe('2026-05-21'); // 6,7,8,11,12,13,18,19,20,21
  });
  it('a report received late on Friday evening (local) starts counting on Monday', () => {
    expect(due('2026-03-27T23:30:00+08:00', 'verification')).toBe('2026-04-01');
  });
});
