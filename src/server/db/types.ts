/**
 * The database as Kysely sees it: the union of each module's tables (`tables.ts` in
 * the module's folder). A new module adds its interface here.
 */
import type { OrganisationTables } from '../modules/organisation/tables.js';
import type { AuthTables } from '../modules/auth/tables.js';
import type { AuditTables } from '../modules/audit/tables.js';
import type { CalendarTables } from '../modules/calendar/tables.js';
import type { JobTables } from '../modules/jobs/tables.js';
import type { ComplaintTables } from '../modules/complaints/tables.js';
import type { NotificationTables } from '../modules/notifications/tables.js';

export interface DB
  extends OrganisationTables, AuthTables, AuditTables, CalendarTables, JobTables, ComplaintTables, NotificationTables {
  schema_migration: { name: string; checksum: string; applied_at: Date };
}
