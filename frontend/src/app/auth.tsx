import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { createClient } from './client';
import type { User } from './roles';

export const TOKEN_STORAGE_KEY = 'bangfu.token';
export const USER_STORAGE_KEY = 'bangfu.user';

export interface Auth {
  token: string | null;
  user: User | null;
  /** True after the server refused the token, until the next login. */
  expired: boolean;
  signIn: (token: string, user: User) => void;
  /** Ends the session; `expired` tells the login page to say the session ran out. */
  signOut: (expired?: boolean) => void;
  updateUser: (user: User) => void;
  /** The fetch the GraphQL client uses (a test's fake, else the browser's): for multipart uploads. */
  fetch: typeof globalThis.fetch;
}

interface Session {
  token: string | null;
  user: User | null;
  expired: boolean;
}

// The session lives in sessionStorage: it ends with the tab, and is not left in localStorage
// for whoever uses the browser next (issue 8). Legacy localStorage entries are removed.
function readSession(): Session {
  try {
    localStorage.removeItem(TOKEN_STORAGE_KEY);
    localStorage.removeItem(USER_STORAGE_KEY);
  } catch {
    // storage unavailable
  }
  try {
    const token = sessionStorage.getItem(TOKEN_STORAGE_KEY);
    const raw = sessionStorage.getItem(USER_STORAGE_KEY);
    const user = raw ? (JSON.parse(raw) as User) : null;
    return { token, user: token ? user : null, expired: false };
  } catch {
    return { token: null, user: null, expired: false };
  }
}

function writeSession(token: string | null, user: User | null) {
  try {
    if (token) sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
    else sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    if (user) sessionStorage.setItem(USER_STORAGE_KEY, JSON.stringify(user));
    else sessionStorage.removeItem(USER_STORAGE_KEY);
  } catch {
    // storage unavailable: the session lasts as long as the page
  }
}

const AuthContext = createContext<Auth | null>(null);

/** Holds the session and provides a urql client that sends its token. */
export function AuthProvider({ children, fetch }: { children: ReactNode; fetch?: typeof globalThis.fetch }) {
  const [session, setSession] = useState<Session>(readSession);

  const signIn = useCallback((token: string, user: User) => {
    writeSession(token, user);
    setSession({ token, user, expired: false });
  }, []);

  const endSession = useCallback((expired: boolean) => {
    writeSession(null, null);
    setSession({ token: null, user: null, expired });
  }, []);

  const signOut = useCallback((expired = false) => endSession(expired), [endSession]);

  const updateUser = useCallback((user: User) => {
    setSession((s) => {
      if (!s.token) return s;
      writeSession(s.token, user);
      return { ...s, user };
    });
  }, []);

  // A new client per token: a fresh cache, so nothing seen by one user shows for the next.
  const client = useMemo(
    () => createClient({ token: session.token, onUnauthenticated: () => endSession(true), fetch }),
    [session.token, endSession, fetch],
  );

  const sessionFetch = useMemo<typeof globalThis.fetch>(
    () => fetch ?? ((input, init) => globalThis.fetch(input, init)),
    [fetch],
  );

  const auth = useMemo<Auth>(
    () => ({ ...session, signIn, signOut, updateUser, fetch: sessionFetch }),
    [session, signIn, signOut, updateUser, sessionFetch],
  );

  return (
    <AuthContext.Provider value={auth}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
