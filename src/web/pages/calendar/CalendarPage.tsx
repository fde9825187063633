/**
 * The working-day calendar of a year (admin): national holidays and cuti bersama (read
 * only, with their legal source and where they come from), the import form that loads a
 * year's list, and the tenant's own days off, which an admin adds and deletes. A 'masuk'
 * day marks a unit that stays open on a cuti bersama day. From 1 October, while next
 * year is not loaded, a notice at the top links to the import form (`#impor`, also the
 * target of the admins' e-mail).
 */
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { api } from '../../api/client.js';
import type { CalendarStatus, DayOff, Items, NationalDay } from '../../api/types.js';
import { formatDate } from '../../app/format.js';
import { useI18n, type T } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';
import { orgApi } from '../organisation/orgApi.js';
import { ImportNational } from './ImportNational.js';

/** The id of the import section: the notice's link and the e-mail's link (notifications LINK_PATHS.calendarImport) point here. */
export const IMPORT_ANCHOR = 'impor';

function kindLabel(kind: string, t: T): string {
  switch (kind) {
    case 'libur_nasional': return t('web.calendar.kind.libur_nasional');
    case 'cuti_bersama': return t('web.calendar.kind.cuti_bersama');
    case 'libur': return t('web.calendar.kind.libur');
    case 'masuk': return t('web.calendar.kind.masuk');
    default: return kind;
  }
}

const EMPTY = { date: '', kind: 'libur' as 'libur' | 'masuk', unitId: '', name: '', legalSource: '' };

