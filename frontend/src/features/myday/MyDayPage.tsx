import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useClient, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { MY_DAY_ROLES, hasRole } from '../../app/roles';
import { useServiceDay, useToday } from '../../app/today';
import { WarningBadge } from '../../components/Badges';
import { DayDue, DueBadge, useNow } from '../../components/Due';
import { Loading, QueryError } from '../../components/QueryState';
import { MyDecisions } from '../conference/MyDecisions';
import { planDay, visitPath, type DayMatch, type DayTask } from './plan';
import {
  MY_DAY_WHO_QUERY,
  MY_DAY_OVERDUE_QUERY,
  MY_DAY_MATCHES_QUERY,
  MY_DAY_ALERTS_QUERY,
} from './myday.graphql';

/** How many of the worker's matches a page brings (soonest follow-up first) and how many open
alerts the day is planned from; further matches come a page at a time. */
export const MY_DAY_LIMIT = 100;

/** The worker's matches beyond the first page, fetched when asked: nobody is capped away. */
function useMoreMatches(workerId: string | null, first: { after: string | null; hasNext: boolean } | null) {
  const client = useClient();
  const [more, setMore] = useState<{ nodes: DayMatch[]; after: string | null; hasNext: boolean }>({
    nodes: [],
    after: null,
    hasNext: false,
  });
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setMore({ nodes: [], after: first?.after ?? null, hasNext: first?.hasNext ?? false });
  }, [first?.after, first?.hasNext]);
  async function loadMore() {
    if (!workerId || !more.hasNext || loading) return;
    setLoading(true);
    const res = await client
      .query(MY_DAY_MATCHES_QUERY, { first: MY_DAY_LIMIT, after: more.after, filter: { workerId, status: 'ACTIVE' } })
      .toPromise();
    setLoading(false);
    const page = res.data?.matches;
    if (!page) return;
    setMore((m) => ({
      nodes: [...m.nodes, ...page.edges.map((e) => e.node)],
      after: page.pageInfo.endCursor ?? null,
      hasNext: page.pageInfo.hasNextPage,
    }));
  }
  return { nodes: more.nodes, hasNext: more.hasNext, loading, loadMore };
}

export function MyDayPage() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const now = useNow();
  const today = useToday();
  const isWorker = hasRole(user, MY_DAY_ROLES);

  const [who] = useQuery({ query: MY_DAY_WHO_QUERY, pause: !isWorker });
  const workerId = who.data?.me?.scopeKind === 'SELF' ? who.data.me.scopeId : null;
  const [overdue, refetchOverdue] = useQuery({
    query: MY_DAY_OVERDUE_QUERY,
    pause: !isWorker,
  });
  const [matches, refetchMatches] = useQuery({
    query: MY_DAY_MATCHES_QUERY,
    variables: { first: MY_DAY_LIMIT, filter: { workerId, status: 'ACTIVE' } },
    pause: !isWorker || !workerId,
  });
  const [alerts, refetchAlerts] = useQuery({
    query: MY_DAY_ALERTS_QUERY,
    variables: { first: MY_DAY_LIMIT, filter: { status: 'OPEN', assignedToMe: true } },
    pause: !isWorker,
  });

  const firstPage = matches.data?.matches.pageInfo;
  const more = useMoreMatches(
    workerId,
    firstPage ? { after: firstPage.endCursor ?? null, hasNext: firstPage.hasNextPage } : null,
  );
  const ready = overdue.data !== undefined || overdue.error !== undefined;
  const loaded = ready && matches.data !== undefined && alerts.data !== undefined;
  const plan = useMemo(
    () =>
      planDay({
        overdue: overdue.data?.overdue,
        matches: [...(matches.data?.matches.edges.map((e) => e.node) ?? []), ...more.nodes],
        alerts: alerts.data?.alerts.edges.map((e) => e.node) ?? [],
        now,
        today,
      }),
    [overdue.data, matches.data, more.nodes, alerts.data, now, today],
  );

  if (!isWorker) {
    return (
      <section className="page" data-testid="my-day-page">
        <h1>{t('myDay.title')}</h1>
        <p className="notice" data-testid="my-day-not-worker">
          {t('myDay.notWorker')} <Link to="/oversight">{t('myDay.toOversight')} ›</Link>
        </p>
      </section>
    );
  }

  const refresh = () => {
    refetchOverdue({ requestPolicy: 'network-only' });
    refetchMatches({ requestPolicy: 'network-only' });
    refetchAlerts({ requestPolicy: 'network-only' });
  };
  const error = who.error ?? matches.error ?? alerts.error ?? overdue.error;

  return (
    <section className="page my-day" data-testid="my-day-page">
      <header className="page-header my-day-header">
        <div>
          <h1>{t('myDay.title')}</h1>
          <p className="muted">
            {formatDay(today, lang)}
            {loaded && (
              <>
                {' · '}
                <span data-testid="my-day-counts">
                  {t('myDay.counts', { overdue: plan.overdue.length, soon: plan.soon.length })}
                </span>
              </>
            )}
          </p>
        </div>
        <button type="button" className="ghost" onClick={refresh} data-testid="my-day-refresh">
          ↻ {t('common.refresh')}
        </button>
      </header>
      {error && <QueryError error={error} />}
      {!loaded && !error && <Loading />}
      {loaded && (
        <>
          <h2 className="day-section day-section-overdue">
            {t('myDay.overdue')} <span className="count-pill">{plan.overdue.length}</span>
          </h2>
          {plan.overdue.length === 0 ? (
            <p className="empty-state" data-testid="my-day-no-overdue">
              {t('myDay.nothingOverdue')}
            </p>
          ) : (
            <ul className="task-list" data-testid="overdue-tasks">
              {plan.overdue.map((task) => (
                <TaskCard key={task.key} task={task} now={now} />
              ))}
            </ul>
          )}
          <h2 className="day-section">
            {t('myDay.dueSoon')} <span className="count-pill">{plan.soon.length}</span>
          </h2>
          {plan.soon.length === 0 ? (
            <p className="empty-state" data-testid="my-day-no-soon">
              {t('myDay.nothingDue')}
            </p>
          ) : (
            <ul className="task-list" data-testid="soon-tasks">
              {plan.soon.map((task) => (
                <TaskCard key={task.key} task={task} now={now} />
              ))}
            </ul>
          )}
          {plan.later.length > 0 && (
            <>
              <h2 className="day-section">
                {t('myDay.later')} <span className="count-pill">{plan.later.length}</span>
              </h2>
              <ul className="later-list" data-testid="later-tasks">
                {plan.later.map((task) => (
                  <LaterRow key={task.key} task={task} />
                ))}
              </ul>
            </>
          )}
          {more.hasNext && (
            <p className="form-actions">
              <button type="button" onClick={more.loadMore} disabled={more.loading} data-testid="my-day-more">
                {more.loading ? t('common.loading') : t('myDay.moreMatches')}
              </button>
            </p>
          )}
        </>
      )}
      {ready && <MyDecisions />}
    </section>
  );
}

