import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { gql, useMutation, useQuery } from 'urql';
import { errorCode } from '../../app/client';
import { useI18n } from '../../app/i18n';
import { formatDay, localDate, pickLang } from '../../app/time';
import type { Connection, WarningLevel } from '../../app/types';
import { WarningBadge } from '../../components/Badges';
import { formatSpan } from '../../components/Due';
import { Loading, QueryError } from '../../components/QueryState';
import { useDebounced } from '../../components/useDebounced';
import type { OverdueList } from '../myday/plan';

export const OVERSIGHT_STATIONS_QUERY = gql`
  query OversightStations($first: Int!) {
    stations(first: $first) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`;

export const STALE_PAIRINGS_QUERY = gql`
  query StalePairings($days: Int!, $stationId: ID, $first: Int!) {
    stalePairings(days: $days, stationId: $stationId, first: $first) {
      days
      asOf
      totalCount
      pairings {
        since
        daysWithoutContact
        remindedToday
        match {
          id
          followUpDue
          lastVisitAt
          lastContactAt
          household {
            id
            warningLevel
            identity {
              headName
            }
            village {
              id
              name
            }
          }
          worker {
            id
            name
            station {
              id
              name
            }
          }
        }
      }
      silentWorkers {
        activeMatches
        staleMatches
        lastContactAt
        worker {
          id
          name
          phone
        }
        station {
          id
          name
        }
      }
    }
  }
`;

export const OVERSIGHT_OVERDUE_QUERY = gql`
  query OversightOverdue($scope: WatchScopeInput) {
    overdue(scope: $scope) {
      at
      alerts {
        alertId
        householdId
        level
        dueAt
        hoursOverdue
        escalationStep
      }
      followUps {
        matchId
        householdId
        followUpDue
        daysOverdue
        escalationStep
      }
    }
  }
`;

export const REMIND_WORKER_MUTATION = gql`
  mutation RemindWorker($matchId: ID!) {
    remindWorker(matchId: $matchId) {
      __typename
      ... on RemindWorkerSuccess {
        alreadySent
        notification {
          id
          createdAt
        }
      }
      ... on NotFound {
        message
        field
        code
      }
    }
  }
`;

/** A household named in a list that carries only its id (the overdue list). */
export const HOUSEHOLD_LABEL_QUERY = gql`
  query HouseholdLabel($id: ID!) {
    household(id: $id) {
      id
      identity {
        headName
      }
      village {
        id
        name
      }
      worker {
        id
        name
      }
    }
  }
`;

export interface StalePairing {
  since: string;
  daysWithoutContact: number;
  remindedToday: boolean;
  match: {
    id: string;
    followUpDue: string | null;
    lastVisitAt: string | null;
    lastContactAt: string | null;
    household: {
      id: string;
      warningLevel: WarningLevel;
      identity: { headName: string } | null;
      village: { id: string; name: string };
    } | null;
    worker: { id: string; name: string; station: { id: string; name: string } } | null;
  };
}

export interface SilentWorker {
  activeMatches: number;
  staleMatches: number;
  lastContactAt: string | null;
  worker: { id: string; name: string; phone: string | null } | null;
  station: { id: string; name: string } | null;
}

interface StaleData {
  stalePairings: {
    days: number;
    asOf: string;
    totalCount: number;
    pairings: StalePairing[];
    silentWorkers: SilentWorker[];
  };
}

export const DEFAULT_STALE_DAYS = 30;
/** Overdue rows shown before "show all" (each names its household with a small query). */
export const OVERDUE_SHOWN = 30;

