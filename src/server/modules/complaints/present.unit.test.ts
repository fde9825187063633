import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { attachmentName, presentForReporter, presentForStaff, presentPublic, presentReceipt } from './present.js';
import { audienceFor, can } from './policy.js';
import type { AttachmentMeta, ComplaintRow, EventRow, ReporterRow } from './repo.js';

const T = 'tenant-1';
const row = (over: Partial<ComplaintRow> = {}): ComplaintRow => ({
  tenant_id: T, id: 'c1', tracking_code: 'PRM-ABCD-EFGH', kind: 'pengaduan', channel: 'web', title: 'Judul', description: 'Uraian',
  category_id: null, region_code: null, latitude: null, longitude: null, address_text: null, event_date: null, is_anonymous: false,
  is_confidential: false, status: 'routed', opd_id: 'opd-a', due_at: new Date('2026-03-27T15:59:59.999Z'), due_stage: 'first_response',
  escalation_level: 0, escalated_at: null, escalation_due_at: null, escalation_rule_id: null, escalation_provisional_year: null, reminded_for_due: null, merged_into_id: null, reporter_count: 1, rating: null, rating_comment: null,
  idempotency_key: 'secret-key', created_by: null, received_at: new Date('2026-03-17T02:00:00Z'), routed_at: null, first_response_at: null,
  resolved_at: null, closed_at: null, file_complete_at: null, completion_due_at: null, completion_from: null, completion_rule_id: null,
  completion_provisional_year: null, updated_at: new Date('2026-03-17T02:00:00Z'), search: '' as never,
  due_from: new Date('2026-03-20T02:00:00Z'), due_rule_id: null, due_provisional_year: null, ...over,
});
const reporter: ReporterRow = {
  tenant_id: T, id: 'r1', complaint_id: 'c1', name: 'Budi Pelapor', phone: '+628123456789', email: 'budi@example.id', user_id: 'u9',
  locale: 'id', wants_updates: true, original_complaint_id: 'c1', is_anonymous: false, created_at: new Date(),
};
const ev = (over: Partial<EventRow>): EventRow => ({
  tenant_id: T, id: 1, complaint_id: 'c1', type: 'received', from_status: null, to_status: 'received', visibility: 'public', note: null,
  actor_id: null, actor_label: 'Pelapor', opd_id: null, is_late: false, charged_to: null, data: { by: 'citizen', contentHash: 'abc' } as never, at: new Date(), ...over,
});
const events = [
  ev({}),
  ev({ id: 2, type: 'route', from_status: 'verified', to_status: 'routed', note: 'Catatan internal', actor_id: 'staff1', actor_label: 'Verifikator <v@pemda.go.id>', data: { by: 'desk', noteInternal: true } as never }),
  ev({ id: 3, type: 'update', from_status: 'routed', to_status: 'routed', visibility: 'internal', note: 'Hanya staf', data: { by: 'opd' } as never }),
];
const att = (over: Partial<AttachmentMeta>): AttachmentMeta => ({ tenant_id: T, id: 'a1', complaint_id: 'c1', event_id: null, filename: 'foto.jpg', content_type: 'image/jpeg', size_bytes: 10, sha256: 'x', is_public: true, created_at: new Date(), ...over });

describe('presentPublic', () => {
  it('carries no personal data, no staff identity, no internal events or notes', () => {
    const view = presentPublic(row(), events, [att({}), att({ id: 'a2', is_public: false })])!;
    const text = JSON.stringify(view);
    for (const secret of ['Budi', 'budi@', '628123', 'Verifikator', 'v@pemda', 'staff1', 'Catatan internal', 'Hanya staf', 'secret-key', 'contentHash', 'u9']) expect(text).not.toContain(secret);
    expect(view.timeline.map((e) => [e.type, e.by, e.note])).toEqual([['received', 'citizen', null], ['route', 'desk', null]]);
    expect(view.attachments.map((a) => a.id)).toEqual(['a1']);
  });

  it('is null for a rahasia report; the receipt then says only what the reporter needs, with their key', () => {
    expect(presentPublic(row({ is_confidential: true }), events, [])).toBeNull();
    const receipt = presentReceipt(row({ is_confidential: true }), events, [], 'AAAA-BBBB-CCCC-DDDD-EEEE');
    expect(Object.keys(receipt).sort()).toEqual([
      'dueAt', 'dueProvisionalYear', 'dueStage', 'isConfidential', 'kind', 'receivedAt', 'reporterKey', 'status', 'trackingCode',
    ]);
    expect(presentReceipt(row(), events, [], 'AAAA-BBBB-CCCC-DDDD-EEEE').reporterKey).toBe('AAAA-BBBB-CCCC-DDDD-EEEE');
  });

  it("shows a rahasia report to its reporter only, as the public view with no one's identity", () => {
    const v = presentForReporter(row({ is_confidential: true }), events, [att({})]);
    expect(v).toMatchObject({ trackingCode: 'PRM-ABCD-EFGH', isConfidential: true, isReporter: true });
    expect(JSON.stringify(v)).not.toMatch(/Verifikator|v@pemda|staff1|Catatan internal|Hanya staf|secret-key/);
  });
});

