import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';

export const GRAPHQL_URL = '/graphql';

/**
 * Sent on every request: a cross-site form cannot set it, so the server can refuse a multipart
 * POST without it (no CORS preflight protects multipart bodies otherwise).
 */
export const CLIENT_HEADER: Readonly<Record<string, string>> = { 'X-Bangfu-Client': 'web' };

/** The `extensions.code` of the first GraphQL error that has one (UNAUTHENTICATED, FORBIDDEN…). */
export function errorCode(error: CombinedError | undefined | null): string | undefined {
  if (!error) return undefined;
  for (const e of error.graphQLErrors) {
    const code = e.extensions?.code;
    if (typeof code === 'string') return code;
  }
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  return undefined;
}

export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  return errorCode(error) === 'UNAUTHENTICATED';
}

export interface ClientOptions {
  token: string | null;
  /** Called when the server refuses the token: the session is over. */
  onUnauthenticated: () => void;
  url?: string;
  /** A fetch to use instead of the global one (tests). */
  fetch?: typeof globalThis.fetch;
}

export function createClient({ token, onUnauthenticated, url = GRAPHQL_URL, fetch }: ClientOptions): Client {
  return new Client({
    url,
    preferGetMethod: false,
    fetch,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = { ...CLIENT_HEADER };
      if (token) headers.Authorization = `Bearer ${token}`;
      return { headers };
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
