/** A page's one h1, the document title, and the actions beside the heading. */
import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';

export function PageHeader({ title, lead, actions, back }: { title: string; lead?: ReactNode; actions?: ReactNode; back?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-header">
      {back ? <p className="back">{back}</p> : null}
      <div className="page-header-row">
        <h1>{title}</h1>
        {actions ? <div className="actions">{actions}</div> : null}
      </div>
      {lead ? <p className="lead">{lead}</p> : null}
    </div>
  );
}
