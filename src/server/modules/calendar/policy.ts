/**
 * Who may do what with the working-day calendar: every staff member of the tenant reads
 * it (deadlines are everybody's business); only the tenant's admin (or a superadmin)
 * changes the tenant's days. National days are reference data set by migrations.
 */
import type { Actor } from '../../platform/context.js';
import { STAFF_ROLES, hasAnyRole } from '../../platform/policy.js';

export type CalendarAction = 'calendar.read' | 'calendar.write';

export function can(actor: Actor | null, action: CalendarAction, resource: { tenantId: string }): boolean {
  switch (action) {
    case 'calendar.read':
      return hasAnyRole(actor, resource.tenantId, STAFF_ROLES);
    case 'calendar.write':
      return hasAnyRole(actor, resource.tenantId, ['admin']);
  }
}
