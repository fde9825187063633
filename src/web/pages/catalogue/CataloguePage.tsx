/**
 * /layanan — the public service catalogue: every active service of every OPD, searchable
 * (Indonesian full text on the server), filtered by OPD, with the availability level and,
 * when a standard is published, its time limit and whether it is free.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { catalogueApi } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LevelBadge } from './SdView.js';

const PAGE = 30;

export function CataloguePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const opdId = params.get('opd') ?? '';
  const page = Math.max(0, Number(params.get('hal') ?? '0') || 0);
  const [text, setText] = useState(q);
  const opds = useLoad(() => catalogueApi.opds(), []);
  const list = useLoad(() => catalogueApi.search({ q: q || undefined, opdId: opdId || undefined, limit: PAGE, offset: page * PAGE }), [q, opdId, page]);

  const set = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) (v ? p.set(k, v) : p.delete(k));
    setParams(p);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    set({ q: text.trim(), hal: '' });
  };

  return (
    <>
      <PageHeader title={t('standards.web.catalogueTitle')} lead={t('standards.web.catalogueLead')} />
      <form className="filters" role="search" onSubmit={search}>
        <TextField label={t('standards.web.search')} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('standards.web.searchPlaceholder')} />
        <SelectField label={t('standards.web.opd')} value={opdId} onChange={(e) => set({ opd: e.target.value, hal: '' })}>
          <option value="">{t('standards.web.allOpds')}</option>
          {(opds.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
        <div className="form-actions"><button className="btn btn--primary" type="submit">{t('standards.web.searchButton')}</button></div>
      </form>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <p className="muted" role="status">{t('standards.web.found', { n: list.data.total })}</p>
          {list.data.items.length === 0 ? <p className="empty">{t('standards.web.noResults')}</p> : (
            <ul className="cards">
              {list.data.items.map((s) => (
                <li key={s.serviceId} className="card">
                  <h2 style={{ fontSize: '1.1rem', margin: '0 0 0.35rem' }}><Link to={`/layanan/${s.serviceId}`}>{s.name}</Link></h2>
                  <p>{s.opdName}</p>
                  <p className="small">{s.unitName}</p>
                  <div className="badges" style={{ marginTop: '0.5rem' }}>
                    <LevelBadge level={s.level} />
                    {s.timeLimit ? <span className="badge badge--muted">{t(`standards.timeUnit.${s.timeLimit.unit}`, { n: s.timeLimit.value })}</span> : null}
                    {s.free ? <span className="badge badge--ok">{t('standards.free')}</span> : null}
                    {!s.published ? <span className="badge badge--muted">{t('standards.web.noStandardYet')}</span> : null}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {list.data.total > PAGE ? (
            <nav className="pager" aria-label={t('standards.web.pages')}>
              {page > 0 ? <button type="button" className="btn btn--small" onClick={() => set({ hal: String(page - 1) })}>{t('standards.web.prev')}</button> : null}
              <span>{t('standards.web.pageOf', { n: page + 1, of: Math.ceil(list.data.total / PAGE) })}</span>
              {(page + 1) * PAGE < list.data.total ? <button type="button" className="btn btn--small" onClick={() => set({ hal: String(page + 1) })}>{t('standards.web.next')}</button> : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </>
  );
}
