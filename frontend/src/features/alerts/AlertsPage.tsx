import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { MY_DAY_ROLES, hasRole, type Role } from '../../app/roles';
import { ALERT_LEVELS, ALERT_STATUSES, type AlertStatus, type WarningLevel } from '../../app/enums';
import { WarningBadge } from '../../components/Badges';
import { DueBadge, useNow } from '../../components/Due';
import { FilterSelect } from '../../components/FilterSelect';
import { useCursorPaging } from '../../components/Pager';
import { PagedList } from '../../components/PagedList';

import type { AlertFilterInput, AlertRowFragment } from '../../graphql/graphql';
import { ALERTS_QUERY, ALERT_TOWNSHIPS_QUERY } from './alerts.graphql';

export const ALERTS_PAGE_SIZE = 20;

/** An alert as the lists show it (fragment AlertRow). */
export type AlertRow = AlertRowFragment;
export type AlertFilter = AlertFilterInput;

/** Roles to whom alerts are addressed (a worker, a station, a county): they get "mine". */
const ADDRESSED_ROLES: ReadonlySet<Role> = new Set<Role>(['SOCIAL_WORKER', 'STATION_MANAGER', 'COORDINATOR', 'ADMIN']);

export interface AlertParams {
  /** OPEN (the default), RESOLVED, or '' for all. */
  status: AlertStatus | '';
  level: WarningLevel | '';
  township: string;
  mine: boolean;
}

/** The URL's alert filters; "mine" defaults on for a worker, off for the others. */
export function readAlertParams(search: URLSearchParams, role: Role | undefined): AlertParams {
  const status = search.get('status');
  const level = search.get('level');
  const mine = search.get('mine');
  return {
    status: status === 'ALL' ? '' : ALERT_STATUSES.includes(status as AlertStatus) ? (status as AlertStatus) : 'OPEN',
    level: ALERT_LEVELS.includes(level as WarningLevel) ? (level as WarningLevel) : '',
    township: search.get('township') ?? '',
    mine: mine === null ? role != null && MY_DAY_ROLES.has(role) : mine === '1',
  };
}

export function writeAlertParams(p: AlertParams): URLSearchParams {
  const out = new URLSearchParams();
  if (p.status !== 'OPEN') out.set('status', p.status || 'ALL');
  if (p.level) out.set('level', p.level);
  if (p.township) out.set('township', p.township);
  out.set('mine', p.mine ? '1' : '0');
  return out;
}

export function toAlertFilter(p: AlertParams): AlertFilter {
  const f: AlertFilter = {};
  if (p.status) f.status = p.status;
  if (p.level) f.level = p.level;
  if (p.township) f.regionId = p.township;
  if (p.mine) f.assignedToMe = true;
  return f;
}

export function householdName(h: AlertRow['household'], id: string, t: ReturnType<typeof useI18n>['t']): string {
  return h?.identity?.headName ?? t('alerts.hiddenHousehold', { id });
}

export function AlertsPage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readAlertParams(searchParams, user?.role), [searchParams, user?.role]);
  const update = (patch: Partial<AlertParams>) =>
    setSearchParams(writeAlertParams({ ...params, ...patch }), { replace: true });
  const filter = useMemo(() => toAlertFilter(params), [params]);
  const paging = useCursorPaging('alerts', JSON.stringify(filter));
  const now = useNow();

  const [townships] = useQuery({ query: ALERT_TOWNSHIPS_QUERY });
  const [{ data, error, fetching }] = useQuery({
    query: ALERTS_QUERY,
    variables: { first: ALERTS_PAGE_SIZE, after: paging.after, filter },
  });
  const connection = data?.alerts;

  return (
    <section className="page" data-testid="alerts-page">
      <header className="page-header">
        <div>
          <h1>{t('alerts.title')}</h1>
          <p className="muted small">{t('alerts.intro')}</p>
        </div>
      </header>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="alert-filters">
        <FilterSelect
          label={t('alerts.status')}
          value={params.status}
          options={ALERT_STATUSES.map((v) => ({ value: v, label: label('AlertStatus', v) }))}
          onChange={(v) => update({ status: v as AlertStatus | '' })}
          testId="alert-filter-status"
        />
        <FilterSelect
          label={t('alerts.level')}
          value={params.level}
          options={ALERT_LEVELS.map((v) => ({ value: v, label: label('WarningLevel', v) }))}
          onChange={(v) => update({ level: v as WarningLevel | '' })}
          testId="alert-filter-level"
        />
        <FilterSelect
          label={t('alerts.township')}
          value={params.township}
          options={(townships.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v) => update({ township: v })}
          testId="alert-filter-township"
        />
        {hasRole(user, ADDRESSED_ROLES) && (
          <label className="field field-check toggle">
            <input
              type="checkbox"
              checked={params.mine}
              onChange={(e) => update({ mine: e.target.checked })}
              data-testid="alert-filter-mine"
            />
            <span>{t('alerts.mine')}</span>
          </label>
        )}
      </form>

      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(rows) => (
          <>
            <ul className="alert-list" data-testid="alert-list" aria-busy={fetching}>
              {rows.map((a) => (
                <AlertItem key={a.id} alert={a} now={now} />
              ))}
            </ul>
            {rows.length === 0 && (
              <p className="empty-state" data-testid="alerts-empty">
                {t('alerts.empty')}
              </p>
            )}
          </>
        )}
      </PagedList>
    </section>
  );
}

export function AlertItem({ alert: a, now, showHousehold = true }: { alert: AlertRow; now: Date; showHousehold?: boolean }) {
  const { t, label, number, dateTime } = useI18n();
  const href = `/households/${encodeURIComponent(a.householdId)}`;
  const open = a.status === 'OPEN';
  return (
    <li
      className={`alert-item alert-${a.level.toLowerCase()}`}
      data-testid="alert-row"
      data-level={a.level}
      data-status={a.status}
      data-overdue={open && a.overdue ? 'true' : 'false'}
    >
      <div className="alert-main">
        <WarningBadge level={a.level} />
        {showHousehold && (
          <Link to={href} className="alert-household" data-testid="alert-household">
            {householdName(a.household, a.householdId, t)}
          </Link>
        )}
        {showHousehold && a.household && (
          <span className="muted small">
            {a.household.township.name} · {a.household.village.name}
          </span>
        )}
      </div>
      <div className="alert-indicators chips">
        {a.indicators.map((k) => (
          <span key={k} className="chip">
            {label('IndicatorKind', k)}
          </span>
        ))}
        <span className="muted small" title={t('alerts.score')}>
          {t('alerts.score')} {number(a.score, 1)}
        </span>
      </div>
      <div className="alert-when">
        <span className="muted small">
          {t('alerts.raised')} {dateTime(a.raisedAt)}
        </span>
        {open ? (
          <DueBadge dueAt={a.dueAt} now={now} overdue={a.overdue} />
        ) : (
          <span className="badge resolved-badge" data-testid="alert-resolved">
            {a.supersededBy && !a.resolvedAt
              ? t('alerts.superseded')
              : t('alerts.resolvedAt', { time: dateTime(a.resolvedAt) })}
          </span>
        )}
        <span className="muted small">{t('alerts.assignedTo', { who: label('AssigneeKind', a.assignedKind) })}</span>
      </div>
      {showHousehold && (
        <Link to={href} className="button-link alert-open" data-testid="alert-open">
          {t('alerts.openHousehold')} ›
        </Link>
      )}
    </li>
  );
}
