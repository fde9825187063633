/** The signed-in user's own account: who they are, and changing the password. */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { PASSWORD_MIN_LENGTH } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { ErrorAlert, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';

export function AccountPage() {
  const { t } = useI18n();
  const user = useUser();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['currentPassword', current, t('web.account.current')], ['newPassword', next, t('web.account.new')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post('/auth/password', { currentPassword: current, newPassword: next });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeader title={t('web.account.title')} lead={`${user.name} · ${user.email}`} />
      <h2>{t('web.account.password')}</h2>
      <ErrorAlert error={error} />
      {done ? <Notice>{t('web.account.passwordChanged')}</Notice> : null}
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.account.current')} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} error={fields.currentPassword} />
        <TextField label={t('web.account.new')} hint={t('web.account.newHint', { min: PASSWORD_MIN_LENGTH })} type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} error={fields.newPassword} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.action.save')}</button>
        </div>
      </form>
    </div>
  );
}
