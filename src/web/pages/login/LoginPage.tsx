/** Sign-in with e-mail and password. Errors are announced (role=alert) and focused. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';

export function LoginPage() {
  const { t } = useI18n();
  const { status, expired, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  if (status === 'loading') return <Loading />;
  if (status === 'signedIn' && !busy) return <Navigate to={from} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['email', email, t('web.login.email')], ['password', password, t('web.login.password')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(from === '/login' ? '/' : from, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeader title={t('web.login.title')} lead={t('web.login.lead')} />
      {expired && !error ? <p className="alert alert--info">{t('web.login.expired')}</p> : null}
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.login.email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} />
        <TextField label={t('web.login.password')} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? t('web.login.busy') : t('web.login.submit')}
          </button>
        </div>
      </form>
      <section className="card citizen-box" aria-labelledby="citizen-box">
        <h2 id="citizen-box">{t('web.login.citizenTitle')}</h2>
        <p>{t('web.login.citizenLead')}</p>
        <div className="form-actions">
          <Link className="btn btn--primary" to="/lapor">{t('web.login.citizenReport')}</Link>
          <Link className="btn" to="/lacak">{t('web.login.citizenTrack')}</Link>
        </div>
        <p><Link to="/statistik">{t('web.stats.loginLink')}</Link></p>
      </section>
    </div>
  );
}
