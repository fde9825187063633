/**
 * The follow-up plan of a period (rencana tindak lanjut, issue #4): an action per weak
 * unsur with owner, due date and status, and evidence files (checked by content on the
 * server). Overdue items are marked here and reminded by a job.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { FOLLOWUP_STATUSES, skmApi, type Followup, type FollowupStatus, type Period } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { Table } from '../../components/Table.js';
import { fmt, fmtDate } from './format.js';

export interface UnsurChoice {
  key: string;
  name: string;
  value?: number | null;
}

function EvidenceUpload({ item, onDone, onError }: { item: Followup; onDone(): void; onError(e: unknown): void }) {
  const { t } = useI18n();
  const id = useId();
  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      await skmApi.addEvidence(item.id, file);
      onDone();
    } catch (err) {
      onError(err);
    } finally {
      e.target.value = '';
    }
  }
  return (
    <span className="field">
      <label htmlFor={id} className="small">{t('skmWeb.followup.addEvidence')}<span className="visually-hidden">: {t('skmWeb.followup.evidenceFor', { action: item.action })}</span></label>
      <input id={id} type="file" accept="image/jpeg,image/png,image/webp,application/pdf" onChange={pick} />
    </span>
  );
}

export function FollowupSection({ period, unsur, canManage }: { period: Period; unsur: UnsurChoice[]; canManage: boolean }) {
  const { t, locale } = useI18n();
  const list = useLoad(() => skmApi.followups(period.id), [period.id]);
  const weakestFirst = [...unsur].sort((a, b) => (a.value ?? 5) - (b.value ?? 5));
  const [unsurKey, setUnsurKey] = useState('');
  const [action, setAction] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);
  const chosen = unsurKey || weakestFirst[0]?.key || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFlash(null);
    try {
      await skmApi.createFollowup(period.id, { unsurKey: chosen, action: action.trim(), owner: owner.trim(), dueOn });
      setAction('');
      setFlash(t('skmWeb.followup.added'));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function setStatus(item: Followup, status: FollowupStatus) {
    setError(null);
    setFlash(null);
    try {
      await skmApi.patchFollowup(item.id, { status });
      setFlash(t('skmWeb.followup.saved'));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  const items = list.data?.items ?? [];
  const done = items.filter((i) => i.status === 'done').length;
  return (
    <section className="section" aria-labelledby="skm-followup">
      <h2 id="skm-followup">{t('skmWeb.followup.title')}</h2>
      <p className="muted">{t('skmWeb.followup.lead')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {flash ? <Notice>{flash}</Notice> : null}
      <ErrorAlert error={error} />
      {list.data ? (
        <>
          {items.length ? <p>{t('skmWeb.followup.doneShare', { done, total: items.length })}{list.data.donePercent !== null ? ` (${fmt(locale, list.data.donePercent, 0)}%)` : ''}</p> : null}
          <Table
            caption={t('skmWeb.followup.title')}
            columns={[
              { header: t('skmWeb.followup.unsur'), cell: (f: Followup) => f.unsurName },
              { header: t('skmWeb.followup.action'), cell: (f: Followup) => <span className="pre-wrap">{f.action}</span> },
              { header: t('skmWeb.followup.owner'), cell: (f: Followup) => f.owner },
              {
                header: t('skmWeb.followup.due'),
                cell: (f: Followup) => <>{fmtDate(locale, f.dueOn)}{f.overdue ? <> <span className="badge badge--danger">{t('skmWeb.followup.overdue')}</span></> : null}</>,
              },
              {
                header: t('skmWeb.followup.status'),
                cell: (f: Followup) => canManage ? (
                  <select aria-label={t('skmWeb.followup.statusOf', { action: f.action })} value={f.status} onChange={(e) => void setStatus(f, e.target.value as FollowupStatus)}>
                    {FOLLOWUP_STATUSES.map((s) => <option key={s} value={s}>{t(`skmWeb.followup.status.${s}`)}</option>)}
                  </select>
                ) : t(`skmWeb.followup.status.${f.status}`),
              },
              {
                header: t('skmWeb.followup.evidence'),
                cell: (f: Followup) => (
                  <div className="stack">
                    {f.evidence.length ? (
                      <ul className="plain-list">
                        {f.evidence.map((ev) => <li key={ev.id}><a href={ev.url} target="_blank" rel="noopener">{ev.filename}</a></li>)}
                      </ul>
                    ) : null}
                    {canManage ? <EvidenceUpload item={f} onDone={() => { setFlash(t('skmWeb.followup.evidenceAdded')); list.reload(); }} onError={setError} /> : null}
                  </div>
                ),
              },
            ]}
            rows={items}
            rowKey={(f) => f.id}
            empty={t('skmWeb.followup.empty')}
          />
        </>
      ) : null}
      {canManage && unsur.length ? (
        <form className="form card section" onSubmit={submit} noValidate aria-labelledby="skm-followup-add">
          <h3 id="skm-followup-add">{t('skmWeb.followup.add')}</h3>
          <SelectField label={t('skmWeb.followup.unsur')} value={chosen} onChange={(e) => setUnsurKey(e.target.value)} error={fields.unsurKey}>
            {weakestFirst.map((u) => <option key={u.key} value={u.key}>{u.name}{u.value != null ? ` (${fmt(locale, u.value, 2)})` : ''}</option>)}
          </SelectField>
          <TextAreaField label={t('skmWeb.followup.action')} required rows={2} value={action} onChange={(e) => setAction(e.target.value)} error={fields.action} />
          <div className="grid-2">
            <TextField label={t('skmWeb.followup.owner')} required value={owner} onChange={(e) => setOwner(e.target.value)} error={fields.owner} />
            <TextField label={t('skmWeb.followup.due')} type="date" required value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fields.dueOn} />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn--primary">{t('skmWeb.followup.add')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
