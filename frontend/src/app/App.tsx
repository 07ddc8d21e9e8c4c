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
import { landingPath } from './roles';

// Pages for supervisors, auditors and printing load when first opened.
const StatementPage = lazy(() => import('../features/households/StatementPage').then((m) => ({ default: m.StatementPage })));
const OversightPage = lazy(() => import('../features/oversight/OversightPage').then((m) => ({ default: m.OversightPage })));
const MyRoundPage = lazy(() => import('../features/rounds/MyRoundPage').then((m) => ({ default: m.MyRoundPage })));
const StationRoundsPage = lazy(() => import('../features/rounds/StationRoundsPage').then((m) => ({ default: m.StationRoundsPage })));
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
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
        <Route path="/open/:type/:id" element={<SubjectRedirect />} />
        <Route path="/households" element={<HouseholdsPage />} />
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
