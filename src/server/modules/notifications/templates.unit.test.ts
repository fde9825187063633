import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TEMPLATES, normaliseParams, oneLine, paragraph, renderNotification, type RenderContext } from './templates.js';

const ctx = (locale: 'id' | 'en'): RenderContext => ({
  locale,
  tenant: { slug: 'tanahbumbu', name: 'Kabupaten Tanah Bumbu', timezone: 'Asia/Makassar' },
  publicUrl: 'https://prima.example.go.id/',
});

const samples: Record<string, Record<string, unknown>> = {
  'complaint.received': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak' },
  'complaint.status_changed': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', status: 'routed' },
  'complaint.resolved': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', note: 'Sudah ditambal.' },
  'opd.new_case': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', opdName: 'Dinas PUPR', dueAt: '2026-11-25T01:00:00.000Z', caseId: '00000000-0000-4000-8000-000000000001' },
  'opd.reminder': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', dueAt: '2026-11-25T01:00:00.000Z' },
  'opd.escalated': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', dueAt: '2026-11-25T01:00:00.000Z', level: 1 },
  'leader.escalated': { trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', opdName: 'Dinas PUPR', dueAt: '2026-11-25T01:00:00.000Z', level: 2 },
  'skm.followup_overdue': { unitName: 'Instalasi Rawat Jalan', unsur: 'waktu', action: 'Tambah loket pendaftaran pagi', dueOn: '2026-10-31' },
  'standards.review_due': { serviceName: 'Penerbitan KTP-el', unitName: 'Disdukcapil Kantor Pusat', version: 2, publishedOn: '2025-11-20' },
  'calendar.next_year_missing': { year: 2027 },
  'opd.daily_digest': { opdName: 'Dinas PUPR', date: '2026-11-22', counts: { new: 1, dueSoon: 0, overdue: 0 }, items: [{ trackingCode: 'PRM7KQ2X', title: 'Jalan rusak', dueAt: null, bucket: 'new' }] },
};

describe('notification templates', () => {
  it('has a sample for every template, each valid, rendered in id and en with different texts and no leftover placeholders', () => {
    expect(Object.keys(samples).sort()).toEqual([...NOTIFICATION_TEMPLATES].sort());
    for (const name of NOTIFICATION_TEMPLATES) {
      const p = normaliseParams(name, samples[name]);
      expect(p.ok, name).toBe(true);
      const id = renderNotification(name, samples[name], ctx('id'));
      const en = renderNotification(name, samples[name], ctx('en'));
      for (const m of [id, en]) {
        expect(m.subject, name).not.toMatch(/[{}]|notifications\./);
        expect(m.text, name).not.toMatch(/[{}]|notifications\./);
        expect(m.text, name).toContain('https://prima.example.go.id/r/tanahbumbu/');
        expect(m.short.startsWith(m.subject)).toBe(true);
      }
      expect(id.subject, name).not.toBe(en.subject);
      expect(id.text, name).not.toBe(en.text);
    }
  });

  it('tells the OPD which SKM follow-up is overdue, with its unit, action and due date, and links to the surveys', () => {
    const m = renderNotification('skm.followup_overdue', samples['skm.followup_overdue'], ctx('id'));
    expect(m.subject).toContain('Instalasi Rawat Jalan');
    expect(m.text).toContain('"Tambah loket pendaftaran pagi"');
    expect(m.text).toContain('2026-10-31');
    expect(m.text).toContain('https://prima.example.go.id/r/tanahbumbu/skm');
  });

  it("tells the admins which year's national days off are missing and links to the calendar's import form", () => {
    const id = renderNotification('calendar.next_year_missing', { year: 2027 }, ctx('id'));
    expect(id.subject).toBe('Libur nasional dan cuti bersama 2027 belum dimuat');
    expect(id.text).toContain('Kalender hari kerja Kabupaten Tanah Bumbu');
    expect(id.text).toContain('https://prima.example.go.id/r/tanahbumbu/calendar#impor');
    const en = renderNotification('calendar.next_year_missing', { year: 2027 }, ctx('en'));
    expect(en.subject).toBe('National holidays and cuti bersama of 2027 are not loaded');
    expect(normaliseParams('calendar.next_year_missing', { year: '2027' }).ok).toBe(false);
  });

  it('renders the deadline in the tenant time zone and the status label in the language', () => {
    const id = renderNotification('opd.reminder', samples['opd.reminder'], ctx('id'));
    expect(id.text).toContain('25 Nov 2026, 09.00 WITA');
    const en = renderNotification('complaint.status_changed', samples['complaint.status_changed'], ctx('en'));
    expect(en.subject).toBe('Report PRM7KQ2X: forwarded to the agency (OPD)');
    expect(renderNotification('opd.reminder', { trackingCode: 'X1' }, ctx('en')).text).toContain('at not set');
  });

  it('staff messages link to the case page, citizen messages to the tracking page', () => {
    expect(renderNotification('opd.new_case', samples['opd.new_case'], ctx('id')).text).toContain('/r/tanahbumbu/pengaduan/00000000-0000-4000-8000-000000000001');
    const viaRelated = renderNotification('opd.reminder', samples['opd.reminder'], { ...ctx('id'), related: { type: 'complaint', id: 'abc' } });
    expect(viaRelated.text).toContain('/r/tanahbumbu/pengaduan/abc');
    expect(renderNotification('complaint.resolved', samples['complaint.resolved'], ctx('id')).text).toContain('/r/tanahbumbu/lacak/PRM7KQ2X');
  });

  it('treats parameters as plain text: no line breaks or control characters in one-line fields, no placeholder re-expansion', () => {
    const m = renderNotification('complaint.received', { trackingCode: 'PRM\r\n1', title: 'a\nSubject: x\u0000\u202E{code}' }, ctx('id'));
    expect(m.subject).toBe('Laporan PRM 1 telah diterima');
    expect(m.text).toContain('"a Subject: x{code}"');
    expect(oneLine('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
    expect(paragraph('a\r\n\r\n\r\n\r\nb\u0007')).toBe('a\n\nb');
  });

  it('refuses an unknown template at render time', () => {
    expect(() => renderNotification('no.such', {}, ctx('id'))).toThrow(/unknown notification template/);
  });

  it('normalises parameters: Dates to ISO strings, unknown fields dropped, missing required fields reported', () => {
    const ok = normaliseParams('opd.reminder', { trackingCode: 'A1', dueAt: new Date('2026-01-02T03:04:05Z'), reporterEmail: 'x@y.z' });
    expect(ok).toEqual({ ok: true, value: { trackingCode: 'A1', dueAt: '2026-01-02T03:04:05.000Z' } });
    const bad = normaliseParams('complaint.status_changed', { trackingCode: 'A1' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path)).toContain('/status');
    expect(normaliseParams('opd.daily_digest', { opdName: 'X', date: '2026-01-01', counts: { new: -1, dueSoon: 0, overdue: 0 }, items: [] }).ok).toBe(false);
  });
});
