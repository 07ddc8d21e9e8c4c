// What is overdue in the supervisor's scope: alerts past their deadline, follow-ups past due.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { errorCode } from '../../app/client';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { WarningBadge } from '../../components/Badges';
import { formatSpan } from '../../components/Due';
import { Loading, QueryError } from '../../components/QueryState';
import { OVERSIGHT_OVERDUE_QUERY, HOUSEHOLD_LABEL_QUERY } from './oversight.graphql';

import { OVERDUE_SHOWN } from './OversightPage';

export function OverdueSection({ stationId }: { stationId: string | null }) {
  const { t, label, dateTime, lang } = useI18n();
  const [all, setAll] = useState(false);
  const [{ data, error, fetching }] = useQuery({
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
  const [{ data }] = useQuery({ query: HOUSEHOLD_LABEL_QUERY, variables: { id } });
  const h = data?.household;
  return (
    <span className="household-label">
      <Link to={`/households/${encodeURIComponent(id)}`}>{h?.identity?.headName ?? t('household.anonymous', { id })}</Link>
      {h && <small className="muted"> {h.village.name}</small>}
      {withWorker && h?.worker && <small className="muted"> · {h.worker.name}</small>}
    </span>
  );
}
