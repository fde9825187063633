/** Who may read, draft, establish and configure standards; plus the date helpers of establishment. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import { can, performersFor } from './policy.js';
import { addMonths, establishGaps, todayIn } from './service.js';

const T = 'tenant-a';
const actor = (roles: Actor['roles'], tenantId = T): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e', roles, viaToken: false });

describe('standards policy', () => {
  it('lets every staff member of the tenant read, nobody else', () => {
    expect(can(null, 'standard.read', { tenantId: T })).toBe(false);
    expect(can(actor([{ role: 'verifikator', opdId: null }]), 'standard.read', { tenantId: T })).toBe(true);
    expect(can(actor([{ role: 'warga', opdId: null }]), 'standard.read', { tenantId: T })).toBe(false);
    expect(can(actor([{ role: 'admin', opdId: null }], 'other'), 'standard.read', { tenantId: T })).toBe(false);
  });
  it('gives the OPD team "team", its head and admins also "head", other OPDs nothing', () => {
    expect(performersFor(actor([{ role: 'operator_opd', opdId: 'opd-1' }]), T, 'opd-1')).toEqual(['team']);
    expect(performersFor(actor([{ role: 'kepala_opd', opdId: 'opd-1' }]), T, 'opd-1')).toEqual(['team', 'head']);
    expect(performersFor(actor([{ role: 'admin', opdId: null }]), T, 'opd-1')).toEqual(['team', 'head']);
    expect(performersFor(actor([{ role: 'operator_opd', opdId: 'opd-2' }]), T, 'opd-1')).toEqual([]);
    expect(performersFor(actor([{ role: 'pimpinan', opdId: null }]), T, 'opd-1')).toEqual([]);
    expect(performersFor(actor([{ role: 'kepala_opd', opdId: 'opd-1' }], 'other'), T, 'opd-1')).toEqual([]);
  });
  it('keeps the review interval for admins', () => {
    expect(can(actor([{ role: 'kepala_opd', opdId: 'opd-1' }]), 'standard.settings', { tenantId: T })).toBe(false);
    expect(can(actor([{ role: 'admin', opdId: null }]), 'standard.settings', { tenantId: T })).toBe(true);
  });
});

describe('establishment helpers', () => {
  it("reads today's date in the tenant's time zone", () => {
    const instant = new Date('2026-03-01T16:30:00Z'); // 23:30 WIB, 00:30 WITA, 01:30 WIT
    expect(todayIn('Asia/Jakarta', instant)).toBe('2026-03-01');
    expect(todayIn('Asia/Makassar', instant)).toBe('2026-03-02');
    expect(todayIn('Asia/Jayapura', instant)).toBe('2026-03-02');
  });
  it('adds calendar months for the review date', () => {
    expect(addMonths(new Date('2026-01-15T00:00:00Z'), 12).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });
  it('lists decree fields, the PDF and empty components as gaps', () => {
    expect(establishGaps({ components: {}, has_signed_pdf: false }, {}).slice(0, 5)).toEqual(['decreeNumber', 'decreeDate', 'decreeSigner', 'signedPdf', 'components.dasar_hukum']);
    expect(establishGaps({ components: {}, has_signed_pdf: true }, { decreeNumber: 'x', decreeDate: '2026-01-01', decreeSigner: 'y' })).toHaveLength(14);
  });
});
