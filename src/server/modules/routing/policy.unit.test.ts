/** Who may ask for and configure routing suggestions. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.js';
import type { Role } from '../auth/tables.js';
import { can } from './policy.js';

const T = 'tenant-a';
const actor = (role: Role, tenantId = T, opdId: string | null = null): Actor =>
  ({ userId: 'u', tenantId, name: 'U', email: 'u@x.id', roles: [{ role, opdId }], viaToken: false });

describe('routing policy', () => {
  it('nobody signed in may do nothing', () => {
    for (const a of ['routing.suggest', 'routing.stats', 'routing.config.read', 'routing.config.write', 'routing.models.read'] as const) expect(can(null, a, { tenantId: T })).toBe(false);
  });

  it('the desk and admins ask for suggestions; OPD staff, leaders and citizens do not', () => {
    expect(can(actor('verifikator'), 'routing.suggest', { tenantId: T })).toBe(true);
    expect(can(actor('admin'), 'routing.suggest', { tenantId: T })).toBe(true);
    for (const r of ['operator_opd', 'kepala_opd', 'pimpinan', 'inspektorat', 'warga'] as const) expect(can(actor(r, T, 'opd-1'), 'routing.suggest', { tenantId: T })).toBe(false);
  });

  it('another tenant is another tenant', () => {
    expect(can(actor('verifikator', 'tenant-b'), 'routing.suggest', { tenantId: T })).toBe(false);
    expect(can(actor('admin', 'tenant-b'), 'routing.config.write', { tenantId: T })).toBe(false);
  });

  it('only admins change keyword rules and settings; leaders see the accuracy figure', () => {
    expect(can(actor('admin'), 'routing.config.write', { tenantId: T })).toBe(true);
    expect(can(actor('verifikator'), 'routing.config.write', { tenantId: T })).toBe(false);
    expect(can(actor('verifikator'), 'routing.config.read', { tenantId: T })).toBe(true);
    expect(can(actor('pimpinan'), 'routing.stats', { tenantId: T })).toBe(true);
    expect(can(actor('warga'), 'routing.stats', { tenantId: T })).toBe(false);
  });
});
