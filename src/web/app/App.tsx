/** Routes of the web client. Pages live in pages/<area>/; the shell frames them all. */
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { SessionUser } from '../api/types.js';
import { Loading } from '../components/Alert.js';
import { PageHeader } from '../components/PageHeader.js';
import { base } from './base.js';
import { I18nProvider, useI18n } from './i18n.js';
import { canReadAudit, isAdmin, isDesk, isLeader, isOpdStaff, isStaff, isSuperadmin } from './roles.js';
import { SessionProvider, useSession } from './session.js';
import { Shell } from './Shell.js';
import { LoginPage } from '../pages/login/LoginPage.js';
import { HomePage } from '../pages/home/HomePage.js';
import { AccountPage } from '../pages/account/AccountPage.js';
import { OpdListPage } from '../pages/organisation/OpdListPage.js';
import { OpdFormPage } from '../pages/organisation/OpdFormPage.js';
import { OpdUnitsPage } from '../pages/organisation/OpdUnitsPage.js';
import { UnitFormPage } from '../pages/organisation/UnitFormPage.js';
import { UnitServicesPage } from '../pages/organisation/UnitServicesPage.js';
import { ServiceFormPage } from '../pages/organisation/ServiceFormPage.js';
import { ImportPage } from '../pages/organisation/ImportPage.js';
import { UserListPage } from '../pages/users/UserListPage.js';
import { UserFormPage } from '../pages/users/UserFormPage.js';
import { TokensPage } from '../pages/tokens/TokensPage.js';
import { CalendarPage } from '../pages/calendar/CalendarPage.js';
import { DeadlineRulesPage } from '../pages/deadlines/DeadlineRulesPage.js';
import { AuditPage } from '../pages/audit/AuditPage.js';
import { TenantsPage } from '../pages/tenants/TenantsPage.js';
import { ReportPage } from '../pages/report/ReportPage.js';
import { TrackLookupPage, TrackPage } from '../pages/track/TrackPage.js';
import { StatsPage } from '../pages/stats/StatsPage.js';
import { DeskInboxPage } from '../pages/desk/DeskInboxPage.js';
import { IntakePage } from '../pages/desk/IntakePage.js';
import { OpdInboxPage } from '../pages/opd-inbox/OpdInboxPage.js';
import { CasePage } from '../pages/case/CasePage.js';
import { EscalationsPage } from '../pages/leaders/EscalationsPage.js';
import { CataloguePage } from '../pages/catalogue/CataloguePage.js';
import { ServicePage } from '../pages/catalogue/ServicePage.js';
import { ConsultationPage } from '../pages/catalogue/ConsultationPage.js';
import { StandardsListPage } from '../pages/standards/StandardsListPage.js';
import { StandardEditorPage } from '../pages/standards/StandardEditorPage.js';
import { PublicResultsPage } from '../pages/skm/PublicResultsPage.js';
import { SkmHomePage } from '../pages/skm/SkmHomePage.js';
import { DashboardPage as SkmDashboardPage } from '../pages/skm/DashboardPage.js';
import { PeriodPage as SkmPeriodPage } from '../pages/skm/PeriodPage.js';
import { QrPage as SkmQrPage } from '../pages/skm/QrPage.js';
import { FlaggedPage as SkmFlaggedPage } from '../pages/skm/FlaggedPage.js';
import { QuestionnairePage as SkmQuestionnairePage } from '../pages/skm/QuestionnairePage.js';
import { CompliancePage } from '../pages/compliance/CompliancePage.js';
import { AssessmentPage } from '../pages/compliance/AssessmentPage.js';
import { MethodsPage } from '../pages/compliance/MethodsPage.js';
import { canSeeCompliance } from '../pages/compliance/shared.js';

/** Pages behind sign-in; `allow` narrows them to the roles that can use them. */
function Guard({ allow, children }: { allow?: (u: SessionUser) => boolean; children: ReactNode }) {
  const { status, user } = useSession();
  const location = useLocation();
  const { t } = useI18n();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (allow && !allow(user)) {
    return (
      <>
        <PageHeader title={t('web.forbidden.title')} />
        <p>{t('error.FORBIDDEN')}</p>
      </>
    );
  }
  return <>{children}</>;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('web.notFound.title')} />
      <p>{t('error.ROUTE_NOT_FOUND')}</p>
    </>
  );
}

