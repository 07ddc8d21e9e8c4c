import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';
import { RequireAuth } from './Layout';
import { LoginPage } from '../features/auth/LoginPage';
import { HouseholdsPage } from '../features/households/HouseholdsPage';
import { HouseholdPage } from '../features/households/HouseholdPage';
import { WorkersPage } from '../features/workers/WorkersPage';
import { StationsPage } from '../features/stations/StationsPage';
import { ImportPage } from '../features/households/ImportPage';
import { CaseloadPage } from '../features/caseload/CaseloadPage';
import { PlanPage } from '../features/caseload/PlanPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route index element={<Navigate to="/households" replace />} />
        <Route path="/households" element={<HouseholdsPage />} />
        <Route path="/households/import" element={<ImportPage />} />
        <Route path="/households/:id" element={<HouseholdPage />} />
        <Route path="/workers" element={<WorkersPage />} />
        <Route path="/stations" element={<StationsPage />} />
        <Route path="/caseload" element={<CaseloadPage />} />
        <Route path="/caseload/plans/:id" element={<PlanPage />} />
        <Route path="*" element={<Navigate to="/households" replace />} />
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
