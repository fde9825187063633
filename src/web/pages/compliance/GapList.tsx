/**
 * "What is missing to reach hijau" (or the method's target band): indicators below their
 * maximum, the largest gain first, with the fixes that together reach the target marked ★,
 * and each gap's owner and due date (the OPD plans them at any status).
 */
import { useState } from 'react';
import { complianceApi, type TAssessmentDetail } from '../../api/compliance.js';
import { formatDate } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert } from '../../components/Alert.js';
import { formatScore } from './shared.js';

type Gap = TAssessmentDetail['gaps'][number];

export function GapList({ a, canPlan, onChange }: { a: TAssessmentDetail; canPlan: boolean; onChange(next: TAssessmentDetail): void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const target = a.target;

  async function plan(g: Gap, field: 'gapOwner' | 'gapDueDate', raw: string) {
    const value = raw.trim() || null;
    if ((field === 'gapOwner' ? g.owner : g.dueDate) === value) return;
    setError(null);
    try {
      onChange(await complianceApi.score(a.id, g.indicatorCode, { [field]: value }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby="cmp-gaps" className="section">
      <h2 id="cmp-gaps">{t('compliance.detail.gaps', { target: target?.label ?? '—' })}</h2>
      {target ? (
        <p>{target.pointsNeeded > 0 ? t('compliance.detail.gapsLead', { points: formatScore(target.pointsNeeded, locale) }) : t('compliance.detail.gapsReached', { target: target.label })}</p>
      ) : null}
      <ErrorAlert error={error} />
      {a.gaps.length === 0 ? <p className="empty">{t('compliance.detail.noGaps')}</p> : (
        <table className="table">
          <caption className="visually-hidden">{t('compliance.detail.gaps', { target: target?.label ?? '—' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compliance.detail.indicators')}</th>
              <th scope="col" className="num">{t('compliance.score')}</th>
              <th scope="col" className="num">{t('compliance.detail.gain')}</th>
              <th scope="col">{t('compliance.detail.owner')}</th>
              <th scope="col">{t('compliance.detail.due')}</th>
            </tr>
          </thead>
          <tbody>
            {a.gaps.map((g) => (
              <tr key={g.indicatorCode}>
                <td data-label={t('compliance.detail.indicators')}>
                  {g.reachesTarget ? <span aria-hidden="true">★ </span> : null}
                  <a href={`#ind-${g.indicatorCode}`} className="mono">{g.indicatorCode}</a> {g.text}
                </td>
                <td data-label={t('compliance.score')} className="num">{g.value ?? '—'} / {g.max}</td>
                <td data-label={t('compliance.detail.gain')} className="num">+{formatScore(g.gain, locale)}</td>
                <td data-label={t('compliance.detail.owner')}>
                  {canPlan
                    ? <input aria-label={t('compliance.detail.ownerOf', { code: g.indicatorCode })} defaultValue={g.owner ?? ''} maxLength={200} onBlur={(e) => void plan(g, 'gapOwner', e.target.value)} />
                    : g.owner ?? '—'}
                </td>
                <td data-label={t('compliance.detail.due')}>
                  {canPlan
                    ? <input type="date" aria-label={t('compliance.detail.dueOf', { code: g.indicatorCode })} defaultValue={g.dueDate ?? ''} onBlur={(e) => void plan(g, 'gapDueDate', e.target.value)} />
                    : g.dueDate ? formatDate(g.dueDate, locale) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
