/**
 * API tokens for integrations (admin). A new token is shown once, right after it is made:
 * the server keeps only its hash.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { ApiToken, CreatedToken, Items } from '../../api/types.js';
import { formatDateTime } from '../../app/format.js';
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';

export function TokensPage() {
  const { t, locale } = useI18n();
  const tz = useUser().tenant.timezone;
  const tokens = useLoad(() => api.get<Items<ApiToken>>('/tokens'), []);
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const createdRef = useRef<HTMLDivElement>(null);
  const fields = fieldErrorsOf(error);

  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['name', name, t('web.token.name')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setCreated(null);
    setCopied(false);
    try {
      const body: { name: string; expiresInDays?: number } = { name: name.trim() };
      if (days.trim()) body.expiresInDays = Number(days);
      setCreated(await api.post<CreatedToken>('/tokens', body));
      setName('');
      setDays('');
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(tok: ApiToken) {
    setError(null);
    try {
      await api.del(`/tokens/${tok.id}`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  }

  const status = (tok: ApiToken) => {
    if (tok.revokedAt) return <span className="badge badge--muted">{t('web.token.revoked')}</span>;
    if (tok.expiresAt && new Date(tok.expiresAt) < new Date()) return <span className="badge badge--muted">{t('web.token.expired')}</span>;
    return <span className="badge badge--ok">{t('web.status.active')}</span>;
  };

  const columns: Column<ApiToken>[] = [
    { header: t('web.token.name'), cell: (k) => k.name },
    { header: t('web.token.prefix'), cell: (k) => <code>{k.prefix}…</code> },
    { header: t('web.token.createdAt'), cell: (k) => formatDateTime(k.createdAt, locale, tz) },
    { header: t('web.token.lastUsedAt'), cell: (k) => formatDateTime(k.lastUsedAt, locale, tz) },
    { header: t('web.token.expiresAt'), cell: (k) => (k.expiresAt ? formatDateTime(k.expiresAt, locale, tz) : t('web.token.never')) },
    { header: t('web.status'), cell: status },
    {
      header: t('web.actions'),
      className: 'actions',
      cell: (k) => (k.revokedAt ? null : <ConfirmButton label={t('web.token.revoke')} confirmLabel={t('web.token.revokeConfirm', { name: k.name })} onConfirm={() => revoke(k)} />),
    },
  ];

  return (
    <>
      <PageHeader title={t('web.token.title')} lead={t('web.token.lead')} />
      <ErrorAlert error={error} />
      {created ? (
        <div ref={createdRef} tabIndex={-1} className="alert alert--ok token-once" role="status">
          <p className="alert-title">{t('web.token.createdTitle', { name: created.name })}</p>
          <p>{t('web.token.createdOnce')}</p>
          <p><code className="token-value" aria-label={t('web.token.value')}>{created.token}</code></p>
          <button
            type="button"
            className="btn btn--small"
            onClick={() => navigator.clipboard?.writeText(created.token).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? t('web.token.copied') : t('web.token.copy')}
          </button>
        </div>
      ) : null}
      <section aria-labelledby="token-new" className="section">
        <h2 id="token-new">{t('web.token.createTitle')}</h2>
        <form className="form card" onSubmit={submit} noValidate>
          <TextField label={t('web.token.name')} hint={t('web.token.nameHint')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={fields.name} />
          <TextField label={t('web.token.expiresInDays')} hint={t('web.token.expiresHint')} type="number" min={1} max={3650} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} error={fields.expiresInDays} />
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.token.create')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="token-list" className="section">
        <h2 id="token-list">{t('web.token.listTitle')}</h2>
        <ErrorAlert error={tokens.error} />
        {tokens.data ? <Table caption={t('web.token.listTitle')} columns={columns} rows={tokens.data.items} rowKey={(k) => k.id} empty={t('web.token.empty')} /> : tokens.error ? null : <Loading />}
      </section>
    </>
  );
}
