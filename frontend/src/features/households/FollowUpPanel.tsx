import { Link } from 'react-router';
import { gql, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { ALERT_ROLES, MATCH_ROLES, VISIT_ROLES, hasRole, type Connection } from '../../app/types';
import { DayDue, useNow } from '../../components/Due';
import { QueryError } from '../../components/QueryState';
import { AlertItem, type AlertRow } from '../alerts/AlertsPage';
import { MY_DAY_WHO_QUERY } from '../myday/MyDayPage';

export const HOUSEHOLD_ACTIVE_MATCH_QUERY = gql`
  query HouseholdActiveMatch($filter: MatchFilter) {
    matches(first: 5, filter: $filter) {
      edges {
        node {
          id
          status
          version
          startedOn
          followUpDue
          overdue
          lastVisitAt
          worker {
            id
            name
          }
        }
      }
    }
  }
`;

export const HOUSEHOLD_ALERTS_QUERY = gql`
  query HouseholdAlerts($householdId: ID!) {
    householdAlerts(householdId: $householdId) {
      id
      householdId
      level
      score
      indicators
      raisedAt
      dueAt
      status
      assignedKind
      assignedId
      resolvedAt
      resolvedByVisit
      supersededBy
      overdue
    }
  }
`;

interface ActiveMatch {
  id: string;
  status: string;
  version: number;
  startedOn: string | null;
  followUpDue: string | null;
  overdue: boolean;
  lastVisitAt: string | null;
  worker: { id: string; name: string } | null;
}

/** The household's active match, with 记录走访 for whoever may record it, and the 幸福清单 link. */
export function ActiveMatchPanel({ householdId }: { householdId: string }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const now = useNow();
  const isWorker = user?.role === 'SOCIAL_WORKER';
  const [{ data, error }] = useQuery<{ matches: Connection<ActiveMatch> }>({
    query: HOUSEHOLD_ACTIVE_MATCH_QUERY,
    variables: { filter: { householdId, status: 'ACTIVE' } },
    pause: !hasRole(user, MATCH_ROLES),
  });
  const [who] = useQuery<{ me: { scopeKind: string; scopeId: string | null } | null }>({
    query: MY_DAY_WHO_QUERY,
    pause: !isWorker,
  });
  if (!hasRole(user, MATCH_ROLES)) return null;
  const match = data?.matches.edges.map((e) => e.node).find((m) => m.status === 'ACTIVE') ?? null;
  // A worker records visits on their own matches only (the server refuses the others).
  const mine = !isWorker || (match?.worker != null && who.data?.me?.scopeId === match.worker.id);
  const canRecord = match != null && hasRole(user, VISIT_ROLES) && mine;

  return (
    <div className="follow-up-bar" data-testid="household-follow-up">
      {error && <QueryError error={error} />}
      {match && (
        <div className="follow-up-match" data-testid="household-active-match" data-match={match.id}>
          {match.worker && <strong>{t('household.activeMatch', { worker: match.worker.name })}</strong>}
          {match.followUpDue && (
            <span className="muted">
              {t('household.followUp', { date: formatDay(match.followUpDue, lang) })}{' '}
              <DayDue day={match.followUpDue} now={now} />
            </span>
          )}
        </div>
      )}
      <div className="follow-up-actions">
        {canRecord && match && (
          <Link
            to={`/matches/${encodeURIComponent(match.id)}/visit`}
            className="big-button"
            data-testid="household-record-visit"
          >
            {t('household.recordVisit')}
          </Link>
        )}
        <Link
          to={`/households/${encodeURIComponent(householdId)}/statement`}
          className="button-link"
          title={t('household.statementHint')}
          data-testid="household-statement-link"
        >
          {t('household.statement')} ›
        </Link>
      </div>
    </div>
  );
}

export function HouseholdAlerts({ householdId }: { householdId: string }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const now = useNow();
  const [{ data, error }] = useQuery<{ householdAlerts: Omit<AlertRow, 'household'>[] }>({
    query: HOUSEHOLD_ALERTS_QUERY,
    variables: { householdId },
    pause: !hasRole(user, ALERT_ROLES),
  });
  if (!hasRole(user, ALERT_ROLES)) return null;
  const alerts = data?.householdAlerts ?? [];
  return (
    <section className="card card-wide" data-testid="household-alerts">
      <h2>{t('household.alerts')}</h2>
      {error && <QueryError error={error} />}
      {data && alerts.length === 0 && <p className="muted">{t('household.noAlerts')}</p>}
      {alerts.length > 0 && (
        <ul className="alert-list alert-list-compact">
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={{ ...a, household: null }} now={now} showHousehold={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
