/**
 * The frame of every page: skip link, banner (name, tenant, demo badge, language switch,
 * account), the role's navigation, and the main landmark. After each navigation focus
 * moves to the main content, so keyboard and screen-reader users start at the new page.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { Tenant } from '../api/types.js';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from './i18n.js';
import { useSession } from './session.js';
import { navFor } from './roles.js';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const other = locale === 'id' ? 'en' : 'id';
  return (
    <button type="button" className="btn btn--plain lang-switch" lang={other} onClick={() => setLocale(other)}>
      {t('lang.switch')}
    </button>
  );
}

export function DemoBadge() {
  const { t } = useI18n();
  return (
    <span className="demo-badge" title={t('app.demoNotice')}>
      {t('app.demoBadge')}
    </span>
  );
}

/** Visitors who are not signed in: the citizen's pages, and the staff sign-in. */
function PublicNavigation() {
  const { t } = useI18n();
  const items = [
    { to: '/lapor', label: t('web.nav.report') },
    { to: '/lacak', label: t('web.nav.track') },
    { to: '/statistik', label: t('web.stats.nav') },
    { to: '/layanan', label: t('web.nav.catalogue') },
    { to: '/ikm', label: t('web.nav.ikm') },
    { to: '/login', label: t('web.nav.staffLogin') },
  ];
  return (
    <nav className="nav" aria-label={t('web.nav.publicLabel')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to}>{i.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Navigation() {
  const { t } = useI18n();
  const { user, status } = useSession();
  const { pathname } = useLocation();
  // The login page keeps the keyboard path short (skip link, language, form); it offers
  // the citizen's pages in its own box below the form.
  if (status === 'anonymous') return pathname === '/login' ? null : <PublicNavigation />;
  if (!user) return null;
  const items = [{ to: '/', label: 'web.nav.home' as const }, ...navFor(user)];
  return (
    <nav className="nav" aria-label={t('web.nav.label')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.to === '/'}>{t(i.label)}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The tenant before sign-in (GET /tenant is public), so the login page names the region
 * and shows the demo badge; null when the install cannot tell (several tenants, no prefix).
 */
function usePublicTenant(signedIn: boolean): Pick<Tenant, 'name' | 'isDemo'> | null {
  const [tenant, setTenant] = useState<Tenant | null>(null);
  useEffect(() => {
    if (signedIn || tenant) return;
    api.get<Tenant>('/tenant', undefined, { quiet401: true }).then(setTenant, () => setTenant(null));
  }, [signedIn, tenant]);
  return tenant;
}

export function Shell() {
  const { t } = useI18n();
  const { user, status, logout } = useSession();
  const publicTenant = usePublicTenant(status !== 'anonymous');
  const tenant = user?.tenant ?? publicTenant;
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page starts at the top, with focus on its content (not scrolled past the banner).
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">{t('web.skipLink')}</a>
      <header className="topbar">
        <div className="topbar-inner">
          <div className="brand">
            <Link to="/" className="brand-name">{t('app.name')}</Link>
            <span className="tenant-name">{tenant ? tenant.name : t('app.tagline')}</span>
            {tenant?.isDemo ? <DemoBadge /> : null}
          </div>
          <div className="tools">
            <LanguageSwitch />
            {user ? (
              <>
                <Link to="/account" className="account-link">{user.name}</Link>
                <button type="button" className="btn btn--plain" onClick={() => void logout()}>{t('web.logout')}</button>
              </>
            ) : null}
          </div>
        </div>
        <Navigation />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.name')} · {t('app.tagline')}</p>
      </footer>
    </>
  );
}
