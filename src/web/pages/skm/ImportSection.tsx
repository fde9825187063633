/**
 * Paper forms into a period (issue #4): download the CSV/XLSX template, fill it, upload
 * it. The server imports every row or none; on IMPORT_INVALID each bad row is listed
 * with its column and why.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { skmApi, type ImportRowError, type Period } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, Notice } from '../../components/Alert.js';
import { Table } from '../../components/Table.js';

function rowErrors(err: unknown): ImportRowError[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID' || !Array.isArray(err.details)) return [];
  return (err.details as Array<Record<string, unknown>>).map((d) => ({ row: Number(d.row), column: String(d.column ?? ''), message: String(d.message ?? '') }));
}

export function ImportSection({ period, onImported }: { period: Period; onImported(): void }) {
  const { t } = useI18n();
  const fileId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = rowErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const file = input.current?.files?.[0];
    if (!file) return setError(new Error(t('skmWeb.import.noFile')));
    setBusy(true);
    try {
      const res = await skmApi.importFile(period.id, file);
      setDone(res.imported);
      if (input.current) input.current.value = '';
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="section" aria-labelledby="skm-import">
      <h2 id="skm-import">{t('skmWeb.import.title')}</h2>
      <p className="muted">{t('skmWeb.import.lead')}</p>
      <p className="actions">
        <a className="btn btn--small" href={skmApi.templateUrl(period.id, 'csv')} download>{t('skmWeb.import.templateCsv')}</a>
        <a className="btn btn--small" href={skmApi.templateUrl(period.id, 'xlsx')} download>{t('skmWeb.import.templateXlsx')}</a>
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={fileId}>{t('skmWeb.import.file')}</label>
          <input id={fileId} ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{busy ? t('skmWeb.import.busy') : t('skmWeb.import.submit')}</button>
        </div>
      </form>
      <div aria-live="polite">
        {done !== null ? <Notice>{t('skmWeb.import.done', { count: done, label: period.label })}</Notice> : null}
      </div>
      <ErrorAlert error={error} />
      {problems.length ? (
        <>
          <h3>{t('skmWeb.import.problems')}</h3>
          <Table
            caption={t('skmWeb.import.problems')}
            columns={[
              { header: t('web.import.row'), className: 'num', cell: (p: ImportRowError) => p.row },
              { header: t('web.import.column'), cell: (p: ImportRowError) => p.column || '—' },
              { header: t('web.import.problem'), cell: (p: ImportRowError) => p.message },
            ]}
            rows={problems}
            rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
          />
        </>
      ) : null}
    </section>
  );
}
