/** Pieces shared by the compliance pages: result badges (text, never colour alone), who may do what. */
import type { SessionUser } from '../../api/types.js';
import type { TAssessmentSummary, Zone } from '../../api/compliance.js';
import type { T } from '../../app/i18n.js';
import { hasRole, isAdmin } from '../../app/roles.js';
import './compliance.css';

const ZONE_CLASS: Record<Zone, string> = { hijau: 'badge--ok', kuning: 'badge--warn', merah: 'badge--danger', hitam: 'badge--black' };

/** "B · Tinggi · Hijau" as a badge coloured by the zone (the words carry the meaning). */
export function ResultBadge({ grade, zone, label, t }: { grade: string | null; zone: Zone | null; label: string | null; t: T }) {
  const parts = [grade, label, zone ? t(`compliance.zone.${zone}`) : null].filter(Boolean);
  if (!parts.length) return <span className="badge badge--muted">—</span>;
  return <span className={`badge ${zone ? ZONE_CLASS[zone] : 'badge--info'}`}>{parts.join(' · ')}</span>;
}

export function StatusBadge({ status, t }: { status: TAssessmentSummary['status']; t: T }) {
  const cls = status === 'verified' ? 'badge--ok' : status === 'submitted' ? 'badge--info' : 'badge--muted';
  return <span className={`badge ${cls}`}>{t(`compliance.status.${status}`)}</span>;
}

/** Scores: two decimals, in the user's locale (Ombudsman 0–100, PEKPPP index 1–5). */
export function formatScore(n: number, locale: string): string {
  return n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Percentages (weights) with up to two decimals in the user's locale. */
export function formatPct(n: number, locale: string): string {
  return `${n.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 })} %`;
}

/** Sees every assessment of the tenant (the roll-up is the tenant's), not only their own OPD's. */
export const seesAll = (u: SessionUser | null) => hasRole(u, 'inspektorat', 'pimpinan', 'admin', 'superadmin');

/** May score the assessments of this OPD (the server decides; this only decides what to offer). */
export function canEditOpd(u: SessionUser | null, opdId: string): boolean {
  if (isAdmin(u)) return true;
  return !!u && u.roles.some((g) => (g.role === 'operator_opd' || g.role === 'kepala_opd') && g.opdId === opdId);
}
export const canVerify = (u: SessionUser | null) => hasRole(u, 'inspektorat', 'admin', 'superadmin');
export const canSeeCompliance = (u: SessionUser | null) => hasRole(u, 'operator_opd', 'kepala_opd', 'inspektorat', 'pimpinan', 'admin', 'superadmin');
export const canCreateAny = (u: SessionUser | null) => hasRole(u, 'operator_opd', 'kepala_opd', 'admin', 'superadmin');
