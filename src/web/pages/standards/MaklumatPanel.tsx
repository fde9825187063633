/** The maklumat pelayanan of the unit: its versions, editing the draft, establish/publish/revise. */
import { useState } from 'react';
import { standardsApi } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert } from '../../components/Alert.js';
import { TextAreaField, TextField } from '../../components/Field.js';
import { Markup } from './Markup.js';

export function MaklumatPanel({ unitId, unitName, canWrite }: { unitId: string; unitName: string; canWrite: boolean }) {
  const { t } = useI18n();
  const list = useLoad(() => standardsApi.maklumat({ unitId }), [unitId]);
  const [error, setError] = useState<unknown>(null);
  const [edit, setEdit] = useState<{ body: string; signerName: string; signerTitle: string } | null>(null);
  const items = list.data?.items ?? [];
  const current = items[0] ?? null;

  async function call(fn: () => Promise<unknown>) {
    setError(null);
    try {
      await fn();
      setEdit(null);
      list.reload();
    } catch (err) {
      setError(err);
    }
  }
  const isDraft = current?.status === 'draft';
  return (
    <section className="section card" aria-labelledby="maklumat-h">
      <h2 id="maklumat-h">{t('standards.web.maklumatTitle', { unit: unitName })}</h2>
      <ErrorAlert error={error ?? list.error} />
      {current ? (
        <>
          <p className="badges"><span className="badge badge--info">{t('standards.web.versionN', { n: current.version })}</span> <span className="badge badge--muted">{t(`standards.status.${current.status}` as 'standards.status.draft')}</span></p>
          {current.body ? <Markup text={current.body} /> : <p className="empty">{t('standards.web.notSet')}</p>}
          <p className="small">{[current.signerTitle, current.signerName].filter(Boolean).join(', ') || '—'}</p>
        </>
      ) : <p className="empty">{t('standards.web.noMaklumat')}</p>}
      {canWrite && isDraft && edit ? (
        <div className="form">
          <TextAreaField label={t('standards.field.body')} hint={t('standards.web.richHint')} rows={5} value={edit.body} onChange={(e) => setEdit({ ...edit, body: e.target.value })} />
          <TextField label={t('standards.field.signerName')} value={edit.signerName} onChange={(e) => setEdit({ ...edit, signerName: e.target.value })} />
          <TextField label={t('standards.field.signerTitle')} value={edit.signerTitle} onChange={(e) => setEdit({ ...edit, signerTitle: e.target.value })} />
          <button type="button" className="btn btn--primary" onClick={() => call(() => standardsApi.patchMaklumat(current!.id, { body: edit.body, ...(edit.signerName.trim() ? { signerName: edit.signerName } : {}), ...(edit.signerTitle.trim() ? { signerTitle: edit.signerTitle } : {}) }))}>{t('standards.web.save')}</button>
        </div>
      ) : null}
      <div className="badges" style={{ margin: '0.75rem 0', gap: '0.5rem' }}>
        {canWrite && !current ? <button type="button" className="btn" onClick={() => call(() => standardsApi.createMaklumat({ unitId }))}>{t('standards.web.startMaklumat')}</button> : null}
        {canWrite && isDraft && !edit ? <button type="button" className="btn" onClick={() => setEdit({ body: current!.body, signerName: current!.signerName ?? '', signerTitle: current!.signerTitle ?? '' })}>{t('standards.web.edit')}</button> : null}
        {current?.allowedActions.map((a) => (
          <button key={a} type="button" className="btn" onClick={() => call(() => standardsApi.actMaklumat(current.id, a as 'establish' | 'publish' | 'revise'))}>{t(`standards.action.${a}` as 'standards.action.publish')}</button>
        ))}
      </div>
    </section>
  );
}
