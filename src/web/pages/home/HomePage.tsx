/** The signed-in user's start page: who they are here, and what their role can open. */
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.js';
import { navFor, primaryRole } from '../../app/roles.js';
import { useUser } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { roleLabel } from '../users/roleLabel.js';

export function HomePage() {
  const { t } = useI18n();
  const user = useUser();
  const role = primaryRole(user);
  const items = navFor(user);
  const opdGrants = user.roles.filter((g) => g.opdId);

  return (
    <>
      <PageHeader title={t('web.home.title', { name: user.name })} lead={role ? t(`web.home.lead.${role}`) : undefined} />
      {user.tenant.isDemo ? <p className="alert alert--info">{t('app.demoNotice')}</p> : null}

      <section aria-labelledby="home-roles" className="section">
        <h2 id="home-roles">{t('web.home.yourRoles')}</h2>
        <ul className="plain-list">
          {user.roles.map((g) => (
            <li key={`${g.role}:${g.opdId ?? ''}`}>
              <strong>{roleLabel(g.role, t)}</strong>
              {g.opdName ? <> — {g.opdId ? <Link to={`/organisation/opds/${g.opdId}`}>{g.opdName}</Link> : g.opdName}</> : null}
            </li>
          ))}
        </ul>
        <p className="muted">{t('web.home.tenant', { tenant: user.tenant.name, code: user.tenant.code })}</p>
      </section>

      <section aria-labelledby="home-work" className="section">
        <h2 id="home-work">{t('web.home.whatYouCanDo')}</h2>
        {items.length === 0 ? (
          <p>{t('web.home.nothingYet')}</p>
        ) : (
          <ul className="cards">
            {items.map((i) => (
              <li key={i.to} className="card">
                <h3><Link to={i.to}>{t(i.label)}</Link></h3>
                <p>{t(i.summary)}</p>
              </li>
            ))}
            {opdGrants.length > 0 ? (
              <li className="card">
                <h3><Link to={`/organisation/opds/${opdGrants[0].opdId}`}>{t('web.home.yourOpd')}</Link></h3>
                <p>{t('web.home.yourOpdSummary', { opd: opdGrants[0].opdName ?? '' })}</p>
              </li>
            ) : null}
          </ul>
        )}
        <p className="muted">{t('web.home.comingSoon')}</p>
      </section>
    </>
  );
}
