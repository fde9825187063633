/**
 * /layanan/:serviceId — a service's public page: the published service-delivery
 * components (never drafts, never management components), the unit's maklumat, the
 * version history (older versions stay readable with ?versi=N), links to the complaint
 * form, the unit's satisfaction survey, the poster, and the consultation when one is open.
 */
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { catalogueApi } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Markup } from '../standards/Markup.js';
import { LevelBadge, SdView } from './SdView.js';

export function ServicePage() {
  const { t, locale } = useI18n();
  const { serviceId = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('versi') ? Number(params.get('versi')) : undefined;
  const page = useLoad(() => catalogueApi.service(serviceId, version), [serviceId, version]);
  const date = (s: string | null) => (s ? new Date(s).toLocaleDateString(locale === 'id' ? 'id-ID' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }) : '—');

  if (page.error) return <><PageHeader title={t('standards.web.serviceTitle')} back={<Link to="/layanan">{t('standards.web.backToCatalogue')}</Link>} /><ErrorAlert error={page.error} /></>;
  if (!page.data) return <Loading />;
  const s = page.data;
  const std = s.standard;
  return (
    <>
      <PageHeader title={s.name} lead={`${s.opdName} — ${s.unitName}`} back={<Link to="/layanan">{t('standards.web.backToCatalogue')}</Link>} />
      <div className="badges">
        <LevelBadge level={s.level} />
        {std ? <span className="badge badge--info">{t('standards.web.versionN', { n: std.version })}</span> : null}
        {std?.status === 'superseded' ? <span className="badge badge--warn">{t('standards.status.superseded')}</span> : null}
      </div>
      <p className="small muted">{t(`standards.level.${s.level}` as 'standards.level.0')}</p>
      {s.unitAddress ? <p className="small">{s.unitAddress}</p> : null}
      <div className="badges" style={{ margin: '1rem 0', gap: '0.5rem' }}>
        <Link className="btn btn--primary" to="/lapor">{t('standards.web.complain')}</Link>
        <Link className="btn" to={`/survei/${s.unitId}`}>{t('standards.web.survey')}</Link>
        <a className="btn" href={catalogueApi.posterUrl(s.serviceId)} target="_blank" rel="noopener noreferrer">{t('standards.web.poster')}</a>
      </div>
      {s.consultation?.open ? (
        <div className="alert alert--info">
          <p>{t('standards.web.consultationOpen', { end: date(s.consultation.end) })}</p>
          <Link className="btn btn--small" to={`/layanan/${s.serviceId}/konsultasi`}>{t('standards.web.giveComment')}</Link>
        </div>
      ) : null}
      {std ? (
        <>
          {std.decreeNumber ? <p className="small">{t('standards.web.decree', { number: std.decreeNumber, date: date(std.decreeDate) })}</p> : null}
          <SdView c={std.components} flowDiagramUrl={std.hasFlowDiagram ? catalogueApi.flowDiagramUrl(std.id) : null} />
        </>
      ) : <p className="alert alert--info">{t('standards.web.noPublished')}</p>}
      {s.maklumat ? (
        <section className="section card">
          <h2>{t('standards.poster.maklumat')}</h2>
          <Markup text={s.maklumat.body} />
          {s.maklumat.signerName ? <p><strong>{[s.maklumat.signerTitle, s.maklumat.signerName].filter(Boolean).join(', ')}</strong></p> : null}
        </section>
      ) : null}
      {s.versions.length > 1 ? (
        <section className="section">
          <h2>{t('standards.web.versions')}</h2>
          <ul className="plain-list">
            {s.versions.map((v) => (
              <li key={v.id}>
                <Link to={`/layanan/${s.serviceId}?versi=${v.version}`} aria-current={std?.version === v.version ? 'page' : undefined}>{t('standards.web.versionN', { n: v.version })}</Link>
                {' — '}{t(`standards.status.${v.status}` as 'standards.status.draft')}{v.decreeNumber ? `, ${v.decreeNumber}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
