/**
 * NRR per unsur as horizontal bars on the 1–4 scale (plain CSS, no chart library). The
 * numbers are text in the list, so the chart says nothing a screen reader misses; the
 * weakest unsur (lowest NRR) is marked in words, not by colour alone.
 */
import { useI18n } from '../../app/i18n.js';
import { fmt } from './format.js';

export interface NrrBar {
  key: string;
  name: string;
  value: number | null;
}

/** Keys of the unsur with the lowest NRR (ties all count); none without answers. */
export function weakestKeys(items: NrrBar[]): Set<string> {
  const values = items.map((i) => i.value).filter((v): v is number => v !== null);
  if (!values.length) return new Set();
  const min = Math.min(...values);
  return new Set(items.filter((i) => i.value !== null && Math.abs(i.value - min) < 1e-9).map((i) => i.key));
}

export function NrrBars({ items, label, weakest }: { items: NrrBar[]; label: string; weakest?: Set<string> }) {
  const { t, locale } = useI18n();
  const weak = weakest ?? weakestKeys(items);
  return (
    <ul className="nrr-bars" aria-label={label}>
      {items.map((i) => {
        const isWeak = weak.has(i.key);
        // The bar runs over the scale's range 1..4 (an NRR of 1 is an empty bar).
        const width = i.value === null ? 0 : Math.max(0, Math.min(100, ((i.value - 1) / 3) * 100));
        return (
          <li key={i.key} className={isWeak ? 'nrr nrr--weak' : 'nrr'}>
            <span className="nrr-name">
              {i.name}
              {isWeak ? <> <span className="badge badge--warn">{t('skmWeb.weakest')}</span></> : null}
            </span>
            <span className="nrr-value">{i.value === null ? t('skmWeb.noAnswers') : fmt(locale, i.value, 2)}</span>
            <span className="nrr-track" aria-hidden="true">
              <span className="nrr-fill" style={{ width: `${width}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Mutu A/B/C/D as a badge with the kinerja label beside it. */
export function MutuBadge({ mutu, kinerja }: { mutu: string | null; kinerja: string | null }) {
  const { t } = useI18n();
  if (!mutu) return <span className="muted">{t('skmWeb.noAnswers')}</span>;
  return (
    <span className="mutu">
      <span className={`badge mutu-${mutu}`}>{t('skmWeb.mutuValue', { mutu })}</span> {kinerja}
    </span>
  );
}
