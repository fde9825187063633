/**
 * CSV import of OPDs, units or services (admin). The server imports all rows or none; on
 * IMPORT_INVALID it lists every bad row, shown here as a table.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import type { ImportKind, ImportProblem } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, Notice } from '../../components/Alert.js';
import { TextAreaField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table } from '../../components/Table.js';
import { orgApi } from './orgApi.js';

const KINDS: ImportKind[] = ['opds', 'units', 'services'];
/** The server refuses larger bodies (organisation/routes.ts IMPORT_BODY_LIMIT); say so before sending. */
const MAX_BYTES = 5 * 1024 * 1024;

function problemsOf(err: unknown): ImportProblem[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID' || !Array.isArray(err.details)) return [];
  return (err.details as Array<Record<string, unknown>>).map((d) => ({
    row: Number(d.row),
    column: typeof d.column === 'string' ? d.column : null,
    message: String(d.message ?? ''),
  }));
}

export function ImportPage() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('opds');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [imported, setImported] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileId = useId();
  const problems = problemsOf(error);

  useEffect(() => {
    if (error || imported !== null) resultRef.current?.focus();
  }, [error, imported]);

  const kindLabel = (k: ImportKind) => t(`web.import.kind.${k}`);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setError(null);
    setImported(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(new Error(t('web.import.tooLarge')));
      return;
    }
    setFileName(file.name);
    setCsv(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setImported(null);
    if (!csv.trim()) {
      setError(new Error(t('web.import.emptyInput')));
      return;
    }
    setBusy(true);
    try {
      const res = await orgApi.importCsv(kind, csv);
      setImported(res.imported);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('web.import.title')} lead={t('web.import.lead')} back={<Link to="/organisation">{t('web.opd.backToList')}</Link>} />
      <form className="form card" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('web.import.kind')}</legend>
          {KINDS.map((k) => (
            <div className="check" key={k}>
              <input type="radio" id={`${fileId}-${k}`} name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`${fileId}-${k}`}>{kindLabel(k)}</label>
            </div>
          ))}
        </fieldset>
        <p className="hint">{t(`web.import.columns.${kind}`)}</p>
        <p>
          <a href={orgApi.templateUrl(kind)} download={`prima-${kind}.csv`}>{t('web.import.template', { kind: kindLabel(kind) })}</a>
        </p>
        <div className="field">
          <label htmlFor={fileId}>{t('web.import.file')}</label>
          <p className="hint" id={`${fileId}-hint`}>{t('web.import.fileHint')}</p>
          <input id={fileId} type="file" accept=".csv,text/csv" aria-describedby={`${fileId}-hint`} onChange={onFile} />
          {fileName ? <p className="muted small">{t('web.import.fileLoaded', { name: fileName })}</p> : null}
        </div>
        <TextAreaField label={t('web.import.paste')} hint={t('web.import.pasteHint')} rows={8} spellCheck={false} className="mono" value={csv} onChange={(e) => { setCsv(e.target.value); setFileName(null); }} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{busy ? t('web.import.busy') : t('web.import.submit')}</button>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} className="result">
        {imported !== null ? <Notice>{t('web.import.done', { count: imported, kind: kindLabel(kind) })}</Notice> : null}
        <ErrorAlert error={error} />
        {problems.length > 0 ? (
          <section aria-labelledby="import-problems" className="section">
            <h2 id="import-problems">{t('web.import.problemsTitle')}</h2>
            <Table
              caption={t('web.import.problemsTitle')}
              columns={[
                { header: t('web.import.row'), className: 'num', cell: (p: ImportProblem) => p.row },
                { header: t('web.import.column'), cell: (p: ImportProblem) => p.column ?? '—' },
                { header: t('web.import.problem'), cell: (p: ImportProblem) => p.message },
              ]}
              rows={problems}
              rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
