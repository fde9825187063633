/** The complaint desk (verifikator): the verification queue by due date, and every case. */
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Inbox } from './Inbox.js';
import { RoutingAccuracy } from '../case/RoutingSuggestions.js';

export function DeskInboxPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('web.desk.title')} lead={t('web.desk.lead')} actions={<Link className="btn btn--primary" to="/meja/baru">{t('web.intake.title')}</Link>} />
      <RoutingAccuracy />
      <Inbox views={['verification', 'due_soon', 'overdue', 'escalated', 'all']} showOpdFilter caption={t('web.desk.title')} />
    </>
  );
}
