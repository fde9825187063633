/** An OPD's inbox (operator and head): new cases routed to it, what is due soon, what is late. */
import { useI18n } from '../../app/i18n.js';
import { useUser } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Inbox } from '../desk/Inbox.js';

export function OpdInboxPage() {
  const { t } = useI18n();
  const user = useUser();
  const opdNames = [...new Set(user.roles.map((g) => g.opdName).filter(Boolean))].join(', ');
  return (
    <>
      <PageHeader title={t('web.opdInbox.title')} lead={opdNames ? t('web.opdInbox.lead', { opd: opdNames }) : undefined} />
      <Inbox views={['opd_new', 'due_soon', 'overdue', 'escalated', 'all']} showOpdFilter={false} caption={t('web.opdInbox.title')} />
    </>
  );
}