const staff = (u: SessionUser) => isStaff(u);
const admin = (u: SessionUser) => isAdmin(u);

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter basename={base.basename || undefined}>
          <Routes>
            <Route element={<Shell />}>
              <Route path="/login" element={<LoginPage />} />
              <Route index element={<Guard><HomePage /></Guard>} />
              <Route path="/account" element={<Guard><AccountPage /></Guard>} />
              <Route path="/organisation" element={<Guard allow={staff}><OpdListPage /></Guard>} />
              <Route path="/organisation/import" element={<Guard allow={admin}><ImportPage /></Guard>} />
              <Route path="/organisation/opds/new" element={<Guard allow={admin}><OpdFormPage /></Guard>} />
              <Route path="/organisation/opds/:id/edit" element={<Guard allow={admin}><OpdFormPage /></Guard>} />
              <Route path="/organisation/opds/:id" element={<Guard allow={staff}><OpdUnitsPage /></Guard>} />
              <Route path="/organisation/opds/:opdId/units/new" element={<Guard allow={staff}><UnitFormPage /></Guard>} />
              <Route path="/organisation/units/:id/edit" element={<Guard allow={staff}><UnitFormPage /></Guard>} />
              <Route path="/organisation/units/:id" element={<Guard allow={staff}><UnitServicesPage /></Guard>} />
              <Route path="/organisation/units/:unitId/services/new" element={<Guard allow={staff}><ServiceFormPage /></Guard>} />
              <Route path="/organisation/services/:id/edit" element={<Guard allow={staff}><ServiceFormPage /></Guard>} />
              <Route path="/users" element={<Guard allow={admin}><UserListPage /></Guard>} />
              <Route path="/users/new" element={<Guard allow={admin}><UserFormPage /></Guard>} />
              <Route path="/users/:id" element={<Guard allow={admin}><UserFormPage /></Guard>} />
              <Route path="/tokens" element={<Guard allow={admin}><TokensPage /></Guard>} />
              <Route path="/calendar" element={<Guard allow={admin}><CalendarPage /></Guard>} />
              <Route path="/audit" element={<Guard allow={canReadAudit}><AuditPage /></Guard>} />
              <Route path="/tenants" element={<Guard allow={isSuperadmin}><TenantsPage /></Guard>} />
              {/* Citizens: no sign-in. */}
              <Route path="/lapor" element={<ReportPage />} />
              <Route path="/lacak" element={<TrackLookupPage />} />
              <Route path="/lacak/:code" element={<TrackPage />} />
              <Route path="/statistik" element={<StatsPage />} />
              <Route path="/ikm" element={<PublicResultsPage />} />
              {/* Satisfaction surveys (issue #4); the survey itself is survey.html at /survei/. */}
              <Route path="/skm" element={<Guard allow={staff}><SkmHomePage /></Guard>} />
              <Route path="/skm/hasil" element={<Guard allow={staff}><SkmDashboardPage /></Guard>} />
              <Route path="/skm/periode/:id" element={<Guard allow={staff}><SkmPeriodPage /></Guard>} />
              <Route path="/skm/qr" element={<Guard allow={staff}><SkmQrPage /></Guard>} />
              <Route path="/skm/ditandai" element={<Guard allow={staff}><SkmFlaggedPage /></Guard>} />
              <Route path="/skm/kuesioner" element={<Guard allow={staff}><SkmQuestionnairePage /></Guard>} />
              {/* Complaint handling (issue #3). */}
              <Route path="/meja" element={<Guard allow={isDesk}><DeskInboxPage /></Guard>} />
              <Route path="/meja/baru" element={<Guard allow={isDesk}><IntakePage /></Guard>} />
              <Route path="/kotak-masuk" element={<Guard allow={isOpdStaff}><OpdInboxPage /></Guard>} />
              <Route path="/eskalasi" element={<Guard allow={isLeader}><EscalationsPage /></Guard>} />
              <Route path="/tenggat" element={<Guard allow={admin}><DeadlineRulesPage /></Guard>} />
              <Route path="/pengaduan/:id" element={<Guard allow={staff}><CasePage /></Guard>} />
              {/* Compliance self-assessment and PEKPPP (issue #5). */}
              <Route path="/kepatuhan" element={<Guard allow={canSeeCompliance}><CompliancePage kind="ombudsman" /></Guard>} />
              <Route path="/kepatuhan/penilaian/:id" element={<Guard allow={canSeeCompliance}><AssessmentPage /></Guard>} />
              <Route path="/kepatuhan/metode" element={<Guard allow={staff}><MethodsPage /></Guard>} />
              <Route path="/pekppp" element={<Guard allow={canSeeCompliance}><CompliancePage kind="pekppp" /></Guard>} />
              {/* Service standards and the public catalogue (issue #5 [D]). */}
              <Route path="/layanan" element={<CataloguePage />} />
              <Route path="/layanan/:serviceId" element={<ServicePage />} />
              <Route path="/layanan/:serviceId/konsultasi" element={<ConsultationPage />} />
              <Route path="/standar" element={<Guard allow={staff}><StandardsListPage /></Guard>} />
              <Route path="/standar/:id" element={<Guard allow={staff}><StandardEditorPage /></Guard>} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
