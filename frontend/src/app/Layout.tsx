import { useEffect } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import { gql, useQuery } from 'urql';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { LangToggle } from './LangToggle';
import { CASELOAD_VIEW_ROLES, hasRole, type User } from './types';

export const ME_QUERY = gql`
  query Me {
    me {
      id
      username
      role
      displayName
    }
  }
`;

/** Confirms the stored session with the server and keeps the header's user fresh. */
function SessionCheck() {
  const auth = useAuth();
  const [{ data, error }] = useQuery<{ me: User | null }>({ query: ME_QUERY });
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
  return (
    <div className="shell">
      <SessionCheck />
      <header className="topbar">
        <NavLink to="/households" className="brand" aria-label="帮扶 Bangfu">
          <span className="brand-mark" aria-hidden="true">
            帮
          </span>
          <span className="brand-zh">帮扶</span>
          <span className="brand-en">Bangfu</span>
        </NavLink>
        <nav className="mainnav" data-testid="main-nav">
          <NavLink to="/households">{t('nav.households')}</NavLink>
          <NavLink to="/workers">{t('nav.workers')}</NavLink>
          <NavLink to="/stations">{t('nav.stations')}</NavLink>
          {hasRole(user, CASELOAD_VIEW_ROLES) && (
            <NavLink to="/caseload" data-testid="nav-caseload">
              {t('nav.caseload')}
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
          <LangToggle />
          <button type="button" className="ghost" onClick={() => signOut()} data-testid="logout">
            {t('auth.logout')}
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}
