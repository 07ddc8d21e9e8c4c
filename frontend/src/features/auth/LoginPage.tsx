import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useAuth } from '../../app/auth';
import { unreachable } from '../../app/exhaustive';
import { useI18n } from '../../app/i18n';
import { LangToggle } from '../../app/LangToggle';
import { LOGIN_MUTATION } from './auth.graphql';

export const DEMO_USERS = [
  'admin',
  'coordinator',
  'station',
  'worker',
  'charity',
  'enterprise',
  'volunteer',
  'auditor',
] as const;

const DEMO_MODE = import.meta.env.VITE_BANGFU_DEMO !== '0';
const DEMO_PASSWORD = import.meta.env.VITE_BANGFU_DEMO_PASSWORD || 'bangfu-demo';

export function LoginPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  // Back to where the session ran out; else `/`, which lands each role on its own page.
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ text: string; field: string | null } | null>(null);
  const [result, login] = useMutation(LOGIN_MUTATION);

  if (auth.token) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem({ text: t('auth.required'), field: !username.trim() ? 'username' : 'password' });
      return;
    }
    setProblem(null);
    const res = await login({ username: username.trim(), password });
    const payload = res.data?.login;
    if (!payload) {
      setProblem({ text: t(res.error?.networkError ? 'error.network' : 'auth.failed'), field: null });
      return;
    }
    switch (payload.__typename) {
      case 'LoginSuccess':
        auth.signIn(payload.token, payload.user);
        navigate(from, { replace: true });
        break;
      case 'InvalidCredentials':
        setProblem({ text: t('auth.invalid'), field: payload.field });
        break;
      case 'LoginThrottled':
        setProblem({ text: t('auth.throttled', { seconds: payload.retryAfterSeconds }), field: null });
        break;
      default:
        unreachable(payload);
    }
  }

  function pickDemo(name: string) {
    setUsername(name);
    setPassword(DEMO_PASSWORD);
    setProblem(null);
  }

  return (
    <div className="login-screen">
      <div className="login-lang">
        <LangToggle />
      </div>
      <main className="login-card" data-testid="login-page">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            帮
          </span>
          <span>
            <span className="brand-zh">帮扶</span> <span className="brand-en">Bangfu</span>
          </span>
        </div>
        <p className="login-tagline">{t('app.tagline')}</p>
        <h1>{t('auth.title')}</h1>
        <p className="muted">{t('auth.subtitle')}</p>
        <form onSubmit={onSubmit} noValidate data-testid="login-form">
          <label>
            <span>{t('auth.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={problem?.field === 'username' || undefined}
              data-testid="login-username"
            />
          </label>
          <label>
            <span>{t('auth.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={problem?.field === 'password' || undefined}
              data-testid="login-password"
            />
          </label>
          {(problem || auth.expired) && (
            <p className="notice notice-error" role="alert" data-testid="login-error">
              {problem?.text ?? t('auth.expired')}
            </p>
          )}
          <button type="submit" className="primary" disabled={result.fetching} data-testid="login-submit">
            {result.fetching ? t('auth.loggingIn') : t('auth.login')}
          </button>
        </form>
        {DEMO_MODE && (
          <div className="demo-hint" data-testid="demo-hint">
            <span>{t('auth.demoHint', { password: DEMO_PASSWORD })}</span>
            <span className="demo-users">
              {DEMO_USERS.map((name) => (
                <button key={name} type="button" className="link" onClick={() => pickDemo(name)}>
                  {name}
                </button>
              ))}
            </span>
          </div>
        )}
      </main>
    </div>
  );
}
