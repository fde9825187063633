/**
 * What each role sees. The server decides what a user may do (each module's policy.ts);
 * this only decides which links and buttons to offer, so nobody is shown a door that
 * answers "forbidden".
 */
import type { MessageKey } from '../../shared/i18n/index.js';
import type { Role, SessionUser } from '../api/types.js';

export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  return !!user && user.roles.some((g) => roles.includes(g.role));
}

/** Admin of the tenant (a superadmin is an admin everywhere). */
export const isAdmin = (u: SessionUser | null) => hasRole(u, 'admin', 'superadmin');
export const isSuperadmin = (u: SessionUser | null) => hasRole(u, 'superadmin');
/** Staff who work inside the government (everyone but a citizen). */
export const isStaff = (u: SessionUser | null) =>
  hasRole(u, 'operator_opd', 'kepala_opd', 'verifikator', 'pimpinan', 'inspektorat', 'admin', 'superadmin');
/** The complaint desk: verifies and routes reports (the server acts as 'desk' for admins too). */
export const isDesk = (u: SessionUser | null) => hasRole(u, 'verifikator', 'admin', 'superadmin');
/** Staff of an OPD, who work the cases routed to it. */
export const isOpdStaff = (u: SessionUser | null) => hasRole(u, 'operator_opd', 'kepala_opd');
/** Leaders who see escalated cases (Sekda, Bupati/Wali Kota). */
export const isLeader = (u: SessionUser | null) => hasRole(u, 'pimpinan');
export const canReadAudit = (u: SessionUser | null) => hasRole(u, 'inspektorat', 'admin', 'superadmin');

export interface NavItem {
  to: string;
  label: MessageKey;
  /** Short description on the home page. */
  summary: MessageKey;
}

const ITEMS: Array<NavItem & { show(u: SessionUser): boolean }> = [
  { to: '/meja', label: 'web.nav.desk', summary: 'web.home.desk', show: (u) => hasRole(u, 'verifikator') },
  { to: '/kotak-masuk', label: 'web.nav.opdInbox', summary: 'web.home.opdInbox', show: isOpdStaff },
  { to: '/eskalasi', label: 'web.nav.escalations', summary: 'web.home.escalations', show: isLeader },
  { to: '/organisation', label: 'web.nav.organisation', summary: 'web.home.organisation', show: isStaff },
  { to: '/standar', label: 'standards.web.navLabel', summary: 'standards.web.navSummary', show: isStaff },
  { to: '/skm', label: 'skmWeb.nav', summary: 'skmWeb.navSummary', show: (u) => hasRole(u, 'operator_opd', 'kepala_opd', 'pimpinan', 'inspektorat', 'admin', 'superadmin') },
  { to: '/kepatuhan', label: 'compliance.nav', summary: 'compliance.navSummary', show: (u) => hasRole(u, 'operator_opd', 'kepala_opd', 'pimpinan', 'inspektorat', 'admin', 'superadmin') },
  { to: '/pekppp', label: 'compliance.navPekppp', summary: 'compliance.navPekpppSummary', show: (u) => hasRole(u, 'operator_opd', 'kepala_opd', 'pimpinan', 'inspektorat', 'admin', 'superadmin') },
  { to: '/users', label: 'web.nav.users', summary: 'web.home.users', show: isAdmin },
  { to: '/tokens', label: 'web.nav.tokens', summary: 'web.home.tokens', show: isAdmin },
  { to: '/calendar', label: 'web.nav.calendar', summary: 'web.home.calendar', show: isAdmin },
  { to: '/tenggat', label: 'complaints.web.nav.deadlines', summary: 'complaints.web.nav.deadlinesSummary', show: isAdmin },
  { to: '/audit', label: 'web.nav.audit', summary: 'web.home.audit', show: canReadAudit },
  { to: '/tenants', label: 'web.nav.tenants', summary: 'web.home.tenants', show: isSuperadmin },
];

/** The navigation of a user, in menu order (the home link comes first, added by the shell). */
export function navFor(user: SessionUser): NavItem[] {
  return ITEMS.filter((i) => i.show(user)).map(({ show: _show, ...item }) => item);
}

/** The role a home page greets the user as: the most senior one they hold. */
const SENIORITY: Role[] = ['superadmin', 'admin', 'pimpinan', 'inspektorat', 'verifikator', 'kepala_opd', 'operator_opd', 'warga'];
export function primaryRole(user: SessionUser): Role | null {
  return SENIORITY.find((r) => user.roles.some((g) => g.role === r)) ?? null;
}

/**
 * May change the units and services of an OPD: an admin, or the OPD's own operator or
 * head (organisation/policy.ts 'unit.write', 'service.write').
 */
export function canWriteUnitsOf(u: SessionUser | null, opdId: string | null | undefined): boolean {
  if (isAdmin(u)) return true;
  return !!u && !!opdId && u.roles.some((g) => (g.role === 'operator_opd' || g.role === 'kepala_opd') && g.opdId === opdId);
}
