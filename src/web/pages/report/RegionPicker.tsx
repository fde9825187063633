/** Kecamatan, then desa/kelurahan, from the tenant's own regions (GET /regions, public). */
import type { Items, Region } from '../../api/types.js';
import { complaintsApi } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { SelectField } from '../../components/Field.js';

export function RegionPicker({ kecamatan, village, onChange, error }: { kecamatan: string; village: string; onChange(kecamatan: string, village: string): void; error?: string }) {
  const { t } = useI18n();
  const kecs = useLoad<Items<Region>>(() => complaintsApi.kecamatan(), []);
  const villages = useLoad<Items<Region> | null>(() => (kecamatan ? complaintsApi.villages(kecamatan) : Promise.resolve(null)), [kecamatan]);
  const byName = (a: Region, b: Region) => a.name.localeCompare(b.name, 'id');
  return (
    <div className="grid-2">
      <SelectField label={t('web.report.kecamatan')} value={kecamatan} error={error} onChange={(e) => onChange(e.target.value, '')} disabled={!kecs.data}>
        <option value="">{kecs.error ? t('web.report.regionsUnavailable') : t('web.report.choose')}</option>
        {(kecs.data?.items ?? []).slice().sort(byName).map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
      </SelectField>
      <SelectField label={t('web.report.village')} value={village} onChange={(e) => onChange(kecamatan, e.target.value)} disabled={!kecamatan || !villages.data}>
        <option value="">{kecamatan ? t('web.report.choose') : t('web.report.chooseKecamatanFirst')}</option>
        {(villages.data?.items ?? []).slice().sort(byName).map((r) => (
          <option key={r.code} value={r.code}>{r.level === 'kelurahan' ? t('web.report.kelurahanName', { name: r.name }) : t('web.report.desaName', { name: r.name })}</option>
        ))}
      </SelectField>
    </div>
  );
}