export function CalendarPage() {
  const { t, locale } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const national = useLoad(() => api.get<Items<NationalDay>>('/calendar/national', { year }), [year]);
  const status = useLoad(() => api.get<CalendarStatus>('/calendar/status'), []);
  const importHeading = useRef<HTMLHeadingElement>(null);
  // Around this year by the browser's clock, plus the server's next year and the year shown
  // (after an import), should the two clocks disagree.
  const yearOptions = [...new Set([thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year, status.data?.nextYear ?? thisYear])].sort((a, b) => a - b);
  const daysOff = useLoad(() => api.get<Items<DayOff>>('/calendar/days-off', { year }), [year]);
  const units = useLoad(() => orgApi.units().catch(() => ({ items: [] })), []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function add(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['date', form.date, t('web.calendar.date')], ['name', form.name, t('web.calendar.name')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const body: Record<string, string> = { date: form.date, kind: form.kind, name: form.name.trim() };
      if (form.unitId) body.unitId = form.unitId;
      if (form.legalSource.trim()) body.legalSource = form.legalSource.trim();
      await api.post('/calendar/days-off', body);
      setAdded(form.name.trim());
      setForm(EMPTY);
      const y = Number(form.date.slice(0, 4));
      if (y && y !== year) setYear(y);
      else daysOff.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  /** Scrolls to the import form and moves the focus to its heading (a plain #anchor moves only the view). */
  function toImport(e?: MouseEvent) {
    e?.preventDefault();
    importHeading.current?.scrollIntoView({ block: 'start' });
    importHeading.current?.focus();
    if (window.location.hash !== `#${IMPORT_ANCHOR}`) window.history.replaceState(window.history.state, '', `#${IMPORT_ANCHOR}`);
  }

  // Arriving from the e-mail's link (/calendar#impor): the form, once the page has drawn.
  useEffect(() => {
    if (window.location.hash === `#${IMPORT_ANCHOR}` && status.data) toImport();
  }, [status.data]);

  async function remove(d: DayOff) {
    setError(null);
    setAdded(null);
    try {
      await api.del(`/calendar/days-off/${d.id}`);
      daysOff.reload();
    } catch (err) {
      setError(err);
    }
  }

  const nationalCols: Column<NationalDay>[] = [
    { header: t('web.calendar.date'), cell: (d) => formatDate(d.date, locale) },
    { header: t('web.calendar.kind'), cell: (d) => kindLabel(d.kind, t) },
    { header: t('web.calendar.name'), cell: (d) => d.name },
    { header: t('web.calendar.legalSource'), cell: (d) => d.legalSource ?? '—' },
    { header: t('calendar.web.source'), cell: (d) => t(`calendar.web.source.${d.source}`) },
  ];
  const offCols: Column<DayOff>[] = [
    { header: t('web.calendar.date'), cell: (d) => formatDate(d.date, locale) },
    { header: t('web.calendar.kind'), cell: (d) => kindLabel(d.kind, t) },
    { header: t('web.calendar.name'), cell: (d) => d.name },
    { header: t('web.calendar.unit'), cell: (d) => d.unitName ?? t('web.calendar.allUnits') },
    { header: t('web.calendar.legalSource'), cell: (d) => d.legalSource ?? '—' },
    { header: t('web.actions'), className: 'actions', cell: (d) => <ConfirmButton label={t('web.action.delete')} confirmLabel={t('web.calendar.deleteConfirm', { name: d.name })} onConfirm={() => remove(d)} /> },
  ];

  return (
    <>
      <PageHeader title={t('web.calendar.title')} lead={t('web.calendar.lead')} />
      {status.data?.showNotice ? (
        <div className="alert alert--warn" role="region" aria-labelledby="cal-notice">
          <p className="alert-title" id="cal-notice">{t('calendar.web.noticeTitle', { year: status.data.nextYear })}</p>
          <p>{t('calendar.web.noticeBody', { year: status.data.nextYear })}</p>
          <p><a href={`#${IMPORT_ANCHOR}`} onClick={toImport}>{t('calendar.web.noticeLink', { year: status.data.nextYear })}</a></p>
        </div>
      ) : null}
      <div className="filters">
        <SelectField label={t('web.calendar.year')} value={String(year)} onChange={(e) => setYear(Number(e.target.value))}>
          {yearOptions.map((y) => <option key={y} value={y}>{y}</option>)}
        </SelectField>
      </div>

      <section aria-labelledby="cal-national" className="section">
        <h2 id="cal-national">{t('web.calendar.nationalTitle', { year })}</h2>
        <ErrorAlert error={national.error} />
        {national.data ? <Table caption={t('web.calendar.nationalTitle', { year })} columns={nationalCols} rows={national.data.items} rowKey={(d) => `${d.date}:${d.name}`} empty={t('web.calendar.nationalEmpty')} /> : national.error ? null : <Loading />}
      </section>

      <section aria-labelledby="cal-import" className="section" id={IMPORT_ANCHOR}>
        <h2 id="cal-import" ref={importHeading} tabIndex={-1}>{t('calendar.web.importTitle')}</h2>
        <ImportNational
          defaultYear={status.data?.nextYear ?? thisYear + 1}
          onImported={(r) => {
            status.reload();
            if (r.year === year) national.reload();
            else setYear(r.year);
          }}
        />
      </section>

      <section aria-labelledby="cal-off" className="section">
        <h2 id="cal-off">{t('web.calendar.daysOffTitle', { year })}</h2>
        {added ? <Notice>{t('web.calendar.added', { name: added })}</Notice> : null}
        <ErrorAlert error={error} />
        <ErrorAlert error={daysOff.error} />
        {daysOff.data ? <Table caption={t('web.calendar.daysOffTitle', { year })} columns={offCols} rows={daysOff.data.items} rowKey={(d) => d.id} empty={t('web.calendar.daysOffEmpty')} /> : daysOff.error ? null : <Loading />}
        <h3>{t('web.calendar.addTitle')}</h3>
        <form className="form card" onSubmit={add} noValidate>
          <TextField label={t('web.calendar.date')} type="date" required value={form.date} onChange={set('date')} error={fields.date} />
          <SelectField label={t('web.calendar.kind')} hint={t('web.calendar.kindHint')} value={form.kind} onChange={set('kind')} error={fields.kind}>
            <option value="libur">{kindLabel('libur', t)}</option>
            <option value="masuk">{kindLabel('masuk', t)}</option>
          </SelectField>
          <TextField label={t('web.calendar.name')} required maxLength={200} value={form.name} onChange={set('name')} error={fields.name} />
          <SelectField label={t('web.calendar.unit')} hint={t('web.calendar.unitHint')} value={form.unitId} onChange={set('unitId')} error={fields.unitId}>
            <option value="">{t('web.calendar.allUnits')}</option>
            {(units.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
          </SelectField>
          <TextField label={t('web.calendar.legalSource')} hint={t('web.calendar.legalSourceHint')} maxLength={300} value={form.legalSource} onChange={set('legalSource')} error={fields.legalSource} />
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.calendar.add')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
