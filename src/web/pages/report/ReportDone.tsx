/** After a report is filed: the tracking code, large and copyable, and where to follow it. */
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';

/** Codes filed from this device, newest first, so /lacak can offer them again. */
const MINE_KEY = 'prima.myReports';
export interface MyReport { code: string; title: string; at: string }

export function rememberReport(r: MyReport): void {
  try {
    const list = myReports().filter((x) => x.code !== r.code);
    localStorage.setItem(MINE_KEY, JSON.stringify([r, ...list].slice(0, 10)));
  } catch {
    /* storage unavailable: the citizen still has the code on screen */
  }
}

export function myReports(): MyReport[] {
  try {
    const list = JSON.parse(localStorage.getItem(MINE_KEY) ?? '[]') as MyReport[];
    return Array.isArray(list) ? list.filter((x) => typeof x?.code === 'string') : [];
  } catch {
    return [];
  }
}

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

export function ReportDone({ code, confidential, onAnother }: { code: string; confidential: boolean; onAnother(): void }) {
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
      {confidential ? <p>{t('web.report.doneConfidential')}</p> : <p>{t('web.report.doneKeep')}</p>}
      <div className="form-actions">
        {confidential ? null : <Link className="btn btn--primary" to={`/lacak/${encodeURIComponent(code)}`}>{t('web.report.trackNow')}</Link>}
        <button type="button" className="btn btn--plain" onClick={onAnother}>{t('web.report.another')}</button>
      </div>
    </div>
  );
}
