/**
 * Who may do what with the working-day calendar: every staff member of the tenant reads
 * it (deadlines are everybody's business); only the tenant's admin (or a superadmin)
 * changes the tenant's days and loads a year's national days off. National days are
 * reference data: shipped by migrations, or imported — by a superadmin for every region,
 * by a tenant's admin for that region only (`importScope`), so no tenant changes another's.
 */
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole, isSuperadmin } from '../../platform/policy.js';

export type CalendarAction = 'calendar.read' | 'calendar.write' | 'calendar.import';

export function can(actor: Actor | null, action: CalendarAction, resource: { tenantId: string }): boolean {
  switch (action) {
    case 'calendar.read':
      return hasAnyRole(actor, resource.tenantId, STAFF_ROLES);
    case 'calendar.write':
    case 'calendar.import':
      return hasAnyRole(actor, resource.tenantId, ['admin']);
  }
}

/** Whom an import of national days applies to: every region for a superadmin, else the actor's own. */
export function importScope(actor: Actor): 'global' | 'tenant' {
  return isSuperadmin(actor) ? 'global' : 'tenant';
}
