import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { CASELOAD_ACT_ROLES, CASELOAD_VIEW_ROLES, hasRole } from '../../app/roles';
import { BALANCE_PRIORITIES, WARNING_LEVELS, type BalancePriority, type WarningLevel } from '../../app/enums';
import { LoadBar, loadState } from '../../components/LoadBar';
import { Loading, QueryError } from '../../components/QueryState';
import { PlanStatusBadge, WarningDot } from './PlanBadges';
import { PlanRequestStatus, usePlanRequest, type WhatIfInput } from './PlanRequest';
import type { CaseloadBoardQuery, CaseloadStationsQuery } from '../../graphql/graphql';
import { WhatIfForm } from './WhatIfForm';
import { CASELOAD_STATIONS_QUERY } from '../../components/stations.graphql';
import { CASELOAD_BOARD_QUERY, UNASSIGNED_COUNT_QUERY, CASELOAD_PLANS_QUERY } from './caseload.graphql';

/** A station has tens of workers; one page holds them all. */
export const BOARD_WORKERS = 100;
export const RECENT_PLANS = 10;

type StationOption = CaseloadStationsQuery['stations']['edges'][number]['node'];
/** A worker's card on the board (query CaseloadBoard). */
export type BoardWorker = NonNullable<CaseloadBoardQuery['socialWorkers']>['edges'][number]['node'];
export type BoardHousehold = BoardWorker['households'][number];

const WARNING_RANK: Record<WarningLevel, number> = Object.fromEntries(
  WARNING_LEVELS.map((level, i) => [level, i]),
) as Record<WarningLevel, number>;

/** Red first, then orange, yellow, blue, none. */
export function byWarning<T extends { warningLevel: WarningLevel }>(items: T[]): T[] {
  return [...items].sort((a, b) => WARNING_RANK[a.warningLevel] - WARNING_RANK[b.warningLevel]);
}

export function CaseloadPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  if (!hasRole(user, CASELOAD_VIEW_ROLES)) {
    return (
      <section className="page" data-testid="caseload-page">
        <p className="notice" data-testid="caseload-forbidden">
          {t('caseload.forbidden')}
        </p>
      </section>
    );
  }
  return <CaseloadBoard canAct={hasRole(user, CASELOAD_ACT_ROLES)} />;
}

