import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { can } from './policy.js';

const T = 'tenant-1';
const actor = (role: Role, opdId: string | null = null, tenantId = T): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e', roles: [{ role, opdId }], viaToken: false });

describe('attachments policy', () => {
  it('lets every staff role upload, not warga or nobody', () => {
    for (const role of ['operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'admin'] as Role[]) {
      expect(can(actor(role, role.endsWith('_opd') ? 'opd-a' : null), 'attachment.upload', { tenantId: T }), role).toBe(true);
    }
    expect(can(actor('warga'), 'attachment.upload', { tenantId: T })).toBe(false);
    expect(can(null, 'attachment.upload', { tenantId: T })).toBe(false);
    expect(can(actor('admin', null, 'other'), 'attachment.upload', { tenantId: T })).toBe(false);
  });

  it('lets desk, admin and inspektorat read everything; OPD roles only their routed cases', () => {
    for (const role of ['verifikator', 'admin', 'inspektorat'] as Role[]) {
      expect(can(actor(role), 'attachment.read', { tenantId: T, caseOpdId: null }), role).toBe(true);
    }
    expect(can(actor('superadmin', null, 'other'), 'attachment.read', { tenantId: T })).toBe(true);
    expect(can(actor('operator_opd', 'opd-a'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-a' })).toBe(true);
    expect(can(actor('kepala_opd', 'opd-a'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-a' })).toBe(true);
    expect(can(actor('operator_opd', 'opd-a'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-b' })).toBe(false);
    expect(can(actor('operator_opd', 'opd-a'), 'attachment.read', { tenantId: T, caseOpdId: null })).toBe(false);
    expect(can(actor('operator_opd', 'opd-a', 'other'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-a' })).toBe(false);
    expect(can(actor('pimpinan'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-a' })).toBe(false);
    expect(can(actor('warga'), 'attachment.read', { tenantId: T, caseOpdId: 'opd-a' })).toBe(false);
    expect(can(actor('verifikator', null, 'other'), 'attachment.read', { tenantId: T })).toBe(false);
  });
});
