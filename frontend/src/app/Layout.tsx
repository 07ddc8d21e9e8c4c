import { useEffect } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { LangToggle } from './LangToggle';
import { ALERT_ROLES, AUDIT_ROLES, CASELOAD_VIEW_ROLES, DASHBOARD_ROLES, MY_DAY_ROLES, NETWORK_ROLES, OVERSIGHT_ROLES, STATION_ROUNDS_ROLES, hasRole, landingPath } from './roles';
import { HOUSEHOLD_LIST_ROLES, LEDGER_ROLES, MARKET_HOME_ROLES } from './roles';
import { GRID_QUEUE_ROLES, JOBS_ROLES, VOLUNTEER_ROLES } from './roles';
import { VISIT_ROLES } from './roles';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { LOGOUT_MUTATION, ME_QUERY } from './app.graphql';
import { TodayGate } from './today';

/** Confirms the stored session with the server and keeps the header's user fresh. */
function SessionCheck() {
  const auth = useAuth();
  const [{ data, error }] = useQuery({ query: ME_QUERY });
  const { updateUser, signOut, user } = auth;
  useEffect(() => {
    if (!data || error) return;
    if (data.me === null) signOut(true);
    else if (JSON.stringify(data.me) !== JSON.stringify(user)) updateUser(data.me);
  }, [data, error, signOut, updateUser, user]);
  return null;
}

export function RequireAuth() {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Layout />;
}

function Layout() {
  const { t, label } = useI18n();
  const { user, signOut } = useAuth();
  const [, logout] = useMutation(LOGOUT_MUTATION);
  // 退出登录: the server revokes the token; the session ends here whatever it answers.
  const signOutEverywhere = async () => {
    const res = await logout({});
    // LogoutSuccess is the only member today: a member added to LogoutResult is a type error
    // here until handled. Refused or unreachable (no payload): the token is forgotten all the same.
    const answer: 'LogoutSuccess' | undefined = res.data?.logout.__typename;
    void answer;
    signOut();
  };
  return (
    <div className="shell">
      <SessionCheck />
      <header className="topbar">
        <NavLink to={landingPath(user)} className="brand" aria-label="帮扶 Bangfu">
          <span className="brand-mark" aria-hidden="true">
            帮
          </span>
          <span className="brand-zh">帮扶</span>
          <span className="brand-en">Bangfu</span>
        </NavLink>
        <nav className="mainnav" data-testid="main-nav" aria-label={t('nav.menu')}>
          {hasRole(user, NETWORK_ROLES) && (
            <NavLink to="/network" data-testid="nav-network">
              {t('nav.network')}
            </NavLink>
          )}
          {hasRole(user, MY_DAY_ROLES) && (
            <NavLink to="/my-day" data-testid="nav-my-day">
              {t('nav.myDay')}
            </NavLink>
          )}
          {hasRole(user, MY_DAY_ROLES) && (
            <NavLink to="/my-round" data-testid="nav-my-round">
              {t('nav.myRound')}
            </NavLink>
          )}
          {hasRole(user, STATION_ROUNDS_ROLES) && (
            <NavLink to="/station-rounds" data-testid="nav-station-rounds">
              {t('nav.stationRounds')}
            </NavLink>
          )}
          {hasRole(user, MARKET_HOME_ROLES) && (
            <NavLink to="/market" data-testid="nav-market">
              {t('nav.market')}
            </NavLink>
          )}
          {hasRole(user, HOUSEHOLD_LIST_ROLES) && (
            <NavLink to="/households" end={false} data-testid="nav-households">
              {t('nav.households')}
            </NavLink>
          )}
          {hasRole(user, ALERT_ROLES) && (
            <NavLink to="/alerts" data-testid="nav-alerts">
              {t('nav.alerts')}
            </NavLink>
          )}
          {hasRole(user, DASHBOARD_ROLES) && (
            <NavLink to="/dashboard" data-testid="nav-dashboard">
              {t('nav.dashboard')}
            </NavLink>
          )}
          <NavLink to="/workers">{t('nav.workers')}</NavLink>
          <NavLink to="/stations">{t('nav.stations')}</NavLink>
          {hasRole(user, CASELOAD_VIEW_ROLES) && (
            <NavLink to="/caseload" data-testid="nav-caseload">
              {t('nav.caseload')}
            </NavLink>
          )}
          {hasRole(user, VISIT_ROLES) && (
            <NavLink to="/referrals" data-testid="nav-referrals">
              {t('nav.referrals')}
            </NavLink>
          )}
          {hasRole(user, VISIT_ROLES) && (
            <NavLink to="/intakes" data-testid="nav-intakes">
              {t('nav.intakes')}
            </NavLink>
          )}
          {hasRole(user, OVERSIGHT_ROLES) && (
            <NavLink to="/oversight" data-testid="nav-oversight">
              {t('nav.oversight')}
            </NavLink>
          )}
          {hasRole(user, LEDGER_ROLES) && (
            <NavLink to="/market/ledger" data-testid="nav-ledger">
              {t('nav.ledger')}
            </NavLink>
          )}
          {hasRole(user, VOLUNTEER_ROLES) && (
            <>
              <NavLink to="/volunteer/tasks" data-testid="nav-vol-tasks">
                {t('nav.volTasks')}
              </NavLink>
              <NavLink to="/volunteer/report" data-testid="nav-grid-report">
                {t('nav.gridReport')}
              </NavLink>
            </>
          )}
          {hasRole(user, JOBS_ROLES) && (
            <NavLink to="/jobs" data-testid="nav-jobs">
              {t('nav.jobs')}
            </NavLink>
          )}
          {hasRole(user, GRID_QUEUE_ROLES) && (
            <NavLink to="/grid-reports" data-testid="nav-grid-queue">
              {t('nav.gridQueue')}
            </NavLink>
          )}
          {hasRole(user, AUDIT_ROLES) && (
            <NavLink to="/audit" data-testid="nav-audit">
              {t('nav.audit')}
            </NavLink>
          )}
        </nav>
        <div className="topbar-right">
          {user && (
            <span className="current-user" data-testid="current-user">
              <span className="user-name">{user.displayName || user.username}</span>
              <span className="role-badge" data-testid="current-role" data-role={user.role}>
                {label('Role', user.role)}
              </span>
            </span>
          )}
          <NotificationBell />
          <LangToggle />
          <button type="button" className="ghost" onClick={() => void signOutEverywhere()} data-testid="logout">
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main className="content">
        <TodayGate>
          <Outlet />
        </TodayGate>
      </main>
    </div>
  );
}
