/**
 * The two privacy choices of SP4N-LAPOR!, each in plain words, and a live summary of who
 * will see what with the current choice (DOMAIN.md §2: anonim hides the reporter from
 * the OPD and the public, the desk still sees it; rahasia hides the whole report from
 * the public).
 */
import { useI18n } from '../../app/i18n.js';
import { CheckboxField } from '../../components/Field.js';

export function PrivacyFieldset({ isAnonymous, isConfidential, onChange }: { isAnonymous: boolean; isConfidential: boolean; onChange(v: { isAnonymous: boolean; isConfidential: boolean }): void }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('web.report.privacy')}</legend>
      <p className="hint">{t('web.report.privacyLead')}</p>
      <CheckboxField label={t('web.report.anonymous')} hint={t('web.report.anonymousHint')} checked={isAnonymous} onChange={(e) => onChange({ isAnonymous: e.target.checked, isConfidential })} />
      <CheckboxField label={t('web.report.confidential')} hint={t('web.report.confidentialHint')} checked={isConfidential} onChange={(e) => onChange({ isAnonymous, isConfidential: e.target.checked })} />
      <div className="who-sees" aria-live="polite">
        <p className="label">{t('web.report.whoSees')}</p>
        <ul>
          <li>{t('web.report.sees.desk')}</li>
          <li>{isAnonymous ? t('web.report.sees.opdAnonymous') : t('web.report.sees.opd')}</li>
          <li>{isConfidential ? t('web.report.sees.publicConfidential') : t('web.report.sees.public')}</li>
        </ul>
      </div>
    </fieldset>
  );
}
