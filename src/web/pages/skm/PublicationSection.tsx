/**
 * Where and when a period's results were published (issue #4). KemenPANRB counts the
 * channels; a period with a record appears on the public /ikm page.
 */
import { useState, type FormEvent } from 'react';
import { CHANNELS, skmApi, type Channel, type Period } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { Table } from '../../components/Table.js';
import { fmtDate } from './format.js';

const today = () => new Date().toISOString().slice(0, 10);

export function PublicationSection({ period, canManage, onChange }: { period: Period; canManage: boolean; onChange(): void }) {
  const { t, locale } = useI18n();
  const list = useLoad(() => skmApi.publications(period.id), [period.id]);
  const [channel, setChannel] = useState<Channel>('website');
  const [publishedOn, setPublishedOn] = useState(today());
  const [url, setUrl] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFlash(null);
    try {
      await skmApi.createPublication(period.id, { channel, publishedOn, url: url.trim() || null, notes: notes.trim() || null });
      setUrl('');
      setNotes('');
      setFlash(t('skmWeb.pub.added'));
      list.reload();
      onChange();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="section" aria-labelledby="skm-pub">
      <h2 id="skm-pub">{t('skmWeb.pub.title')}</h2>
      <p className="muted">{t('skmWeb.pub.lead')}</p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {list.data ? (
        <>
          {list.data.items.length ? <p>{t('skmWeb.pub.channels', { count: list.data.channels })}</p> : null}
          <Table
            caption={t('skmWeb.pub.title')}
            columns={[
              { header: t('skmWeb.pub.channel'), cell: (p) => t(`skmWeb.pub.channel.${p.channel}`) },
              { header: t('skmWeb.pub.date'), cell: (p) => fmtDate(locale, p.publishedOn) },
              { header: t('skmWeb.pub.url'), cell: (p) => (p.url ? <a className="break" href={p.url} rel="noopener noreferrer" target="_blank">{p.url}</a> : '—') },
              { header: t('skmWeb.pub.notes'), cell: (p) => p.notes ?? '—' },
            ]}
            rows={list.data.items}
            rowKey={(p) => p.id}
            empty={t('skmWeb.pub.empty')}
          />
        </>
      ) : null}
      {canManage ? (
        <form className="form card section" onSubmit={submit} noValidate>
          {flash ? <Notice>{flash}</Notice> : null}
          <ErrorAlert error={error} />
          <div className="grid-2">
            <SelectField label={t('skmWeb.pub.channel')} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} error={fields.channel}>
              {CHANNELS.map((c) => <option key={c} value={c}>{t(`skmWeb.pub.channel.${c}`)}</option>)}
            </SelectField>
            <TextField label={t('skmWeb.pub.date')} type="date" required value={publishedOn} onChange={(e) => setPublishedOn(e.target.value)} error={fields.publishedOn} />
          </div>
          <TextField label={t('skmWeb.pub.url')} type="url" inputMode="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} error={fields.url} />
          <TextAreaField label={t('skmWeb.pub.notes')} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={fields.notes} />
          <div className="form-actions">
            <button type="submit" className="btn btn--primary">{t('skmWeb.pub.add')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