function CaseloadBoard({ canAct }: { canAct: boolean }) {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const [stations] = useQuery({
    query: CASELOAD_STATIONS_QUERY,
    variables: { first: 100 },
  });
  const options = useMemo(() => stations.data?.stations.edges.map((e) => e.node) ?? [], [stations.data]);
  const wanted = searchParams.get('station');
  const station = options.find((s) => s.id === wanted) ?? options[0] ?? null;

  const chooseStation = (id: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('station', id);
    setSearchParams(next, { replace: true });
  };

  return (
    <section className="page" data-testid="caseload-page">
      <header className="page-header">
        <h1>{t('caseload.title')}</h1>
        {options.length > 1 && station && (
          <label className="field field-inline">
            <span className="field-label">{t('caseload.station')}</span>
            <select value={station.id} onChange={(e) => chooseStation(e.target.value)} data-testid="station-select">
              {options.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {options.length === 1 && station && <span className="page-subtitle">{station.name}</span>}
      </header>
      {stations.error && <QueryError error={stations.error} />}
      {!stations.data && stations.fetching && <Loading />}
      {stations.data && !station && (
        <p className="notice" data-testid="caseload-no-station">
          {t('caseload.noStation')}
        </p>
      )}
      {station && <StationBoard key={station.id} station={station} canAct={canAct} />}
    </section>
  );
}

function StationBoard({ station, canAct }: { station: StationOption; canAct: boolean }) {
  const { t, label, number } = useI18n();
  const [whatIfOpen, setWhatIfOpen] = useState(false);
  const [balance, setBalance] = useState<BalancePriority>('TRAVEL_FIRST');
  const request = usePlanRequest();

  const [board] = useQuery({
    query: CASELOAD_BOARD_QUERY,
    variables: { first: BOARD_WORKERS, filter: { stationId: station.id } },
  });
  const [unassigned] = useQuery({
    query: UNASSIGNED_COUNT_QUERY,
    variables: { filter: { hasNoWorker: true, regionId: station.township.id } },
  });
  const workers = board.data?.socialWorkers.edges.map((e) => e.node) ?? [];
  const unassignedCount = unassigned.data?.households.totalCount;
  const overCount = workers.filter((w) => loadState(w.currentLoad, w.caseloadLimit) === 'over').length;
  const followed = workers.reduce((sum, w) => sum + w.householdCount, 0);
  const busy = request.sending || request.running != null;

  const newPlan = (whatIf?: WhatIfInput) => {
    setWhatIfOpen(false);
    void request.start({ scopeKind: 'STATION', scopeId: station.id, balance, ...(whatIf ? { whatIf } : {}) });
  };

  return (
    <>
      <div className="caseload-top">
        <Link
          to={`/households?township=${encodeURIComponent(station.township.id)}&noWorker=1`}
          className={`stat stat-alert${unassignedCount ? ' stat-alert-on' : ''}`}
          data-testid="unassigned-count"
          data-count={unassignedCount ?? ''}
        >
          <span className="stat-label">{t('caseload.unassigned')}</span>
          <span className="stat-value">
            {unassignedCount == null ? '…' : number(unassignedCount)}
            <small>{t('caseload.unassignedUnit')}</small>
          </span>
          <span className="stat-link">{t('caseload.unassignedLink')} ›</span>
        </Link>
        <div className="stat">
          <span className="stat-label">{t('caseload.workers', { count: number(workers.length) })}</span>
          <span className="stat-value">
            {number(followed)}
            <small>{t('caseload.unassignedUnit')}</small>
          </span>
          {overCount > 0 && (
            <span className="stat-note over" data-testid="over-count">
              {t('caseload.overCount', { count: overCount })}
            </span>
          )}
        </div>
        <div className="caseload-actions">
          {canAct ? (
            <>
              <label className="plan-balance" title={t('caseload.balanceHint')}>
                <span>{t('caseload.balance')}</span>
                <select
                  value={balance}
                  onChange={(e) => setBalance(e.target.value as BalancePriority)}
                  disabled={busy}
                  data-testid="plan-balance-choice"
                >
                  {BALANCE_PRIORITIES.map((b) => (
                    <option key={b} value={b}>
                      {label('BalancePriority', b)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="primary"
                onClick={() => newPlan()}
                disabled={busy}
                data-testid="new-plan"
              >
                {t('caseload.newPlan')}
              </button>
              <button
                type="button"
                onClick={() => setWhatIfOpen((o) => !o)}
                disabled={busy}
                aria-expanded={whatIfOpen}
                data-testid="whatif-open"
              >
                {t('caseload.whatIf')}
              </button>
            </>
          ) : (
            <p className="muted" data-testid="caseload-read-only">
              {t('caseload.readOnly')}
            </p>
          )}
        </div>
      </div>

      {whatIfOpen && canAct && (
        <WhatIfForm
          stationId={station.id}
          workers={workers.map((w) => ({ id: w.id, name: w.name }))}
          disabled={busy}
          onSubmit={newPlan}
          onCancel={() => setWhatIfOpen(false)}
        />
      )}
      <PlanRequestStatus request={request} />

      <div className="caseload-layout">
        <div className="worker-board">
          <WarningLegend />
          <p className="muted small" data-testid="load-unit">
            {t('caseload.loadUnit')}
          </p>
          {board.error && <QueryError error={board.error} />}
          {!board.data && board.fetching && <Loading />}
          {board.data && workers.length === 0 && <p className="notice">{t('caseload.noWorkers')}</p>}
          <ul className="worker-cards" data-testid="worker-board">
            {workers.map((w) => (
              <WorkerCard key={w.id} worker={w} />
            ))}
          </ul>
        </div>
        <RecentPlans stationId={station.id} />
      </div>
    </>
  );
}

function WarningLegend() {
  const { t, label } = useI18n();
  return (
    <p className="legend" aria-label={t('caseload.legend')}>
      <span className="muted">{t('caseload.legend')}</span>
      {WARNING_LEVELS.map((level) => (
        <span key={level} className="legend-item">
          <WarningDot level={level} title={label('WarningLevel', level)} />
          {label('WarningLevel', level)}
        </span>
      ))}
    </p>
  );
}

export function WorkerCard({ worker: w }: { worker: BoardWorker }) {
  const { t, label, number } = useI18n();
  const state = loadState(w.currentLoad, w.caseloadLimit);
  const households = byWarning(w.households);
  return (
    <li className={`worker-card worker-${state}`} data-testid="worker-card" data-state={state} data-worker={w.id}>
      <div className="worker-card-head">
        <strong className="worker-card-name">{w.name}</strong>
        <span className="muted small">
          {t('common.km', { km: number(w.reachKm, 1) })} · {label('TravelMode', w.travelMode)}
        </span>
        <span className="worker-card-count">{t('caseload.follows', { count: w.householdCount })}</span>
      </div>
      <LoadBar current={w.currentLoad} limit={w.caseloadLimit} />
      {households.length > 0 ? (
        <div className="wdots" data-testid="worker-households">
          {households.map((h) => {
            const name = h.identity?.headName ?? h.id;
            const title = `${name} · ${label('WarningLevel', h.warningLevel)}`;
            return (
              <Link key={h.id} to={`/households/${encodeURIComponent(h.id)}`} className="wdot-link">
                <WarningDot level={h.warningLevel} title={title} />
              </Link>
            );
          })}
        </div>
      ) : (
        <p className="muted small">{t('caseload.noHouseholds')}</p>
      )}
    </li>
  );
}

function RecentPlans({ stationId }: { stationId: string }) {
  const { t, number, dateTime } = useI18n();
  const [{ data, error, fetching }] = useQuery({
    query: CASELOAD_PLANS_QUERY,
    variables: { first: RECENT_PLANS, scopeId: stationId },
  });
  const plans = data?.caseloadPlans.edges.map((e) => e.node) ?? [];
  return (
    <aside className="card plan-list" data-testid="plan-list">
      <h2>{t('caseload.recentPlans')}</h2>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && plans.length === 0 && <p className="muted">{t('caseload.noPlans')}</p>}
      <ul>
        {plans.map((p) => (
          <li key={p.id} data-testid="plan-item" data-status={p.status}>
            <Link to={`/caseload/plans/${encodeURIComponent(p.id)}`} className="plan-item">
              <span className="plan-item-head">
                <PlanStatusBadge status={p.status} />
                {p.isWhatIf && p.status !== 'WHAT_IF' && <span className="badge whatif-tag">{t('caseload.whatIf')}</span>}
                <span className="muted small">{dateTime(p.createdAt)}</span>
              </span>
              {p.summary && (
                <span className="plan-item-facts small">
                  {t('caseload.planCoverage')} {number(p.summary.assigned)} / {number(p.summary.households)} ·{' '}
                  {t('caseload.planMoves')} {number(p.summary.moves)}
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
