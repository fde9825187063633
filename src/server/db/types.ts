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
import type { ComplianceTables } from '../modules/compliance/tables.js';
import type { StandardsTables } from '../modules/standards/tables.js';
import type { SkmTables } from '../modules/skm/tables.js';
import type { RoutingTables } from '../modules/routing/tables.js';

export interface DB
  extends OrganisationTables, AuthTables, AuditTables, CalendarTables, JobTables, ComplaintTables, NotificationTables,
    ComplianceTables, StandardsTables, SkmTables, RoutingTables {
  schema_migration: { name: string; checksum: string; applied_at: Date };
}
