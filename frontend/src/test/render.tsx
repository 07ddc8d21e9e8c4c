import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { AppRoutes } from '../app/App';
import { AuthProvider, TOKEN_STORAGE_KEY, USER_STORAGE_KEY } from '../app/auth';
import { I18nProvider } from '../app/i18n';
import type { Lang } from '../app/messages';
import { localDate } from '../app/time';
import type { User } from '../app/roles';

type Handler = (variables: Record<string, unknown>, headers: Headers) => unknown;

export interface FakeServer {
  fetch: typeof globalThis.fetch;
  calls: {
    operationName: string;
    variables: Record<string, unknown>;
    authorization: string | null;
    /** The X-Bangfu-Client header (the server requires it on multipart uploads). */
    client: string | null;
    /** Multipart requests (file uploads): the `map` field and the files by field name. */
    map?: Record<string, string[]>;
    files?: Record<string, File>;
  }[];
}

/**
 * A fetch that answers GraphQL operations by name, as the server would: JSON bodies, and
 * multipart bodies per the GraphQL multipart request spec (`operations`, `map`, files).
 */
export function fakeServer(handlers: Record<string, Handler>): FakeServer {
  const calls: FakeServer['calls'] = [];
  const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    let body: { operationName: string; variables?: Record<string, unknown> };
    let map: Record<string, string[]> | undefined;
    let files: Record<string, File> | undefined;
    if (init?.body instanceof FormData) {
      body = JSON.parse(String(init.body.get('operations')));
      map = JSON.parse(String(init.body.get('map'))) as Record<string, string[]>;
      files = {};
      for (const key of Object.keys(map)) {
        const value = init.body.get(key);
        if (value instanceof File) files[key] = value;
      }
    } else {
      body = JSON.parse(String(init?.body));
    }
    const headers = new Headers(init?.headers);
    const variables = body.variables ?? {};
    calls.push({
      operationName: body.operationName,
      variables,
      authorization: headers.get('authorization'),
      client: headers.get('x-bangfu-client'),
      ...(map ? { map, files } : {}),
    });
    // Every signed-in page waits for the server's day; tests that do not pin it get the
    // browser's, which their own fixtures count from.
    const handler = handlers[body.operationName] ?? (body.operationName === 'Today' ? () => ({ data: { today: localDate(new Date()), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone } }) : undefined);
    const result = handler ? handler(variables, headers) : { data: null, errors: [{ message: `no handler for ${body.operationName}` }] };
    return new Response(JSON.stringify(result), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

export function signedInAs(user: User, token = 'test-token') {
  sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  sessionStorage.setItem(USER_STORAGE_KEY, JSON.stringify(user));
}

export function renderApp(path: string, server: FakeServer, lang: Lang = 'zh-CN') {
  return render(
    <I18nProvider initial={lang}>
      <AuthProvider fetch={server.fetch}>
        <MemoryRouter initialEntries={[path]}>
          <AppRoutes />
        </MemoryRouter>
      </AuthProvider>
    </I18nProvider>,
  );
}

export const STATION_USER: User = {
  id: 'u-station',
  username: 'station',
  role: 'STATION_MANAGER',
  displayName: '城关镇社工站',
};

export const CHARITY_USER: User = {
  id: 'u-charity',
  username: 'charity',
  role: 'CHARITY',
  displayName: '县慈善总会',
};

export const VOLUNTEER_USER: User = {
  id: 'u-volunteer',
  username: 'volunteer',
  role: 'VOLUNTEER',
  displayName: '李志愿',
};

export const COORDINATOR_USER: User = {
  id: 'u-coordinator',
  username: 'coordinator',
  role: 'COORDINATOR',
  displayName: '县民政局统筹',
};

export const WORKER_USER: User = {
  id: 'u-worker',
  username: 'worker',
  role: 'SOCIAL_WORKER',
  displayName: '李娜',
};
