/** The six service-delivery components as a citizen reads them (public page, consultation, staff preview). */
import type { TSdComponents } from '../../../shared/schemas/standards.js';
import { useI18n } from '../../app/i18n.js';

export function formatRupiah(n: number): string {
  return `Rp ${n.toLocaleString('id-ID')}`;
}

export function SdView({ c, headingLevel = 2, flowDiagramUrl }: { c: TSdComponents; headingLevel?: 2 | 3; flowDiagramUrl?: string | null }) {
  const { t } = useI18n();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="stack">
      <section>
        <H>{t('standards.component.persyaratan')}</H>
        {c.persyaratan?.length ? <ol>{c.persyaratan.map((s, i) => <li key={i}>{s}</li>)}</ol> : <p className="empty">{t('standards.web.notSet')}</p>}
      </section>
      <section>
        <H>{t('standards.component.prosedur')}</H>
        {c.prosedur?.length ? <ol>{c.prosedur.map((s, i) => <li key={i}>{s}</li>)}</ol> : <p className="empty">{t('standards.web.notSet')}</p>}
        {flowDiagramUrl ? <p><a href={flowDiagramUrl} target="_blank" rel="noopener noreferrer">{t('standards.web.flowDiagram')}</a></p> : null}
      </section>
      <dl className="facts">
        <div>
          <dt>{t('standards.component.jangka_waktu')}</dt>
          <dd>{c.jangka_waktu ? t(`standards.timeUnit.${c.jangka_waktu.unit}`, { n: c.jangka_waktu.value }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('standards.component.biaya')}</dt>
          <dd>{c.biaya ? (c.biaya.kind === 'gratis' ? t('standards.free') : formatRupiah(c.biaya.amount)) : '—'}</dd>
          {c.biaya ? <dd className="small muted">{t('standards.legalBasis', { text: c.biaya.legalBasis })}</dd> : null}
        </div>
      </dl>
      <section>
        <H>{t('standards.component.produk')}</H>
        {c.produk?.length ? <ul>{c.produk.map((s, i) => <li key={i}>{s}</li>)}</ul> : <p className="empty">{t('standards.web.notSet')}</p>}
      </section>
      <section>
        <H>{t('standards.component.penanganan_pengaduan')}</H>
        {c.penanganan_pengaduan?.length ? (
          <ul>{c.penanganan_pengaduan.map((ch, i) => <li key={i}><strong>{t(`standards.channel.${ch.type}`)}:</strong> {ch.value}</li>)}</ul>
        ) : <p className="empty">{t('standards.web.notSet')}</p>}
      </section>
    </div>
  );
}

export function LevelBadge({ level }: { level: number }) {
  const { t } = useI18n();
  const cls = level >= 4 ? 'badge--ok' : level >= 2 ? 'badge--info' : level === 1 ? 'badge--warn' : 'badge--muted';
  return <span className={`badge ${cls}`} title={t(`standards.level.${level}` as 'standards.level.0')}>{t('standards.web.levelShort', { n: level })}</span>;
}