describe('presentForStaff', () => {
  it('hides an anonim reporter from the OPD and the leaders, not from the desk or the inspectorate', () => {
    for (const audience of ['opd', 'leader'] as const) {
      const v = presentForStaff(row({ is_anonymous: true }), [reporter], events, [], audience);
      expect(v.reporters).toEqual([]);
      expect(v.reportersHidden).toBe(true);
      expect(JSON.stringify(v)).not.toMatch(/Budi|budi@|628123|u9/);
    }
    for (const audience of ['desk', 'inspektorat'] as const) {
      const v = presentForStaff(row({ is_anonymous: true }), [reporter], events, [], audience);
      expect(v.reporters.map((r) => r.name)).toEqual(['Budi Pelapor']);
    }
    expect(presentForStaff(row(), [reporter], events, [], 'opd').reporters).toHaveLength(1);
  });

  it("hides who took a citizen's step, and neutralises file names, wherever the reporter is hidden", () => {
    // A signed-in warga filed anonim: the 'received' event's actor is their account.
    const signedIn = [ev({ actor_id: 'u9', actor_label: 'Budi Pelapor <budi@example.id>' }), ev({ id: 4, type: 'confirm', actor_id: 'u9', actor_label: 'Budi Pelapor <budi@example.id>', data: { by: 'citizen', rating: 4 } as never })];
    const files = [att({ id: 'a7c3e9f1-0000-4000-8000-000000000000', filename: 'KTP Budi Pelapor.jpg', is_public: false })];
    for (const audience of ['opd', 'leader'] as const) {
      const v = presentForStaff(row({ is_anonymous: true }), [{ ...reporter, is_anonymous: true }], signedIn, files, audience);
      expect(JSON.stringify(v)).not.toMatch(/Budi|budi@|u9/);
      expect(v.timeline.map((e) => [e.type, e.by, e.actorId, e.actorLabel])).toEqual([['received', 'citizen', null, ''], ['confirm', 'citizen', null, '']]);
      expect(v.attachments[0]!.filename).toBe('lampiran-a7c3e9f1.jpg');
    }
    for (const audience of ['desk', 'inspektorat'] as const) {
      const v = presentForStaff(row({ is_anonymous: true }), [{ ...reporter, is_anonymous: true }], signedIn, files, audience);
      expect(v.timeline[0]!.actorLabel).toBe('Budi Pelapor <budi@example.id>');
      expect(v.attachments[0]!.filename).toBe('KTP Budi Pelapor.jpg');
    }
    // Staff steps keep their actor for everyone.
    expect(presentForStaff(row({ is_anonymous: true }), [], events, [], 'opd').timeline[1]!.actorLabel).toBe('Verifikator <v@pemda.go.id>');
  });

  it('keeps an anonim reporter hidden after their report is merged into one that is not anonim', () => {
    const moved = { ...reporter, id: 'r2', name: 'Siti Anonim', email: 'siti@example.id', user_id: 'u7', original_complaint_id: 'c0', is_anonymous: true };
    const v = presentForStaff(row(), [reporter, moved], events, [att({ filename: 'siti.jpg' })], 'opd');
    expect(v.reporters.map((r) => r.name)).toEqual(['Budi Pelapor']);
    expect(v.reportersHidden).toBe(true);
    expect(JSON.stringify(v)).not.toMatch(/Siti|siti@|u7/);
    expect(presentForStaff(row(), [reporter, moved], events, [], 'desk').reporters).toHaveLength(2);
  });

  it('names a file neutrally by its id and type', () => {
    expect(attachmentName({ id: '0123abcd-x', filename: 'a.pdf', content_type: 'application/pdf' }, false)).toBe('lampiran-0123abcd.pdf');
    expect(attachmentName({ id: '0123abcd-x', filename: 'a.pdf', content_type: 'application/pdf' }, true)).toBe('a.pdf');
  });

  it('shows staff the whole timeline with internal notes marked', () => {
    const v = presentForStaff(row(), [reporter], events, [att({ is_public: false })], 'opd');
    expect(v.timeline.map((e) => [e.type, e.noteInternal])).toEqual([['received', false], ['route', true], ['update', true]]);
    expect(JSON.stringify(v)).not.toContain('contentHash');
    expect(v.attachments).toHaveLength(1);
  });
});

describe('policy', () => {
  const actor = (roles: Actor['roles'], tenantId = T): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e', roles, viaToken: false });
  it('gives each role its audience', () => {
    expect(audienceFor(actor([{ role: 'verifikator', opdId: null }]), { tenantId: T, opdId: 'x' })).toBe('desk');
    expect(audienceFor(actor([{ role: 'inspektorat', opdId: null }]), { tenantId: T })).toBe('inspektorat');
    expect(audienceFor(actor([{ role: 'pimpinan', opdId: null }]), { tenantId: T })).toBe('leader');
    expect(audienceFor(actor([{ role: 'operator_opd', opdId: 'opd-a' }]), { tenantId: T, opdId: 'opd-a' })).toBe('opd');
    expect(audienceFor(actor([{ role: 'operator_opd', opdId: 'opd-a' }]), { tenantId: T, opdId: 'opd-b' })).toBeNull();
    expect(audienceFor(actor([{ role: 'warga', opdId: null }]), { tenantId: T })).toBeNull();
    expect(audienceFor(actor([{ role: 'verifikator', opdId: null }], 'other'), { tenantId: T })).toBeNull();
    expect(audienceFor(null, { tenantId: T })).toBeNull();
  });
  it('lets the desk take intake and admins change the rules', () => {
    expect(can(actor([{ role: 'verifikator', opdId: null }]), 'complaint.intake', { tenantId: T })).toBe(true);
    expect(can(actor([{ role: 'operator_opd', opdId: 'a' }]), 'complaint.intake', { tenantId: T })).toBe(false);
    expect(can(actor([{ role: 'admin', opdId: null }]), 'routing.write', { tenantId: T })).toBe(true);
    expect(can(actor([{ role: 'verifikator', opdId: null }]), 'deadline.write', { tenantId: T })).toBe(false);
    expect(can(actor([{ role: 'operator_opd', opdId: 'a' }]), 'category.read', { tenantId: T })).toBe(true);
    expect(can(actor([{ role: 'warga', opdId: null }]), 'category.read', { tenantId: T })).toBe(false);
  });
});
