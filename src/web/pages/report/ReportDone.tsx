/**
 * After a report is filed: the tracking code and the reporter key, large and copyable, and
 * where to follow it. The key is shown here once (and sent to the contact given): only with
 * it can the reporter confirm, dispute or add information (ADR 0027).
 */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn--small"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="small muted">{copied === true ? t('web.report.copied') : copied === false ? t('web.report.copyFailed') : ''}</span>
    </>
  );
}

export function ReportDone({ code, reporterKey, confidential, onAnother }: { code: string; reporterKey: string | null; confidential: boolean; onAnother(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="card done" role="region" aria-labelledby="done-title">
      <h2 id="done-title">{t('web.report.doneTitle')}</h2>
      <p>{t('web.report.doneCodeIntro')}</p>
      <p className="tracking-code">
        <code data-testid="tracking-code">{code}</code>
      </p>
      <div className="form-actions">
        <CopyButton text={code} label={t('web.report.copyCode')} />
      </div>
      {reporterKey ? (
        <>
          <p>{t('web.report.doneKeyIntro')}</p>
          <p className="tracking-code">
            <code data-testid="reporter-key">{reporterKey}</code>
          </p>
          <div className="form-actions">
            <CopyButton text={reporterKey} label={t('web.report.copyKey')} />
          </div>
          <p>{t('web.report.doneKeyKeep')}</p>
        </>
      ) : null}
      {confidential ? <p>{t('web.report.doneConfidential')}</p> : <p>{t('web.report.doneKeep')}</p>}
      <div className="form-actions">
        <Link className="btn btn--primary" to={`/lacak/${encodeURIComponent(code)}`}>{t('web.report.trackNow')}</Link>
        <button type="button" className="btn btn--plain" onClick={onAnother}>{t('web.report.another')}</button>
      </div>
    </div>
  );
}