export function OversightPage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const stationId = search.get('station') ?? '';
  const daysParam = Number(search.get('days'));
  const [days, setDays] = useState(Number.isInteger(daysParam) && daysParam > 0 ? String(daysParam) : String(DEFAULT_STALE_DAYS));
  const settledDays = useDebounced(days, 400);
  const daysValue = Math.min(365, Math.max(1, Number.parseInt(settledDays, 10) || DEFAULT_STALE_DAYS));

  useEffect(() => {
    const next = new URLSearchParams(search);
    if (daysValue !== DEFAULT_STALE_DAYS) next.set('days', String(daysValue));
    else next.delete('days');
    if (next.toString() !== search.toString()) setSearch(next, { replace: true });
  }, [daysValue]); // only when the typed number settles

  const [stations] = useQuery<{ stations: Connection<{ id: string; name: string }> }>({
    query: OVERSIGHT_STATIONS_QUERY,
    variables: { first: 100 },
  });
  const stationList = stations.data?.stations.edges.map((e) => e.node) ?? [];

  return (
    <section className="page" data-testid="oversight-page">
      <header className="page-header">
        <div>
          <h1>{t('oversight.title')}</h1>
          <p className="muted small">{t('oversight.intro')}</p>
        </div>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span className="field-label">{t('oversight.station')}</span>
          <select
            value={stationId}
            onChange={(e) => {
              const next = new URLSearchParams(search);
              if (e.target.value) next.set('station', e.target.value);
              else next.delete('station');
              setSearch(next, { replace: true });
            }}
            data-testid="oversight-station"
          >
            <option value="">{t('oversight.ownScope')}</option>
            {stationList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-narrow">
          <span className="field-label">{t('oversight.days')}</span>
          <input
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="oversight-days"
          />
        </label>
      </form>
      <StaleSection days={daysValue} stationId={stationId || null} />
      <OverdueSection stationId={stationId || null} />
    </section>
  );
}

