/**
 * The life-cycle steps open to the user (from the server's allowedActions): consultation
 * needs its window, establishment the decree (number, date, signer) after the signed PDF
 * has been uploaded. Errors name the missing fields.
 */
import { useState, type FormEvent } from 'react';
import type { StandardAction } from '../../../shared/schemas/standards.js';
import { standardsApi, type Standard } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, fieldErrorsOf } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';

const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);

export function ActionsPanel({ s, onDone }: { s: Standard; onDone(next: Standard): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [start, setStart] = useState(() => local(new Date()));
  const [end, setEnd] = useState(() => local(new Date(Date.now() + 14 * 86400_000)));
  const [decree, setDecree] = useState({ decreeNumber: '', decreeDate: '', decreeSigner: '' });
  const fields = fieldErrorsOf(error);
  const actions = s.allowedActions as StandardAction[];

  async function run(action: StandardAction, e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const extra = action === 'open_consultation' ? { consultationStart: new Date(start).toISOString(), consultationEnd: new Date(end).toISOString() }
        : action === 'establish' ? Object.fromEntries(Object.entries(decree).filter(([, v]) => v.trim())) : {};
      onDone(await standardsApi.act(s.id, { action, ...extra }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (actions.length === 0) return null;
  const simple = actions.filter((a) => a !== 'open_consultation' && a !== 'establish');
  return (
    <section className="section card" aria-labelledby="steps-h">
      <h2 id="steps-h">{t('standards.web.steps')}</h2>
      <ErrorAlert error={error} />
      {error && Object.keys(fields).length ? <ul>{Object.values(fields).map((m) => <li key={m}>{m}</li>)}</ul> : null}
      {actions.includes('open_consultation') ? (
        <form className="form" onSubmit={(e) => run('open_consultation', e)}>
          <div className="grid-2">
            <TextField label={t('standards.field.consultationStart')} type="datetime-local" value={start} error={fields.consultationStart} onChange={(e) => setStart(e.target.value)} />
            <TextField label={t('standards.field.consultationEnd')} type="datetime-local" value={end} error={fields.consultationEnd} onChange={(e) => setEnd(e.target.value)} />
          </div>
          <div className="form-actions"><button className="btn" type="submit" disabled={busy}>{t('standards.action.open_consultation')}</button></div>
        </form>
      ) : null}
      {actions.includes('establish') ? (
        <form className="form" onSubmit={(e) => run('establish', e)}>
          <TextField label={t('standards.field.decreeNumber')} required value={decree.decreeNumber} error={fields.decreeNumber} onChange={(e) => setDecree({ ...decree, decreeNumber: e.target.value })} />
          <TextField label={t('standards.field.decreeDate')} required type="date" value={decree.decreeDate} error={fields.decreeDate} onChange={(e) => setDecree({ ...decree, decreeDate: e.target.value })} />
          <TextField label={t('standards.field.decreeSigner')} required value={decree.decreeSigner} error={fields.decreeSigner} onChange={(e) => setDecree({ ...decree, decreeSigner: e.target.value })} />
          <div className="form-actions"><button className="btn btn--primary" type="submit" disabled={busy}>{t('standards.action.establish')}</button></div>
        </form>
      ) : null}
      {simple.length ? (
        <div className="badges" style={{ margin: '0.75rem 0', gap: '0.5rem' }}>
          {simple.map((a) => <button key={a} type="button" className={`btn${a === 'publish' ? ' btn--primary' : ''}`} disabled={busy} onClick={() => run(a)}>{t(`standards.action.${a}`)}</button>)}
        </div>
      ) : null}
    </section>
  );
}
