/**
 * The import form for a year's libur nasional and cuti bersama (POST
 * /calendar/national/import): a CSV file or pasted rows date,kind,name,legal_source. The
 * server stores all rows or none; on IMPORT_INVALID each bad row is listed with its column.
 * A tenant admin's list applies to the region only; a superadmin's to every region.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client.js';
import type { ImportNationalResult, ImportProblem } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { isSuperadmin } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import { ErrorAlert, Notice } from '../../components/Alert.js';
import { SelectField, TextAreaField } from '../../components/Field.js';
import { Table } from '../../components/Table.js';

/** The server refuses longer CSV text (schemas/calendar.ts NATIONAL_IMPORT_MAX_CSV): say so before sending. */
const MAX_BYTES = 100_000;

function problemsOf(err: unknown): ImportProblem[] {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID' || !Array.isArray(err.details)) return [];
  return (err.details as Array<Record<string, unknown>>).map((d) => ({
    row: Number(d.row),
    column: typeof d.column === 'string' ? d.column : null,
    message: String(d.message ?? ''),
  }));
}

interface Props {
  /** The year offered first: next year, the one usually missing. */
  defaultYear: number;
  onImported(result: ImportNationalResult): void;
}

export function ImportNational({ defaultYear, onImported }: Props) {
  const { t } = useI18n();
  const { user } = useSession();
  const [year, setYear] = useState(defaultYear);
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ImportNationalResult | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileId = useId();
  const problems = problemsOf(error);

  useEffect(() => setYear(defaultYear), [defaultYear]);
  useEffect(() => {
    if (error || done) resultRef.current?.focus();
  }, [error, done]);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setError(null);
    setDone(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(new Error(t('web.import.tooLarge')));
    setFileName(file.name);
    setCsv(await file.text());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!csv.trim()) return setError(new Error(t('calendar.web.importEmpty')));
    setBusy(true);
    try {
      const result = await api.post<ImportNationalResult>('/calendar/national/import', { year, csv });
      setDone(result);
      setCsv('');
      setFileName(null);
      onImported(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>{t(isSuperadmin(user) ? 'calendar.web.importLead.global' : 'calendar.web.importLead.tenant')}</p>
      <form className="form card" onSubmit={submit} noValidate>
        <SelectField label={t('calendar.web.importYear')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
          {[defaultYear - 1, defaultYear, defaultYear + 1].map((y) => <option key={y} value={y}>{y}</option>)}
        </SelectField>
        <div className="field">
          <label htmlFor={fileId}>{t('calendar.web.importFile')}</label>
          <p className="hint" id={`${fileId}-hint`}>{t('calendar.web.importFileHint')}</p>
          <input id={fileId} type="file" accept=".csv,text/csv" aria-describedby={`${fileId}-hint`} onChange={onFile} />
          {fileName ? <p className="muted small">{t('web.import.fileLoaded', { name: fileName })}</p> : null}
        </div>
        <TextAreaField
          label={t('calendar.web.importRows')}
          hint={t('calendar.web.importRowsHint')}
          rows={6}
          spellCheck={false}
          className="mono"
          value={csv}
          onChange={(e) => {
            setCsv(e.target.value);
            setFileName(null);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{busy ? t('calendar.web.importBusy') : t('calendar.web.importSubmit')}</button>
        </div>
      </form>
      <div ref={resultRef} tabIndex={-1} className="result">
        {done ? <Notice>{t('calendar.web.importDone', { count: done.imported, year: done.year })}</Notice> : null}
        <ErrorAlert error={error} />
        {problems.length > 0 ? (
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
        ) : null}
      </div>
    </>
  );
}