function StaleSection({ days, stationId }: { days: number; stationId: string | null }) {
  const { t, lang } = useI18n();
  const [{ data, error, fetching }] = useQuery<StaleData>({
    query: STALE_PAIRINGS_QUERY,
    variables: { days, stationId, first: 100 },
  });
  const [reminded, setReminded] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [state, remind] = useMutation(REMIND_WORKER_MUTATION);
  const result = data?.stalePairings;

  async function onRemind(p: StalePairing) {
    setProblem(null);
    const res = await remind({ matchId: p.match.id });
    const payload = res.data?.remindWorker as
      | { __typename: 'RemindWorkerSuccess'; alreadySent: boolean }
      | { __typename: 'NotFound'; message: string }
      | undefined;
    const name = p.match.worker?.name ?? '';
    if (payload?.__typename === 'RemindWorkerSuccess') {
      setReminded((r) => ({
        ...r,
        [p.match.id]: payload.alreadySent ? t('oversight.remindAlready', { name }) : t('oversight.remindDone', { name }),
      }));
    } else if (payload?.__typename === 'NotFound') {
      setProblem(t('oversight.remindFailed', { message: pickLang(payload.message, lang) }));
    } else {
      setProblem(
        t('oversight.remindFailed', {
          message: res.error?.networkError ? t('error.network') : (res.error?.graphQLErrors[0]?.message ?? res.error?.message ?? ''),
        }),
      );
    }
  }

  return (
    <>
      <section className="card oversight-card" data-testid="stale-pairings">
        <h2>
          {t('oversight.stale')} {result && <span className="count-pill">{result.totalCount}</span>}
        </h2>
        {error && <QueryError error={error} />}
        {!data && fetching && <Loading />}
        {result && <p className="muted small">{t('oversight.staleIntro', { days: result.days, count: result.totalCount })}</p>}
        {problem && (
          <p className="notice notice-error" role="alert" data-testid="remind-error">
            {problem}
          </p>
        )}
        {result && result.pairings.length === 0 && <p className="empty-state">{t('oversight.noStale')}</p>}
        {result && result.pairings.length > 0 && (
          <div className="table-wrap">
            <table className="data responsive" data-testid="stale-table">
              <thead>
                <tr>
                  <th>{t('oversight.household')}</th>
                  <th>{t('oversight.worker')}</th>
                  <th>{t('oversight.since')}</th>
                  <th className="num">{t('oversight.daysWithout')}</th>
                  <th aria-label={t('oversight.remind')} />
                </tr>
              </thead>
              <tbody>
                {result.pairings.map((p) => {
                  const h = p.match.household;
                  const done = reminded[p.match.id];
                  return (
                    <tr key={p.match.id} data-testid="stale-row" data-warning={h?.warningLevel}>
                      <td data-label={t('oversight.household')}>
                        {h ? (
                          <Link to={`/households/${encodeURIComponent(h.id)}`}>
                            {h.identity?.headName ?? t('household.anonymous', { id: h.id })}
                          </Link>
                        ) : (
                          t('common.none')
                        )}{' '}
                        {h && h.warningLevel !== 'NONE' && <WarningBadge level={h.warningLevel} />}
                        {h && <small className="muted"> {h.village.name}</small>}
                      </td>
                      <td data-label={t('oversight.worker')}>
                        {p.match.worker?.name ?? t('common.none')}
                        {p.match.worker && <small className="muted"> · {p.match.worker.station.name}</small>}
                      </td>
                      <td data-label={t('oversight.since')}>{formatDay(localDate(new Date(p.since)), lang)}</td>
                      <td className="num" data-label={t('oversight.daysWithout')}>
                        <strong className={p.daysWithoutContact >= 60 ? 'overdue' : undefined}>
                          {t('oversight.daysValue', { count: p.daysWithoutContact })}
                        </strong>
                      </td>
                      <td className="actions">
                        {done ? (
                          <span className="badge reminded-badge" role="status" data-testid="remind-done">
                            ✓ {done}
                          </span>
                        ) : p.remindedToday ? (
                          <span className="badge reminded-badge" data-testid="reminded-today">
                            ✓ {t('oversight.reminded')}
                          </span>
                        ) : (
                          <button
                            type="button"
                            onClick={() => onRemind(p)}
                            disabled={state.fetching}
                            data-testid="remind-button"
                          >
                            {t('oversight.remind')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card oversight-card" data-testid="silent-workers">
        <h2>
          {t('oversight.silent')} {result && <span className="count-pill">{result.silentWorkers.length}</span>}
        </h2>
        {result && <p className="muted small">{t('oversight.silentIntro', { days: result.days })}</p>}
        {result && result.silentWorkers.length === 0 && <p className="empty-state">{t('oversight.noSilent')}</p>}
        {result && result.silentWorkers.length > 0 && (
          <div className="table-wrap">
            <table className="data responsive" data-testid="silent-table">
              <thead>
                <tr>
                  <th>{t('oversight.worker')}</th>
                  <th>{t('oversight.station')}</th>
                  <th className="num">{t('oversight.activeMatches')}</th>
                  <th className="num">{t('oversight.staleMatches')}</th>
                  <th>{t('oversight.lastContact')}</th>
                </tr>
              </thead>
              <tbody>
                {result.silentWorkers.map((w, i) => (
                  <tr key={w.worker?.id ?? i} data-testid="silent-row">
                    <td data-label={t('oversight.worker')}>
                      {w.worker?.name ?? t('common.none')}
                      {w.worker?.phone && <small className="muted"> · {w.worker.phone}</small>}
                    </td>
                    <td data-label={t('oversight.station')}>{w.station?.name ?? t('common.none')}</td>
                    <td className="num" data-label={t('oversight.activeMatches')}>
                      {w.activeMatches}
                    </td>
                    <td className="num" data-label={t('oversight.staleMatches')}>
                      {w.staleMatches}
                    </td>
                    <td data-label={t('oversight.lastContact')}>
                      {w.lastContactAt ? formatDay(localDate(new Date(w.lastContactAt)), lang) : t('oversight.never')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function OverdueSection({ stationId }: { stationId: string | null }) {
  const { t, label, dateTime, lang } = useI18n();
  const [all, setAll] = useState(false);
  const [{ data, error, fetching }] = useQuery<{ overdue: OverdueList }>({
    query: OVERSIGHT_OVERDUE_QUERY,
    variables: { scope: stationId ? { stationId } : null },
  });
  const list = data?.overdue;
  const alerts = list?.alerts ?? [];
  const followUps = list?.followUps ?? [];
  const cap = (n: number) => (all ? n : Math.min(n, OVERDUE_SHOWN));
  const needsStation = errorCode(error) === 'BAD_USER_INPUT';

  return (
    <section className="card oversight-card" data-testid="oversight-overdue">
      <h2>{t('oversight.overdue')}</h2>
      {needsStation ? <p className="notice">{t('oversight.chooseStation')}</p> : error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {list && alerts.length === 0 && followUps.length === 0 && <p className="empty-state">{t('oversight.noOverdue')}</p>}
      {alerts.length > 0 && (
        <>
          <h3>
            {t('oversight.overdueAlerts')} <span className="count-pill">{alerts.length}</span>
          </h3>
          <div className="table-wrap">
            <table className="data responsive" data-testid="overdue-alerts-table">
              <thead>
                <tr>
                  <th>{t('alerts.level')}</th>
                  <th>{t('oversight.household')}</th>
                  <th>{t('oversight.dueAt')}</th>
                  <th>{t('oversight.late')}</th>
                  <th>{t('oversight.step')}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.slice(0, cap(alerts.length)).map((a) => (
                  <tr key={a.alertId} data-testid="overdue-alert-row" data-warning={a.level}>
                    <td data-label={t('alerts.level')}>
                      <WarningBadge level={a.level} />
                    </td>
                    <td data-label={t('oversight.household')}>
                      <HouseholdLabel id={a.householdId} />
                    </td>
                    <td data-label={t('oversight.dueAt')}>{dateTime(a.dueAt)}</td>
                    <td data-label={t('oversight.late')} className="overdue">
                      {formatSpan(a.hoursOverdue * 3_600_000, t)}
                    </td>
                    <td data-label={t('oversight.step')}>
                      <span className={`step step-${a.escalationStep}`}>{label('EscalationStep', String(a.escalationStep))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {followUps.length > 0 && (
        <>
          <h3>
            {t('oversight.overdueFollowUps')} <span className="count-pill">{followUps.length}</span>
          </h3>
          <div className="table-wrap">
            <table className="data responsive" data-testid="overdue-follow-ups-table">
              <thead>
                <tr>
                  <th>{t('oversight.household')}</th>
                  <th>{t('oversight.dueAt')}</th>
                  <th>{t('oversight.late')}</th>
                  <th>{t('oversight.step')}</th>
                </tr>
              </thead>
              <tbody>
                {followUps.slice(0, cap(followUps.length)).map((f) => (
                  <tr key={f.matchId} data-testid="overdue-follow-up-row">
                    <td data-label={t('oversight.household')}>
                      <HouseholdLabel id={f.householdId} withWorker />
                    </td>
                    <td data-label={t('oversight.dueAt')}>{formatDay(f.followUpDue, lang)}</td>
                    <td data-label={t('oversight.late')} className="overdue">
                      {t('oversight.daysValue', { count: f.daysOverdue })}
                    </td>
                    <td data-label={t('oversight.step')}>
                      <span className={`step step-${f.escalationStep}`}>{label('EscalationStep', String(f.escalationStep))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {(alerts.length > OVERDUE_SHOWN || followUps.length > OVERDUE_SHOWN) && (
        <button type="button" className="link" onClick={() => setAll(!all)} data-testid="overdue-toggle-all">
          {all ? t('common.hide') : t('common.showAll', { count: alerts.length + followUps.length })}
        </button>
      )}
    </section>
  );
}

/** A household by name (and its worker), fetched on its own: the overdue list carries ids only. */
export function HouseholdLabel({ id, withWorker = false }: { id: string; withWorker?: boolean }) {
  const { t } = useI18n();
  const [{ data }] = useQuery<{
    household: { id: string; identity: { headName: string } | null; village: { name: string }; worker: { name: string } | null } | null;
  }>({ query: HOUSEHOLD_LABEL_QUERY, variables: { id } });
  const h = data?.household;
  return (
    <span className="household-label">
      <Link to={`/households/${encodeURIComponent(id)}`}>{h?.identity?.headName ?? t('household.anonymous', { id })}</Link>
      {h && <small className="muted"> {h.village.name}</small>}
      {withWorker && h?.worker && <small className="muted"> · {h.worker.name}</small>}
    </span>
  );
}
