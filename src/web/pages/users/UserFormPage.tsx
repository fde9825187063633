/** Create a user with roles, or edit one: name, phone, language, roles, status, password. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { PASSWORD_MIN_LENGTH } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { isSuperadmin } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { CheckboxField, SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { orgApi } from '../organisation/orgApi.js';
import { roleLabel } from './roleLabel.js';
import { RolesFieldset, choiceToRoles, missingOpd, rolesToChoice, type RoleChoice } from './RolesFieldset.js';
import { usersApi } from './usersApi.js';

export function UserFormPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const me = useUser();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [userLocale, setUserLocale] = useState<'id' | 'en'>('id');
  const [password, setPassword] = useState('');
  const [isActive, setIsActive] = useState(true);
  const [roles, setRoles] = useState<RoleChoice>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const existing = useLoad(() => (id ? usersApi.get(id) : Promise.resolve(null)), [id]);
  const opds = useLoad(() => orgApi.opds(true), []);

  useEffect(() => {
    const u = existing.data;
    if (!u) return;
    setName(u.name);
    setEmail(u.email);
    setPhone(u.phone ?? '');
    setUserLocale(u.locale);
    setIsActive(u.isActive);
    setRoles(rolesToChoice(u.roles));
  }, [existing.data]);
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  const fields = fieldErrorsOf(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const invalid = checkRequired(t, [
      ['name', name, t('web.user.name')],
      ...(id ? [] : ([['email', email, t('web.user.email')], ['password', password, t('web.user.password')]] as Array<[string, string, string]>)),
    ]);
    if (invalid) return setError(invalid);
    const lacking = missingOpd(roles);
    if (lacking) {
      setError(new Error(t('web.user.opdMissing', { role: roleLabel(lacking, t) })));
      return;
    }
    setBusy(true);
    try {
      const saved = id
        ? await usersApi.update(id, { name: name.trim(), phone: phone.trim() || null, locale: userLocale, isActive, roles: choiceToRoles(roles), ...(password ? { password } : {}) })
        : await usersApi.create({ name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}), password, locale: userLocale, roles: choiceToRoles(roles) });
      navigate('/users', { state: { flash: t(id ? 'web.user.saved' : 'web.user.created', { name: saved.name }) } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const title = id ? t('web.user.editTitle') : t('web.user.createTitle');
  if (id && existing.loading) return <Loading />;
  if (id && existing.error) return <><PageHeader title={title} /><ErrorAlert error={existing.error} /></>;
  const self = id === me.id;

  return (
    <div className="narrow">
      <PageHeader title={title} back={<Link to="/users">{t('web.user.backToList')}</Link>} />
      <ErrorAlert ref={alertRef} error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <TextField label={t('web.user.name')} required maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} />
        {id ? (
          <p><span className="label">{t('web.user.email')}</span> {email}</p>
        ) : (
          <TextField label={t('web.user.email')} type="email" required maxLength={254} autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} />
        )}
        <TextField label={t('web.user.phone')} hint={t('web.user.phoneHint')} type="tel" maxLength={30} value={phone} onChange={(e) => setPhone(e.target.value)} error={fields.phone} />
        <SelectField label={t('web.user.locale')} value={userLocale} onChange={(e) => setUserLocale(e.target.value as 'id' | 'en')}>
          <option value="id" lang="id">Bahasa Indonesia</option>
          <option value="en" lang="en">English</option>
        </SelectField>
        <TextField
          label={id ? t('web.user.newPassword') : t('web.user.password')}
          hint={id ? t('web.user.newPasswordHint', { min: PASSWORD_MIN_LENGTH }) : t('web.account.newHint', { min: PASSWORD_MIN_LENGTH })}
          type="password"
          autoComplete="new-password"
          required={!id}
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <RolesFieldset value={roles} onChange={setRoles} opds={opds.data?.items ?? []} allowSuperadmin={isSuperadmin(me)} error={fields.roles} />
        {id && !self ? <CheckboxField label={t('web.user.isActive')} hint={t('web.user.isActiveHint')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{id ? t('web.action.save') : t('web.user.add')}</button>
          <Link to="/users" className="btn btn--plain">{t('web.action.cancel')}</Link>
        </div>
      </form>
    </div>
  );
}
