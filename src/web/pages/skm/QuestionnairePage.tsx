/**
 * /skm/kuesioner — the questionnaire versions (issue #4): the unsur asked, their answer
 * labels and exact weights. An admin makes a new version from the one in force (add an
 * unsur, re-weight); the weights must sum to exactly 1 — shown live here, and refused by
 * the server (skm.weightsNotOne, naming the field) if sent anyway.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { skmApi, type Questionnaire } from '../../api/skm.js';
import { useI18n } from '../../app/i18n.js';
import { isAdmin } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { equalWeights, isOne, showFraction, sumWeights } from './weights.js';
import './skm.css';

interface Row {
  key: string;
  name: string;
  options: string[];
  weight: string;
}

function VersionTable({ q, current }: { q: Questionnaire; current: boolean }) {
  const { t } = useI18n();
  return (
    <section className="section" aria-labelledby={`skm-q-${q.id}`}>
      <h2 id={`skm-q-${q.id}`}>
        {t('skmWeb.q.version', { version: q.version })} {current ? <span className="badge badge--ok">{t('skmWeb.q.current')}</span> : null}
      </h2>
      {q.note ? <p className="muted">{q.note}</p> : null}
      <table className="table">
        <caption className="visually-hidden">{t('skmWeb.q.version', { version: q.version })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('skmWeb.q.key')}</th>
            <th scope="col">{t('skmWeb.q.name')}</th>
            <th scope="col">{t('skmWeb.q.options')}</th>
            <th scope="col" className="num">{t('skmWeb.q.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {q.unsur.map((u) => (
            <tr key={u.key}>
              <td data-label={t('skmWeb.q.key')} className="mono">{u.key}</td>
              <td data-label={t('skmWeb.q.name')}>{u.name}</td>
              <td data-label={t('skmWeb.q.options')}>{u.options.map((o, i) => `${i + 1}. ${o}`).join(' · ')}</td>
              <td data-label={t('skmWeb.q.weight')} className="num">{u.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NewVersionForm({ from, onSaved }: { from: Questionnaire; onSaved(q: Questionnaire): void }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => from.unsur.map((u) => ({ key: u.key, name: u.name, options: [...u.options], weight: u.weight })));
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const total = sumWeights(rows.map((r) => r.weight));
  const totalOk = !!total && isOne(total);

  const update = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  function addRow() {
    setRows((rs) => {
      const n = rs.length + 1;
      const weights = equalWeights(n);
      return [...rs.map((r, i) => ({ ...r, weight: weights[i] })), { key: `u${n}`, name: '', options: ['', '', '', ''], weight: weights[n - 1] }];
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const saved = await skmApi.createQuestionnaire({ ...(note.trim() ? { note: note.trim() } : {}), unsur: rows.map((r) => ({ ...r, name: r.name.trim(), weight: r.weight.trim() })) });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack section" onSubmit={submit} noValidate aria-labelledby="skm-q-new">
      <h2 id="skm-q-new">{t('skmWeb.q.newVersion')}</h2>
      <ErrorAlert error={error} />
      {rows.map((r, i) => (
        <fieldset key={i}>
          <legend>{t('skmWeb.q.unsurNumber', { number: i + 1 })}{r.name ? `: ${r.name}` : ''}</legend>
          <div className="grid-2">
            <TextField label={t('skmWeb.q.key')} value={r.key} onChange={(e) => update(i, { key: e.target.value })} required />
            <TextField label={t('skmWeb.q.name')} value={r.name} onChange={(e) => update(i, { name: e.target.value })} required />
          </div>
          <div className="grid-2">
            {r.options.map((o, k) => (
              <TextField key={k} label={t('skmWeb.q.option', { value: k + 1 })} value={o} required
                onChange={(e) => update(i, { options: r.options.map((x, j) => (j === k ? e.target.value : x)) })} />
            ))}
          </div>
          <TextField label={t('skmWeb.q.weight')} hint={t('skmWeb.q.weightHint')} value={r.weight} onChange={(e) => update(i, { weight: e.target.value })} required inputMode="decimal" />
          {rows.length > 1 ? (
            <p><button type="button" className="btn btn--small btn--danger-outline" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>{t('skmWeb.q.removeUnsur', { name: r.name || r.key })}</button></p>
          ) : null}
        </fieldset>
      ))}
      <p className={`weights-total ${totalOk ? '' : 'field-error'}`} role="status" aria-live="polite">
        {totalOk ? t('skmWeb.q.total', { total: '1' }) : t('skmWeb.q.totalBad', { total: total ? showFraction(total) : '?' })}
      </p>
      <p className="actions">
        <button type="button" className="btn" onClick={addRow}>{t('skmWeb.q.addUnsur')}</button>
        <button type="button" className="btn" onClick={() => setRows((rs) => { const w = equalWeights(rs.length); return rs.map((r, i) => ({ ...r, weight: w[i] })); })}>{t('skmWeb.q.equalWeights')}</button>
      </p>
      <TextField label={t('skmWeb.q.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>{t('skmWeb.q.save')}</button>
      </div>
    </form>
  );
}

export function QuestionnairePage() {
  const { t } = useI18n();
  const admin = isAdmin(useUser());
  const list = useLoad(() => skmApi.questionnaires(), []);
  const [editing, setEditing] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const versions = [...(list.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const current = versions[0];

  return (
    <>
      <PageHeader
        title={t('skmWeb.q.title')}
        lead={t('skmWeb.q.lead')}
        back={<Link to="/skm">{t('skmWeb.home.title')}</Link>}
        actions={admin && current && !editing ? <button type="button" className="btn btn--primary" onClick={() => { setFlash(null); setEditing(true); }}>{t('skmWeb.q.newVersion')}</button> : undefined}
      />
      {flash ? <Notice>{flash}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />
      {editing && current ? (
        <NewVersionForm from={current} onSaved={(q) => { setEditing(false); setFlash(t('skmWeb.q.saved', { version: q.version })); list.reload(); }} />
      ) : null}
      {versions.map((q, i) => <VersionTable key={q.id} q={q} current={i === 0} />)}
    </>
  );
}
