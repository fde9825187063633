/**
 * Assessment methods (/kepatuhan/metode): every version with its legal source, dimensions,
 * weights and bands; an admin adds a new version starting from an existing one — the
 * header fields and dimension weights in the form, the rest (indicators, bands) in the
 * JSON beside it, or a JSON file imported as a whole. The server checks the weights and
 * bands and names the field it refuses.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { complianceApi, type TCreateMethodBody, type TMethod, type TMethodSummary } from '../../api/compliance.js';
import { useI18n } from '../../app/i18n.js';
import { isAdmin } from '../../app/roles.js';
import { useSession } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, FormError, Loading, Notice, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table } from '../../components/Table.js';
import { ResultBadge } from './shared.js';

/** The body of a new version made from an existing one (server-side fields dropped). */
function draftFrom(m: TMethod): TCreateMethodBody {
  const { id: _id, isGlobal: _g, createdAt: _c, note, ...rest } = m;
  return { ...rest, version: `${m.version}-baru`, ...(note ? { note } : {}) };
}

function MethodDetails({ id }: { id: string }) {
  const { t } = useI18n();
  const m = useLoad(() => complianceApi.method(id), [id]);
  if (!m.data) return m.error ? <ErrorAlert error={m.error} /> : <Loading />;
  const d = m.data;
  return (
    <div className="stack">
      {d.note ? <p className="muted small">{d.note}</p> : null}
      <Table caption={`${d.name} ${d.version}`} rowKey={(x) => x.code} rows={d.dimensions} columns={[
        { header: t('compliance.detail.dimensions'), cell: (x) => x.name },
        { header: t('compliance.detail.weight'), className: 'num', cell: (x) => `${x.weight} %` },
        { header: t('compliance.detail.indicators'), className: 'num', cell: (x) => d.indicators.filter((i) => i.dimension === x.code).length },
      ]} />
      <h4>{t('compliance.methods.bands')}</h4>
      <ul className="plain-list">
        {d.bands.map((b) => <li key={b.min}>{b.min}–{b.max}: <ResultBadge grade={b.grade} zone={b.zone} label={b.label} t={t} /></li>)}
      </ul>
    </div>
  );
}

