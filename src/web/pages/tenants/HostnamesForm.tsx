/**
 * The superadmin sets a tenant's host names: an un-prefixed request to one of them opens
 * that tenant, so they are the tenant's front door and nobody else may set them (a tenant
 * admin gets 403 from the server; this form lives on the superadmin-only tenants page).
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorAlert, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';

/** "a.go.id, b.go.id" → ['a.go.id', 'b.go.id']; the server checks each name. */
function parseHostnames(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((h) => h.trim().toLowerCase()).filter(Boolean))];
}

export function HostnamesForm({ tenants, onSaved }: { tenants: Tenant[]; onSaved: () => void }) {
  const { t } = useI18n();
  const [tenantId, setTenantId] = useState('');
  const [hosts, setHosts] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<Tenant | null>(null);
  const [busy, setBusy] = useState(false);
  // Validation answers name the element ("hostnames.1"); the field shows the first.
  const fields = fieldErrorsOf(error);
  const hostError = Object.entries(fields).find(([k]) => k.startsWith('hostnames'))?.[1];

  function pick(id: string) {
    setTenantId(id);
    setHosts(tenants.find((x) => x.id === id)?.hostnames.join(', ') ?? '');
    setError(null);
    setSaved(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [['tenantId', tenantId, t('web.tenant.hostsTenant')]]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      setSaved(await api.patch<Tenant>(`/tenants/${tenantId}`, { hostnames: parseHostnames(hosts) }));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tenant-hosts" className="section">
      <h2 id="tenant-hosts">{t('web.tenant.hostsTitle')}</h2>
      <p>{t('web.tenant.hostsLead')}</p>
      {saved ? <Notice>{t('web.tenant.hostsSaved', { name: saved.name })}</Notice> : null}
      <ErrorAlert error={error} />
      <form className="form card" onSubmit={submit} noValidate>
        <SelectField label={t('web.tenant.hostsTenant')} required value={tenantId} onChange={(e) => pick(e.target.value)} error={fields.tenantId}>
          <option value="">{t('web.tenant.hostsPick')}</option>
          {tenants.map((x) => <option key={x.id} value={x.id}>{x.name} ({x.code})</option>)}
        </SelectField>
        <TextField
          label={t('web.tenant.hosts')}
          hint={t('web.tenant.hostsHint')}
          value={hosts}
          onChange={(e) => setHosts(e.target.value)}
          error={hostError}
          disabled={!tenantId}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={busy}>{t('web.tenant.hostsSave')}</button>
        </div>
      </form>
    </section>
  );
}
