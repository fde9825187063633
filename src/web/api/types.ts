/**
 * Shapes of the API as the web client uses them: the static types of the shared TypeBox
 * schemas (src/shared/schemas), imported as types only so no schema code enters the
 * bundle. Constant lists are repeated here for the same reason (the type checker keeps
 * them equal to the schemas' own lists).
 */
import type * as Auth from '../../shared/schemas/auth.js';
import type * as Org from '../../shared/schemas/organisation.js';
import type * as Cal from '../../shared/schemas/calendar.js';
import type * as Audit from '../../shared/schemas/audit.js';

export type Role = Auth.RoleName;
export type SessionUser = Auth.TSessionUser;
export type SessionResponse = Auth.TSessionResponse;
export type User = Auth.TUser;
export type ApiToken = Auth.TApiToken;
export type CreatedToken = Auth.TCreatedApiToken;

export type Tenant = Org.TTenant;
export type Region = Org.TRegion;
export type Opd = Org.TOpd;
export type OpdType = Opd['type'];
export type Unit = Org.TUnit;
export type Service = Org.TService;
export type ImportKind = Org.ImportKind;
export type ImportProblem = Org.TImportRowError;

export type NationalDay = Cal.TNationalDay;
export type DayOff = Cal.TDayOff;
export type CalendarStatus = Cal.TCalendarStatus;
export type ImportNationalResult = Cal.TImportNationalResponse;

export type AuditEntry = Audit.TAuditEntry;
export type AuditPage = Audit.TAuditListResponse;
export type AuditVerify = Audit.TAuditVerifyResponse;

export interface Items<T> { items: T[] }

/** Roles in the order the user form lists them. */
export const ROLES: readonly Role[] = ['operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'admin', 'superadmin', 'warga'];
/** Roles that belong to one OPD and need it chosen (schemas/auth.ts OPD_SCOPED_ROLES). */
export const OPD_ROLES: readonly Role[] = ['operator_opd', 'kepala_opd'];
export const OPD_TYPES: readonly OpdType[] = ['dinas', 'badan', 'kecamatan', 'kelurahan', 'rsud', 'puskesmas', 'sekretariat', 'inspektorat', 'bagian', 'kantor', 'lainnya'];
/** Shortest password the server accepts (schemas/auth.ts PASSWORD_MIN_LENGTH). */
export const PASSWORD_MIN_LENGTH: typeof Auth.PASSWORD_MIN_LENGTH = 10;

// Compile-time checks that the lists above match the schemas' lists.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _roles: Same<(typeof Auth.ROLES)[number], Role> = true;
const _opdTypes: Same<(typeof Org.OPD_TYPES)[number], OpdType> = true;
void _roles;
void _opdTypes;
