/** Pure parts of the complaint desk: cursors, who acts as desk or OPD, CSV cells, escalation templates. */
import { describe, expect, it } from 'vitest';
import { actorKindFor, decodeCursor, encodeCursor, inboxScope } from './inbox-service.js';
import { safeCell } from './export-service.js';
import { escalationTemplate } from './escalation.js';
import type { Actor } from '../../platform/context.js';

const T = '11111111-1111-4111-8111-111111111111';
const OPD = '22222222-2222-4222-8222-222222222222';
const actor = (roles: Actor['roles'], tenantId = T): Actor => ({ userId: 'u', tenantId, name: 'n', email: 'e', roles, viaToken: false });

describe('cursor', () => {
  it('round-trips a due date (or none) and an id', () => {
    const d = new Date('2026-06-11T15:59:59.999Z');
    expect(decodeCursor(encodeCursor(d, OPD))).toEqual({ k: d.toISOString(), id: OPD });
    expect(decodeCursor(encodeCursor(null, OPD))).toEqual({ k: null, id: OPD });
  });
  it('refuses anything else with VALIDATION', () => {
    for (const bad of ['', 'abc', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["x","y"]').toString('base64url'), Buffer.from(`["2026-01-01T00:00:00Z","1' OR 1=1"]`).toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
  });
});

describe('desk or OPD', () => {
  it('takes the desk side for desk steps and the OPD side for OPD steps', () => {
    expect(actorKindFor('verify', ['desk'])).toBe('desk');
    expect(actorKindFor('verify', ['opd'])).toBeNull();
    expect(actorKindFor('accept', ['desk'])).toBeNull();
    expect(actorKindFor('accept', ['desk', 'opd'])).toBe('opd');
    expect(actorKindFor('route', ['desk', 'opd'])).toBe('desk');
    expect(actorKindFor('confirm', ['desk', 'opd'])).toBeNull();
  });
  it('scopes OPD staff to their OPDs and refuses staff with no scope', () => {
    expect(inboxScope(actor([{ role: 'verifikator', opdId: null }]), T)).toBeNull();
    expect(inboxScope(actor([{ role: 'pimpinan', opdId: null }]), T)).toBeNull();
    expect(inboxScope(actor([{ role: 'operator_opd', opdId: OPD }]), T)).toEqual([OPD]);
    expect(() => inboxScope(actor([{ role: 'warga', opdId: null }]), T)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    // An OPD grant in another tenant gives nothing here.
    expect(() => inboxScope(actor([{ role: 'operator_opd', opdId: OPD }], 'other'), T)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('CSV cells', () => {
  it('neutralises spreadsheet formulas and writes dates as ISO', () => {
    expect(safeCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(safeCell('+62812')).toBe("'+62812");
    expect(safeCell('-1')).toBe("'-1");
    expect(safeCell('@cmd')).toBe("'@cmd");
    expect(safeCell('Jalan rusak')).toBe('Jalan rusak');
    expect(safeCell(null)).toBe('');
    expect(safeCell(new Date('2026-06-10T02:00:00Z'))).toBe('2026-06-10T02:00:00.000Z');
  });
});

describe('escalation ladder', () => {
  it('tells the OPD head at level 1 and the leaders above', () => {
    expect(escalationTemplate(1)).toBe('opd.escalated');
    expect(escalationTemplate(2)).toBe('leader.escalated');
    expect(escalationTemplate(3)).toBe('leader.escalated');
  });
});
