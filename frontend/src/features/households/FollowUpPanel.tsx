import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import type { WarningLevel } from '../../app/enums';
import { ALERT_ROLES, MATCH_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { DayDue, useNow } from '../../components/Due';
import { QueryError } from '../../components/QueryState';
import { AlertItem } from '../alerts/AlertsPage';

import { FOLLOW_UP_WHO_QUERY, HOUSEHOLD_ACTIVE_MATCH_QUERY, HOUSEHOLD_ALERTS_QUERY } from './households.graphql';

/** The household's active match, with 记录走访 for whoever may record it, and the 幸福清单 link. */
export function ActiveMatchPanel({ householdId }: { householdId: string }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const isWorker = user?.role === 'SOCIAL_WORKER';
  const [{ data, error }] = useQuery({
    query: HOUSEHOLD_ACTIVE_MATCH_QUERY,
    variables: { filter: { householdId, status: 'ACTIVE' } },
    pause: !hasRole(user, MATCH_ROLES),
  });
  const [who] = useQuery({
    query: FOLLOW_UP_WHO_QUERY,
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
              <DayDue day={match.followUpDue} />
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

interface HouseholdAlertsProps {
  householdId: string;
  /** The household's warning level and risk score: why it is coloured when no alert is open. */
  level?: WarningLevel;
  riskScore?: number;
}

export function HouseholdAlerts({ householdId, level = 'NONE', riskScore = 0 }: HouseholdAlertsProps) {
  const { t, label, number, dateTime } = useI18n();
  const { user } = useAuth();
  const now = useNow();
  const [{ data, error }] = useQuery({
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
      {data && !alerts.some((a) => a.status === 'OPEN') && (
        <p className="muted" data-testid="household-level-why">
          {level === 'NONE'
            ? alerts.length === 0 && t('household.noAlerts')
            : levelWhy(alerts, (key, params) => t(key, params), {
                level: label('WarningLevel', level),
                score: number(riskScore, Math.abs(riskScore) < 10 ? 2 : 1),
                dateTime,
              })}
        </p>
      )}
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

/** Why a household is coloured while no alert is open: its score, and when its last alert was
 * resolved (never a bare 红色 beside 暂无预警). */
function levelWhy(
  alerts: ReadonlyArray<{ resolvedAt?: string | null }>,
  t: (key: 'household.levelWhy' | 'household.levelWhyResolved', params: Record<string, string>) => string,
  { level, score, dateTime }: { level: string; score: string; dateTime: (iso: string) => string },
): string {
  const resolved = alerts
    .map((a) => a.resolvedAt)
    .filter((at): at is string => !!at)
    .sort()
    .at(-1);
  return resolved
    ? t('household.levelWhyResolved', { level, score, date: dateTime(resolved) })
    : t('household.levelWhy', { level, score });
}