/** One of the worker's other households: its follow-up day and a smaller 记录走访. */
function LaterRow({ task }: { task: DayTask }) {
  const { t } = useI18n();
  const h = task.household;
  const visit = visitPath(task);
  return (
    <li className="later-row" data-testid="later-task" data-household={task.householdId}>
      <span className="later-name">
        <Link to={`/households/${encodeURIComponent(task.householdId)}`} data-testid="task-household">
          {h?.identity?.headName ?? t('household.anonymous', { id: task.householdId })}
        </Link>
        {h && h.warningLevel !== 'NONE' && <WarningBadge level={h.warningLevel} />}
        {h && <small className="muted">{h.village.name}</small>}
      </span>
      {task.dueDay && <DayDue day={task.dueDay} />}
      {visit && (
        <Link to={visit} className="button-link later-visit" data-testid="task-record-visit">
          {t('myDay.record')}
        </Link>
      )}
    </li>
  );
}

export function TaskCard({ task, now }: { task: DayTask; now: Date }) {
  const { t, label, lang } = useI18n();
  const { dayOf } = useServiceDay();
  const h = task.household;
  const name = h?.identity?.headName ?? t('household.anonymous', { id: task.householdId });
  const visit = visitPath(task);
  return (
    <li
      className={`task task-${task.level.toLowerCase()}${task.overdue ? ' task-overdue' : ''}`}
      data-testid="task"
      data-kind={task.kind}
      data-overdue={task.overdue ? 'true' : 'false'}
      data-level={task.level}
      data-household={task.householdId}
    >
      <div className="task-head">
        <span className="task-title">
          {task.kind === 'ALERT'
            ? t('myDay.alertTask', { level: label('WarningLevel', task.level) })
            : t('myDay.followUpTask')}
        </span>
        {task.dueAt ? (
          <DueBadge dueAt={task.dueAt} now={now} overdue={task.overdue} />
        ) : task.dueDay ? (
          <DayDue day={task.dueDay} />
        ) : null}
      </div>
      <div className="task-household">
        <Link to={`/households/${encodeURIComponent(task.householdId)}`} data-testid="task-household">
          {name}
        </Link>
        {h && h.warningLevel !== 'NONE' && task.kind === 'FOLLOW_UP' && <WarningBadge level={h.warningLevel} />}
        {h && (
          <span className="muted small">
            {h.village.name}
            {h.identity?.address ? ` · ${h.identity.address}` : ''}
          </span>
        )}
      </div>
      <div className="task-meta muted small">
        {task.lastVisitAt
          ? t('myDay.lastVisit', { date: formatDay(dayOf(task.lastVisitAt), lang) })
          : t('myDay.neverVisited')}
        {task.escalationStep > 0 && (
          <span className="badge escalation-badge" data-testid="task-escalation">
            {label('EscalationStep', String(task.escalationStep))}
          </span>
        )}
      </div>
      {visit ? (
        <Link to={visit} className="big-button" data-testid="task-record-visit">
          {t('myDay.record')}
        </Link>
      ) : (
        <p className="muted small" data-testid="task-no-match">
          {t('myDay.noMatch')} ·{' '}
          <Link to={`/households/${encodeURIComponent(task.householdId)}`}>{t('myDay.openHousehold')} ›</Link>
        </p>
      )}
    </li>
  );
}
