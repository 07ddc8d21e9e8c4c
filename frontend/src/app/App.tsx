import { Suspense, lazy, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider, useAuth } from './auth';
import { I18nProvider } from './i18n';
import { RequireAuth } from './Layout';
import { LoginPage } from '../features/auth/LoginPage';
import { HouseholdsPage } from '../features/households/HouseholdsPage';
import { HouseholdPage } from '../features/households/HouseholdPage';
import { WorkersPage } from '../features/workers/WorkersPage';
import { StationsPage } from '../features/stations/StationsPage';
import { ImportPage } from '../features/households/ImportPage';
import { HouseholdCreatePage } from '../features/households/HouseholdCreatePage';
import { HouseholdEditPage } from '../features/households/HouseholdEditPage';
import { CaseloadPage } from '../features/caseload/CaseloadPage';
import { PlanPage } from '../features/caseload/PlanPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { MyDayPage } from '../features/myday/MyDayPage';
import { VisitPage } from '../features/visits/VisitPage';
import { Loading } from '../components/QueryState';
import { SubjectRedirect } from '../features/notifications/SubjectRedirect';
import { ORGANISATION_ROLES, hasRole, landingPath } from './roles';

// Pages for supervisors, auditors and printing load when first opened.
const StatementPage = lazy(() => import('../features/households/StatementPage').then((m) => ({ default: m.StatementPage })));
const OversightPage = lazy(() => import('../features/oversight/OversightPage').then((m) => ({ default: m.OversightPage })));
const MyRoundPage = lazy(() => import('../features/rounds/MyRoundPage').then((m) => ({ default: m.MyRoundPage })));
const StationRoundsPage = lazy(() => import('../features/rounds/StationRoundsPage').then((m) => ({ default: m.StationRoundsPage })));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const MarketPage = lazy(() => import('../features/market/MarketPage').then((m) => ({ default: m.MarketPage })));
const LedgerPage = lazy(() => import('../features/market/LedgerPage').then((m) => ({ default: m.LedgerPage })));
const VolunteerTasksPage = lazy(() => import('../features/volunteering/VolunteerTasksPage').then((m) => ({ default: m.VolunteerTasksPage })));
const GridReportPage = lazy(() => import('../features/volunteering/GridReportPage').then((m) => ({ default: m.GridReportPage })));
const GridQueuePage = lazy(() => import('../features/volunteering/GridQueuePage').then((m) => ({ default: m.GridQueuePage })));
const JobsPage = lazy(() => import('../features/jobs/JobsPage').then((m) => ({ default: m.JobsPage })));
const ReferralListPage = lazy(() => import('../features/casework/ReferralListPage').then((m) => ({ default: m.ReferralListPage })));
const IntakePage = lazy(() => import('../features/casework/IntakePage').then((m) => ({ default: m.IntakePage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
// The network page carries sigma.js and graphology: only its visitors download them.
const NetworkPage = lazy(() => import('../features/network/NetworkPage').then((m) => ({ default: m.NetworkPage })));

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** Charities and enterprises read no household: their way in is the marketplace. */
function NotForOrganisations({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return hasRole(user, ORGANISATION_ROLES) ? <Navigate to={landingPath(user)} replace /> : <>{children}</>;
}

/** `/` and unknown paths: a worker's day, else the household list. */
function Home() {
  const { user } = useAuth();
  return <Navigate to={landingPath(user)} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<Home />} />
        <Route path="/my-day" element={<MyDayPage />} />
        <Route path="/alerts" element={<AlertsPage />} />
        <Route path="/matches/:id/visit" element={<VisitPage />} />
        <Route
          path="/households/:id/statement"
          element={
            <Later>
              <StatementPage />
            </Later>
          }
        />
        <Route
          path="/oversight"
          element={
            <Later>
              <OversightPage />
            </Later>
          }
        />
        <Route
          path="/audit"
          element={
            <Later>
              <AuditPage />
            </Later>
          }
        />
        <Route
          path="/my-round"
          element={
            <Later>
              <MyRoundPage />
            </Later>
          }
        />
        <Route
          path="/station-rounds"
          element={
            <Later>
              <StationRoundsPage />
            </Later>
          }
        />
        <Route path="/dashboard" element={<Later><DashboardPage /></Later>} />
        <Route path="/network" element={<Later><NetworkPage /></Later>} />
        <Route path="/market" element={<Later><MarketPage /></Later>} />
        <Route path="/market/ledger" element={<Later><LedgerPage /></Later>} />
        <Route path="/volunteer/tasks" element={<Later><VolunteerTasksPage /></Later>} />
        <Route path="/volunteer/report" element={<Later><GridReportPage /></Later>} />
        <Route path="/grid-reports" element={<Later><GridQueuePage /></Later>} />
        <Route path="/jobs" element={<Later><JobsPage /></Later>} />
        <Route path="/referrals" element={<Later><ReferralListPage /></Later>} />
        <Route path="/intakes" element={<Later><IntakePage /></Later>} />
        <Route path="/open/:type/:id" element={<SubjectRedirect />} />
        <Route path="/households" element={<NotForOrganisations><HouseholdsPage /></NotForOrganisations>} />
        <Route path="/households/import" element={<ImportPage />} />
        <Route path="/households/new" element={<HouseholdCreatePage />} />
        <Route path="/households/:id/edit" element={<HouseholdEditPage />} />
        <Route path="/households/:id" element={<HouseholdPage />} />
        <Route path="/workers" element={<WorkersPage />} />
        <Route path="/stations" element={<StationsPage />} />
        <Route path="/caseload" element={<CaseloadPage />} />
        <Route path="/caseload/plans/:id" element={<PlanPage />} />
        <Route path="*" element={<Home />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
