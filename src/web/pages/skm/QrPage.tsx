/**
 * /skm/qr — QR codes of a unit's survey (issue #4): one for the unit, one per counter
 * (loket), optionally per officer; each as PNG, SVG and a printable A4/A5 poster (PDF).
 * The link inside opens /survei/{unitId}?loket=CODE on the citizen's phone. Counters are
 * added here.
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { skmApi } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { canWriteUnitsOf } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { orgApi } from '../organisation/orgApi.js';
import './skm.css';

function QrCard({ unitId, loket, name, url }: { unitId: string; loket?: string; name: string; url: string }) {
  const { t } = useI18n();
  const [petugas, setPetugas] = useState('');
  const target = { unitId, ...(loket ? { loket } : {}), ...(petugas.trim() ? { petugas: petugas.trim() } : {}) };
  const suffix = petugas.trim() ? `${url.includes('?') ? '&' : '?'}petugas=${encodeURIComponent(petugas.trim())}` : '';
  return (
    <li className="card">
      <h3>{name}</h3>
      <img className="qr-preview" src={skmApi.qrUrl(target, 'svg')} alt={t('skmWeb.qr.preview', { name })} width={160} height={160} />
      <p className="small break">
        {t('skmWeb.qr.link')}: <a href={`${url}${suffix}`}>{`${url}${suffix}`}</a>
      </p>
      {loket ? (
        <TextField label={t('skmWeb.qr.officer')} hint={t('skmWeb.qr.officerHint')} value={petugas} onChange={(e) => setPetugas(e.target.value)} pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,39}" />
      ) : null}
      <p className="actions" aria-label={`${t('skmWeb.qr.downloads')}: ${name}`}>
        <a className="btn btn--small" href={skmApi.qrUrl(target, 'png')} download>{t('skmWeb.qr.png')}</a>
        <a className="btn btn--small" href={skmApi.qrUrl(target, 'svg')} download>{t('skmWeb.qr.svg')}</a>
        <a className="btn btn--small" href={skmApi.posterUrl(target, 'A4')} target="_blank" rel="noopener">{t('skmWeb.qr.a4')}</a>
        <a className="btn btn--small" href={skmApi.posterUrl(target, 'A5')} target="_blank" rel="noopener">{t('skmWeb.qr.a5')}</a>
      </p>
    </li>
  );
}

function AddCounter({ unitId, onAdded }: { unitId: string; onAdded(name: string): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const c = await skmApi.createCounter(unitId, { code: code.trim(), name: name.trim() });
      setCode('');
      setName('');
      onAdded(c.name);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="form card section" onSubmit={submit} noValidate aria-labelledby="skm-add-counter">
      <h2 id="skm-add-counter">{t('skmWeb.qr.addCounter')}</h2>
      <ErrorAlert error={error} />
      <div className="grid-2">
        <TextField label={t('skmWeb.qr.code')} required value={code} onChange={(e) => setCode(e.target.value)} error={fields.code} placeholder="L1" />
        <TextField label={t('skmWeb.qr.name')} required value={name} onChange={(e) => setName(e.target.value)} error={fields.name} placeholder="Loket 1" />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary">{t('skmWeb.qr.addCounter')}</button>
      </div>
    </form>
  );
}

export function QrPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit') ?? '';
  const [flash, setFlash] = useState<string | null>(null);
  const units = useLoad(() => orgApi.units(), []);
  const counters = useLoad(() => (unitId ? skmApi.counters(unitId) : Promise.resolve(null)), [unitId]);
  const unit = units.data?.items.find((u) => u.id === unitId);

  return (
    <>
      <PageHeader title={t('skmWeb.qr.title')} lead={t('skmWeb.qr.lead')} back={<Link to="/skm">{t('skmWeb.home.title')}</Link>} />
      <div className="filters">
        <SelectField label={t('skmWeb.unit')} value={unitId} onChange={(e) => { setFlash(null); setParams(e.target.value ? { unit: e.target.value } : {}, { replace: true }); }}>
          <option value="">—</option>
          {(units.data?.items ?? []).map((u) => <option key={u.id} value={u.id}>{u.name} — {u.opdName}</option>)}
        </SelectField>
      </div>
      {flash ? <Notice>{flash}</Notice> : null}
      {counters.loading && unitId && !counters.data ? <Loading /> : null}
      <ErrorAlert error={counters.error} />
      {counters.data && unit ? (
        <>
          <ul className="result-cards">
            <QrCard unitId={unitId} name={`${unit.name} — ${t('skmWeb.qr.unitCode')}`} url={counters.data.unitSurveyUrl} />
            {counters.data.items.filter((c) => c.isActive).map((c) => (
              <QrCard key={c.id} unitId={unitId} loket={c.code} name={`${c.name} (${c.code})`} url={c.surveyUrl} />
            ))}
          </ul>
          {counters.data.items.length === 0 ? <p className="muted">{t('skmWeb.qr.noCounters')}</p> : null}
          {canWriteUnitsOf(user, unit.opdId) ? (
            <AddCounter unitId={unitId} onAdded={(name) => { setFlash(t('skmWeb.qr.counterAdded', { name })); counters.reload(); }} />
          ) : null}
        </>
      ) : null}
    </>
  );
}