export function MethodsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [params] = useSearchParams();
  const kind = params.get('kind') === 'pekppp' ? 'pekppp' : params.get('kind') === 'ombudsman' ? 'ombudsman' : undefined;
  const list = useLoad(() => complianceApi.methods(kind), [kind]);
  const [open, setOpen] = useState<string | null>(null);
  const [baseId, setBaseId] = useState('');
  const [draft, setDraft] = useState<TCreateMethodBody | null>(null);
  const [json, setJson] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);
  const alertRef = useRef<HTMLDivElement>(null);
  // A refused version: move focus to the message (it names the field), so it is seen and read out.
  useEffect(() => { if (error) alertRef.current?.focus(); }, [error]);

  useEffect(() => {
    if (!baseId) return;
    complianceApi.method(baseId).then((m) => {
      const d = draftFrom(m);
      setDraft(d);
      setJson(JSON.stringify(d, null, 2));
    }, setError);
  }, [baseId]);

  /** Form field → the draft and its JSON (the JSON stays the one source sent). */
  function setField(patch: (d: TCreateMethodBody) => TCreateMethodBody) {
    let d: TCreateMethodBody;
    try {
      d = patch(JSON.parse(json) as TCreateMethodBody);
    } catch {
      return;
    }
    setDraft(d);
    setJson(JSON.stringify(d, null, 2));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(null);
    let body: TCreateMethodBody;
    try {
      body = JSON.parse(json) as TCreateMethodBody;
    } catch (err) {
      const detail = err instanceof Error ? err.message : '';
      return setError(new FormError(t('compliance.methods.jsonInvalid', { detail }), { json: t('compliance.methods.jsonInvalid', { detail }) }));
    }
    try {
      const m = await complianceApi.createMethod(body);
      setSaved(t('compliance.methods.saved', { code: m.code, version: m.version }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setJson(text);
    try {
      setDraft(JSON.parse(text) as TCreateMethodBody);
    } catch {
      setDraft(null);
    }
  }

  return (
    <>
      <PageHeader title={t('compliance.methods.title')} lead={t('compliance.methods.lead')} />
      <ErrorAlert error={list.error} />
      {list.data ? (
        <Table caption={t('compliance.methods.title')} rowKey={(m) => m.id} rows={list.data.items} columns={[
          { header: t('compliance.methods.name'), cell: (m: TMethodSummary) => (
            <>
              <button type="button" className="btn--plain method-name" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? null : m.id)}>{m.name}</button>
              {open === m.id ? <MethodDetails id={m.id} /> : null}
            </>
          ) },
          { header: t('compliance.methods.version'), cell: (m) => <span className="mono method-code">{m.code}@{m.version}</span> },
          { header: t('compliance.methods.validFrom'), className: 'num', cell: (m) => m.validFromYear },
          { header: t('compliance.methods.legalSource'), cell: (m) => m.legalSource },
          { header: t('compliance.detail.indicators'), className: 'num', cell: (m) => m.indicatorCount },
          { header: '', cell: (m) => <span className="badge badge--muted">{m.isGlobal ? t('compliance.methods.reference') : t('compliance.methods.tenant')}</span> },
        ]} />
      ) : <Loading />}

      {isAdmin(user) && list.data ? (
        <section aria-labelledby="m-add" className="section">
          <h2 id="m-add">{t('compliance.methods.add')}</h2>
          {saved ? <Notice>{saved}</Notice> : null}
          <ErrorAlert ref={alertRef} error={error} />
          <form className="form card" onSubmit={save} noValidate>
            <SelectField label={t('compliance.methods.base')} value={baseId} onChange={(e) => setBaseId(e.target.value)}>
              <option value="">{t('compliance.new.choose')}</option>
              {list.data.items.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.version})</option>)}
            </SelectField>
            <div className="field">
              <label htmlFor="m-import">{t('compliance.methods.importFile')}</label>
              <input id="m-import" className="compliance-file" type="file" accept="application/json,.json" onChange={(e) => void importFile(e.target.files?.[0])} />
            </div>
            {draft ? (
              <>
                <TextField label={t('compliance.methods.version')} value={draft.version} error={fields.version} onChange={(e) => setField((d) => ({ ...d, version: e.target.value }))} />
                <TextField label={t('compliance.methods.name')} value={draft.name} error={fields.name} onChange={(e) => setField((d) => ({ ...d, name: e.target.value }))} />
                <TextField label={t('compliance.methods.legalSource')} value={draft.legalSource} error={fields.legalSource} onChange={(e) => setField((d) => ({ ...d, legalSource: e.target.value }))} />
                <TextField label={t('compliance.methods.validFrom')} type="number" inputMode="numeric" value={String(draft.validFromYear)} error={fields.validFromYear} onChange={(e) => setField((d) => ({ ...d, validFromYear: Number(e.target.value) }))} />
                {draft.dimensions.map((dim, i) => (
                  <TextField key={dim.code} label={t('compliance.methods.dimensionWeight', { name: dim.name })} type="number" inputMode="decimal" step="0.01" value={String(dim.weight)}
                    error={fields[`dimensions[${i}].weight`] ?? (i === 0 ? fields.dimensions : undefined)}
                    onChange={(e) => setField((d) => ({ ...d, dimensions: d.dimensions.map((x, k) => (k === i ? { ...x, weight: Number(e.target.value) } : x)) }))} />
                ))}
              </>
            ) : null}
            <TextAreaField label={t('compliance.methods.json')} hint={t('compliance.methods.jsonHint')} className="method-json" value={json} error={fields.json ?? fields.indicators ?? fields.bands}
              onChange={(e) => { setJson(e.target.value); try { setDraft(JSON.parse(e.target.value) as TCreateMethodBody); } catch { /* keep the form as it was while the JSON is being typed */ } }} />
            <div className="form-actions">
              <button type="submit" className="btn btn--primary" disabled={!json.trim()}>{t('compliance.methods.save')}</button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
