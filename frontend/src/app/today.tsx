// "Today" is the server's day (China's date), not the browser's: a phone set to another zone,
// or a test browser in UTC, would otherwise call a follow-up due tomorrow "today" and ask for
// a round of the wrong day. Instants (a visit's time) stay the browser's — an instant is the
// same everywhere — but the day an instant falls on is told in the server's zone.
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Loading, QueryError } from '../components/QueryState';
import { TODAY_QUERY } from './app.graphql';
import { useI18n } from './i18n';

export interface ServiceDay {
  /** YYYY-MM-DD, the server's today. */
  today: string;
  /** The IANA zone the server counts days in. */
  zone: string;
  /** The day (YYYY-MM-DD) an instant falls on in that zone. */
  dayOf: (instant: Date | string) => string;
}

export function serviceDay(today: string, zone: string): ServiceDay {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return { today, zone, dayOf: (instant) => format.format(typeof instant === 'string' ? new Date(instant) : instant) };
}

const TodayContext = createContext<ServiceDay | null>(null);

// A page left open past midnight turns over within this long.
const REFRESH_MS = 5 * 60_000;

/** Renders its children once the server's day is known, and keeps it fresh. */
export function TodayGate({ children }: { children: ReactNode }) {
  const [{ data, error }, refetch] = useQuery({ query: TODAY_QUERY });
  const { setZone } = useI18n();
  useEffect(() => {
    if (data?.timeZone) setZone(data.timeZone);
  }, [data?.timeZone, setZone]);
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  const fresh = useMemo(() => (data ? serviceDay(data.today, data.timeZone) : null), [data]);
  // A refresh that fails (a phone out of signal) keeps the day already known: the page and
  // whatever is typed in it stay; only a first load that fails shows the error.
  const known = useRef<ServiceDay | null>(null);
  if (fresh) known.current = fresh;
  const value = fresh ?? known.current;
  if (value) return <TodayContext.Provider value={value}>{children}</TodayContext.Provider>;
  if (error) return <QueryError error={error} />;
  return <Loading />;
}

/** A fixed day, for tests and previews. */
export function TodayProvider({ day, zone = 'Asia/Shanghai', children }: { day: string; zone?: string; children: ReactNode }) {
  const value = useMemo(() => serviceDay(day, zone), [day, zone]);
  return <TodayContext.Provider value={value}>{children}</TodayContext.Provider>;
}

/** The server's day and zone. */
export function useServiceDay(): ServiceDay {
  const day = useContext(TodayContext);
  if (day === null) throw new Error('useServiceDay() outside <TodayGate>');
  return day;
}

/** Today as YYYY-MM-DD, the server's day. */
export function useToday(): string {
  return useServiceDay().today;
}
