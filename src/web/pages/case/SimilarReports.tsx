/**
 * Possible duplicates for the desk (GET /complaints/:id/similar): open reports of the same
 * category and kecamatan with similar words. Merging moves this report's reporters to the
 * other one, which then counts them all (the public page says how many reported it).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { complaintsApi, type StaffComplaint } from '../../api/complaints.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ComplaintStatusBadge } from './parts.js';

const MERGEABLE = ['received', 'held', 'verified', 'routed', 'accepted', 'in_progress'];

export function SimilarReports({ complaint, timeZone, onMerged }: { complaint: StaffComplaint; timeZone?: string; onMerged(msg: string): void }) {
  const { t, locale } = useI18n();
  const similar = useLoad(() => complaintsApi.similar(complaint.id), [complaint.id, complaint.status]);
  const [error, setError] = useState<unknown>(null);
  const canMerge = MERGEABLE.includes(complaint.status);
  return (
    <section className="card" aria-labelledby="case-similar">
      <h2 id="case-similar">{t('web.case.similar')}</h2>
      <ErrorAlert error={error ?? similar.error} />
      {similar.data ? (
        similar.data.items.length === 0 ? (
          <p className="muted">{t('web.case.similarNone')}</p>
        ) : (
          <ul className="plain-list similar-list">
            {similar.data.items.map((s) => (
              <li key={s.id}>
                <p><Link to={`/pengaduan/${s.id}`} className="mono">{s.trackingCode}</Link> <ComplaintStatusBadge status={s.status} /></p>
                <p className="break">{s.title}</p>
                <p className="small muted">{formatDateTime(s.receivedAt, locale, timeZone)} · {t('web.track.reportersCount', { count: s.reporterCount })}</p>
                {canMerge ? (
                  <ConfirmButton
                    label={t('web.case.mergeInto', { code: s.trackingCode })}
                    confirmLabel={t('web.case.mergeConfirm')}
                    onConfirm={async () => {
                      setError(null);
                      try {
                        await complaintsApi.merge(complaint.id, s.id);
                        onMerged(t('web.case.merged', { code: s.trackingCode }));
                      } catch (err) {
                        setError(err);
                      }
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : similar.error ? null : <Loading />}
    </section>
  );
}
