/**
 * A data table. At phone width each row becomes a card whose cells carry their column
 * name (CSS `data-label`), so nothing needs horizontal scrolling at 360 px.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';

export interface Column<R> {
  header: string;
  cell(row: R): ReactNode;
  /** Cell class, e.g. 'num' or 'actions'. */
  className?: string;
}

export function Table<R>({ caption, columns, rows, rowKey, empty }: { caption: string; columns: Column<R>[]; rows: R[]; rowKey(row: R): string; empty?: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="empty">{empty ?? t('web.table.empty')}</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={c.className}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)}>
            {columns.map((c) => (
              <td key={c.header} data-label={c.header} className={c.className}>
                {c.className === 'actions' ? <div className="cell-actions">{c.cell(r)}</div> : c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatusBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return <span className={`badge ${active ? 'badge--ok' : 'badge--muted'}`}>{active ? t('web.status.active') : t('web.status.inactive')}</span>;
}
