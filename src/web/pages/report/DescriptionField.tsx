/**
 * The description with a live character count. The count is tied to the textarea by
 * aria-describedby; a polite live region speaks only near the limit, so a screen reader
 * is not interrupted at every keystroke.
 */
import { useId } from 'react';
import { useI18n } from '../../app/i18n.js';

/** Announce the remaining characters from this many on. */
const WARN_AT = 200;

export function DescriptionField({ value, max, error, onChange }: { value: string; max: number; error?: string; onChange(v: string): void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const n = (x: number) => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB').format(x);
  const left = max - value.length;
  const near = left <= WARN_AT;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <span className="label-row">
        <label htmlFor={id}>{t('web.report.description')}</label>
        <span aria-hidden="true" className="required">*</span>
      </span>
      <p id={`${id}-hint`} className="hint">{t('web.report.descriptionHint')}</p>
      <textarea
        id={id}
        required
        rows={7}
        value={value}
        aria-invalid={error || left < 0 ? true : undefined}
        aria-describedby={[`${id}-hint`, `${id}-count`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-count`} className={`hint counter${left < 0 ? ' counter--over' : near ? ' counter--near' : ''}`}>
        {left < 0 ? t('web.report.charsOver', { count: n(-left), max: n(max) }) : t('web.report.charsCount', { count: n(value.length), max: n(max) })}
      </p>
      <p className="visually-hidden" aria-live="polite">{near ? (left < 0 ? t('web.report.charsOver', { count: n(-left), max: n(max) }) : t('web.report.charsLeft', { count: n(left) })) : ''}</p>
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </div>
  );
}
