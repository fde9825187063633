/** Pieces shared by the organisation pages. */
import { useState } from 'react';
import type { T } from '../../app/i18n.js';
import { useI18n } from '../../app/i18n.js';
import type { OpdType, Region } from '../../api/types.js';

export function opdTypeLabel(type: OpdType | string, t: T): string {
  switch (type) {
    case 'dinas': return t('web.opdType.dinas');
    case 'badan': return t('web.opdType.badan');
    case 'kecamatan': return t('web.opdType.kecamatan');
    case 'kelurahan': return t('web.opdType.kelurahan');
    case 'rsud': return t('web.opdType.rsud');
    case 'puskesmas': return t('web.opdType.puskesmas');
    case 'sekretariat': return t('web.opdType.sekretariat');
    case 'inspektorat': return t('web.opdType.inspektorat');
    case 'bagian': return t('web.opdType.bagian');
    case 'kantor': return t('web.opdType.kantor');
    case 'lainnya': return t('web.opdType.lainnya');
    default: return type;
  }
}

/**
 * Deactivate / activate. Deactivating is reversible (nothing is deleted, history stays),
 * so it needs no confirmation step.
 */
export function ActiveToggle({ active, name, onToggle, onDone, onError }: { active: boolean; name: string; onToggle(isActive: boolean): Promise<unknown>; onDone(): void; onError(e: unknown): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={`btn btn--small ${active ? 'btn--danger-outline' : ''}`}
      disabled={busy}
      aria-label={active ? t('web.action.deactivateNamed', { name }) : t('web.action.activateNamed', { name })}
      onClick={async () => {
        setBusy(true);
        onError(null);
        try {
          await onToggle(!active);
          onDone();
        } catch (e) {
          onError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {active ? t('web.action.deactivate') : t('web.action.activate')}
    </button>
  );
}

/** Region options grouped by kecamatan: the kecamatan itself, then its desa/kelurahan. */
export function RegionOptions({ regions, current }: { regions: Region[]; current?: string }) {
  const kecamatan = regions.filter((r) => r.level === 'kecamatan').sort((a, b) => a.code.localeCompare(b.code));
  // Keep a saved code selectable even when the region list could not be loaded.
  const orphan = current && !regions.some((r) => r.code === current) ? current : null;
  return (
    <>
      {orphan ? <option value={orphan}>{orphan}</option> : null}
      {kecamatan.map((k) => (
        <optgroup key={k.code} label={k.name}>
          <option value={k.code}>{k.name} ({k.code})</option>
          {regions
            .filter((r) => r.parentCode === k.code)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((r) => (
              <option key={r.code} value={r.code}>{r.name} ({r.code})</option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
