/**
 * The editor of the 14 components of a draft: lists one item per line, the time limit as
 * number + unit, the cost as free or an amount with its legal basis, complaint channels
 * as rows, management components as restricted rich text (see the hint).
 */
import { useState, type FormEvent } from 'react';
import { CHANNEL_TYPES, M_KEYS, type ChannelTypeT, type ComponentKey } from '../../../shared/schemas/standards.js';
import type { Components } from '../../api/standards.js';
import { useI18n } from '../../app/i18n.js';
import { fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextAreaField, TextField } from '../../components/Field.js';

const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

interface Draft {
  lists: Record<'persyaratan' | 'prosedur' | 'produk', string>;
  rich: Record<string, string>;
  timeValue: string;
  timeUnit: 'hari_kerja' | 'hari' | 'jam';
  costKind: 'gratis' | 'tarif';
  amount: string;
  legalBasis: string;
  channels: Array<{ type: ChannelTypeT; value: string }>;
}

function toDraft(c: Components): Draft {
  return {
    lists: { persyaratan: (c.persyaratan ?? []).join('\n'), prosedur: (c.prosedur ?? []).join('\n'), produk: (c.produk ?? []).join('\n') },
    rich: Object.fromEntries(M_KEYS.map((k) => [k, (c[k] as string | undefined) ?? ''])),
    timeValue: c.jangka_waktu ? String(c.jangka_waktu.value) : '',
    timeUnit: c.jangka_waktu?.unit ?? 'hari_kerja',
    costKind: c.biaya?.kind ?? 'gratis',
    amount: c.biaya?.kind === 'tarif' ? String(c.biaya.amount) : '',
    legalBasis: c.biaya?.legalBasis ?? '',
    channels: c.penanganan_pengaduan?.length ? c.penanganan_pengaduan.map((x) => ({ ...x })) : [{ type: 'web', value: '' }],
  };
}

function toComponents(d: Draft): Components {
  const c: Record<string, unknown> = {};
  for (const k of ['persyaratan', 'prosedur', 'produk'] as const) c[k] = lines(d.lists[k]);
  for (const k of M_KEYS) c[k] = d.rich[k] ?? '';
  const n = Number(d.timeValue);
  if (d.timeValue.trim() && Number.isInteger(n) && n > 0) c.jangka_waktu = { value: n, unit: d.timeUnit };
  if (d.legalBasis.trim()) {
    const amount = Number(d.amount);
    c.biaya = d.costKind === 'gratis' ? { kind: 'gratis', legalBasis: d.legalBasis.trim() } : { kind: 'tarif', amount: Number.isInteger(amount) ? amount : 0, legalBasis: d.legalBasis.trim() };
  }
  c.penanganan_pengaduan = d.channels.filter((x) => x.value.trim()).map((x) => ({ type: x.type, value: x.value.trim() }));
  return c as Components;
}

export function ComponentsForm({ initial, missing, onSave }: { initial: Components; missing: string[]; onSave(c: Components): Promise<void> }) {
  const { t } = useI18n();
  const [d, setD] = useState<Draft>(() => toDraft(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const label = (k: ComponentKey) => `${t(`standards.component.${k}`)}${missing.includes(k) ? ` (${t('standards.web.empty')})` : ''}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(toComponents(d));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const list = (k: 'persyaratan' | 'prosedur' | 'produk') => (
    <TextAreaField label={label(k)} hint={t('standards.web.onePerLine')} rows={4} value={d.lists[k]} error={fields[`components.${k}`]} onChange={(e) => setD({ ...d, lists: { ...d.lists, [k]: e.target.value } })} />
  );
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('standards.web.componentsTitle')}>
      {error ? <div className="alert alert--error" role="alert"><p>{(error as Error).message}</p></div> : null}
      <fieldset>
        <legend>{t('standards.web.sdGroup')}</legend>
        {list('persyaratan')}
        {list('prosedur')}
        <div className="grid-2">
          <TextField label={label('jangka_waktu')} type="number" min={1} inputMode="numeric" value={d.timeValue} onChange={(e) => setD({ ...d, timeValue: e.target.value })} />
          <SelectField label={t('standards.web.timeUnit')} value={d.timeUnit} onChange={(e) => setD({ ...d, timeUnit: e.target.value as Draft['timeUnit'] })}>
            {(['hari_kerja', 'hari', 'jam'] as const).map((u) => <option key={u} value={u}>{t(`standards.web.unit.${u}`)}</option>)}
          </SelectField>
        </div>
        <fieldset>
          <legend>{label('biaya')}</legend>
          {(['gratis', 'tarif'] as const).map((k) => (
            <div className="check" key={k}>
              <input type="radio" id={`cost-${k}`} name="costKind" checked={d.costKind === k} onChange={() => setD({ ...d, costKind: k })} />
              <label htmlFor={`cost-${k}`}>{k === 'gratis' ? t('standards.free') : t('standards.web.paid')}</label>
            </div>
          ))}
          {d.costKind === 'tarif' ? <TextField label={t('standards.web.amount')} type="number" min={1} inputMode="numeric" value={d.amount} onChange={(e) => setD({ ...d, amount: e.target.value })} /> : null}
          <TextField label={t('standards.web.costLegalBasis')} value={d.legalBasis} onChange={(e) => setD({ ...d, legalBasis: e.target.value })} />
        </fieldset>
        {list('produk')}
        <fieldset>
          <legend>{label('penanganan_pengaduan')}</legend>
          {d.channels.map((ch, i) => (
            <div className="grid-2" key={i}>
              <SelectField label={t('standards.web.channelType', { n: i + 1 })} value={ch.type} onChange={(e) => setD({ ...d, channels: d.channels.map((x, j) => (j === i ? { ...x, type: e.target.value as ChannelTypeT } : x)) })}>
                {CHANNEL_TYPES.map((c) => <option key={c} value={c}>{t(`standards.channel.${c}`)}</option>)}
              </SelectField>
              <TextField label={t('standards.web.channelValue', { n: i + 1 })} value={ch.value} onChange={(e) => setD({ ...d, channels: d.channels.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })} />
            </div>
          ))}
          <button type="button" className="btn btn--small" onClick={() => setD({ ...d, channels: [...d.channels, { type: 'wa', value: '' }] })}>{t('standards.web.addChannel')}</button>
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('standards.web.mGroup')}</legend>
        <p className="hint">{t('standards.web.richHint')}</p>
        {M_KEYS.map((k) => (
          <TextAreaField key={k} label={label(k)} rows={3} value={d.rich[k] ?? ''} onChange={(e) => setD({ ...d, rich: { ...d.rich, [k]: e.target.value } })} />
        ))}
      </fieldset>
      <div className="form-actions"><button className="btn btn--primary" type="submit" disabled={busy}>{t('standards.web.save')}</button></div>
    </form>
  );
}
