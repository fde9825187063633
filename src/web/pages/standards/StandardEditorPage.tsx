/**
 * /standar/:id — one version of a standard: status, level, what is still missing, the 14
 * components (editable in draft), uploads (signed decree PDF, flow diagram), the life-cycle
 * steps, consultation comments to answer, the versions, and the unit's maklumat.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { M_KEYS, type ComponentKey } from '../../../shared/schemas/standards.js';
import { standardsApi, type Standard } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LevelBadge, SdView } from '../catalogue/SdView.js';
import { ActionsPanel } from './ActionsPanel.js';
import { CommentsPanel } from './CommentsPanel.js';
import { ComponentsForm } from './ComponentsForm.js';
import { MaklumatPanel } from './MaklumatPanel.js';
import { Markup } from './Markup.js';

export function StandardEditorPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const page = useLoad(() => standardsApi.get(id), [id]);
  const [saved, setSaved] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [fresh, setFresh] = useState<Standard | null>(null);
  const s = fresh?.id === id ? fresh : page.data;

  if (page.error) return <><PageHeader title={t('standards.web.staffTitle')} back={<Link to="/standar">{t('standards.web.backToList')}</Link>} /><ErrorAlert error={page.error} /></>;
  if (!s) return <Loading />;
  const canWrite = canWriteUnitsOf(user, s.opdId);
  const update = (next: Standard, message?: string) => {
    setSaved(message ?? null);
    if (next.id !== s.id) navigate(`/standar/${next.id}`);
    setFresh(next);
  };
  async function upload(which: 'signed-pdf' | 'flow-diagram', file: File | undefined) {
    if (!file) return;
    setUploadError(null);
    try {
      update(await standardsApi.upload(s!.id, which, file), t('standards.web.uploaded'));
    } catch (err) {
      setUploadError(err);
    }
  }

  return (
    <>
      <PageHeader title={s.serviceName} lead={`${s.opdName} — ${s.unitName}`} back={<Link to="/standar">{t('standards.web.backToList')}</Link>}
        actions={<Link className="btn" to={`/layanan/${s.serviceId}`}>{t('standards.web.publicPage')}</Link>} />
      <div className="badges">
        <span className="badge badge--info" data-testid="standard-status">{t(`standards.status.${s.status}` as 'standards.status.draft')}</span>
        <span className="badge badge--muted">{t('standards.web.versionN', { n: s.version })}</span>
        <LevelBadge level={s.level} />
      </div>
      {saved ? <Notice>{saved}</Notice> : null}
      {s.missing.length ? <p className="alert alert--info">{t('standards.web.missing', { fields: s.missing.map((k) => t(`standards.component.${k as ComponentKey}`)).join(', ') })}</p> : null}
      {s.decreeNumber ? <p className="small">{t('standards.web.decree', { number: s.decreeNumber, date: s.decreeDate ?? '' })} — {s.decreeSigner}</p> : null}

      <ActionsPanel s={s} onDone={(next) => update(next, t('standards.web.stepDone'))} />

      {s.canEdit ? (
        <>
          <section className="section card" aria-labelledby="files-h">
            <h2 id="files-h">{t('standards.web.files')}</h2>
            <ErrorAlert error={uploadError} />
            <div className="field">
              <label htmlFor="signed-pdf">{t('standards.field.signedPdf')}</label>
              <input id="signed-pdf" type="file" accept="application/pdf" onChange={(e) => upload('signed-pdf', e.target.files?.[0])} />
              <p className="hint">{s.hasSignedPdf ? t('standards.web.fileThere') : t('standards.web.fileMissing')}</p>
            </div>
            <div className="field">
              <label htmlFor="flow-diagram">{t('standards.web.flowDiagram')}</label>
              <input id="flow-diagram" type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => upload('flow-diagram', e.target.files?.[0])} />
              <p className="hint">{s.hasFlowDiagram ? t('standards.web.fileThere') : t('standards.web.fileMissing')}</p>
            </div>
          </section>
          <section className="section">
            <h2>{t('standards.web.componentsTitle')}</h2>
            <ComponentsForm key={`${s.id}-${s.version}`} initial={s.components} missing={s.missing} onSave={async (c) => update(await standardsApi.patch(s.id, c), t('standards.web.savedMsg'))} />
          </section>
        </>
      ) : (
        <section className="section">
          <h2>{t('standards.web.componentsTitle')}</h2>
          {s.hasSignedPdf ? <p><a href={standardsApi.fileUrl(s.id, 'signed-pdf')} target="_blank" rel="noopener noreferrer">{t('standards.field.signedPdf')}</a></p> : null}
          <SdView c={s.components} headingLevel={3} flowDiagramUrl={s.hasFlowDiagram ? standardsApi.fileUrl(s.id, 'flow-diagram') : null} />
          {M_KEYS.map((k) => (
            <div key={k}>
              <h3>{t(`standards.component.${k}`)}</h3>
              {s.components[k] ? <Markup text={s.components[k] as string} /> : <p className="empty">{t('standards.web.notSet')}</p>}
            </div>
          ))}
        </section>
      )}

      <CommentsPanel s={s} canAnswer={canWrite} onChange={() => { setFresh(null); page.reload(); }} />

      <section className="section">
        <h2>{t('standards.web.versions')}</h2>
        <ul className="plain-list">
          {s.versions.map((v) => (
            <li key={v.id}>
              {v.id === s.id ? <strong>{t('standards.web.versionN', { n: v.version })}</strong> : <Link to={`/standar/${v.id}`}>{t('standards.web.versionN', { n: v.version })}</Link>}
              {' — '}{t(`standards.status.${v.status}` as 'standards.status.draft')}{v.decreeNumber ? `, ${v.decreeNumber}` : ''}
            </li>
          ))}
        </ul>
      </section>

      <MaklumatPanel unitId={s.unitId} unitName={s.unitName} canWrite={canWrite} />
    </>
  );
}
