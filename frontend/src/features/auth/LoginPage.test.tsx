import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY } from '../../app/auth';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';

const emptyHouseholds = {
  data: { households: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
};

function server(extra: Record<string, (v: Record<string, unknown>, h: Headers) => unknown> = {}) {
  return fakeServer({
    Login: (v) =>
      v.password === 'bangfu-demo'
        ? { data: { login: { __typename: 'LoginSuccess', token: 'tok-1', user: STATION_USER } } }
        : { data: { login: { __typename: 'InvalidCredentials', message: 'bad', field: 'password' } } },
    Me: () => ({ data: { me: STATION_USER } }),
    Regions: () => ({ data: { regions: [] } }),
    Households: () => emptyHouseholds,
    ...extra,
  });
}

describe('login', () => {
  it('sends to the login page when there is no session', async () => {
    renderApp('/households', server());
    expect(await screen.findByTestId('login-page')).toBeTruthy();
    expect(screen.getByTestId('demo-hint').textContent).toContain('coordinator');
  });

  it('says so when the credentials are wrong', async () => {
    renderApp('/login', server());
    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'station' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toBe('用户名或密码不正确。');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('stores the token, sends it as a bearer and shows the user and role', async () => {
    const s = server();
    renderApp('/login', s);
    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'station' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'bangfu-demo' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('households-page')).toBeTruthy();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('tok-1');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.getByTestId('current-role').textContent).toBe('社工站站长');
    await waitFor(() => expect(s.calls.some((c) => c.operationName === 'Households')).toBe(true));
    const listCall = s.calls.find((c) => c.operationName === 'Households')!;
    expect(listCall.authorization).toBe('Bearer tok-1');
    expect(listCall.client).toBe('web');
  });

  it('returns to the login page when the server refuses the token', async () => {
    signedInAs(STATION_USER, 'stale');
    const unauthenticated = () => ({
      data: null,
      errors: [{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    renderApp('/households', server({ Me: unauthenticated, Households: unauthenticated, Regions: unauthenticated }));
    expect((await screen.findByTestId('login-error')).textContent).toBe('登录已过期，请重新登录。');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it('logs out', async () => {
    signedInAs(STATION_USER);
    const s = server({ Logout: () => ({ data: { logout: { __typename: 'LogoutSuccess' } } }) });
    renderApp('/households', s);
    fireEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByTestId('login-page')).toBeTruthy();
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    // The server was asked to revoke the token, with the token.
    expect(s.calls.find((c) => c.operationName === 'Logout')?.authorization).toBe('Bearer test-token');
  });

  it('ends the session even when the server cannot be told', async () => {
    signedInAs(STATION_USER);
    renderApp('/households', server());
    fireEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByTestId('login-page')).toBeTruthy();
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });
});
