import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../app/time';
import { MY_DAY_ROLES, hasRole } from '../../app/roles';
import { useToday } from '../../app/today';
import { WarningBadge } from '../../components/Badges';
import { DayDue } from '../../components/Due';
import { Loading, QueryError } from '../../components/QueryState';
import { VisitForm } from './VisitForm';
import { VISIT_MATCH_QUERY, VISIT_ALERTS_QUERY } from './visits.graphql';
import type { VisitMatchQuery, VisitOpenAlertsQuery } from '../../graphql/graphql';

/** The match a visit is recorded on (query VisitMatch). */
export type VisitMatch = NonNullable<VisitMatchQuery['match']>;

/** An open alert of the household, that the visit may verify (query VisitOpenAlerts). */
export type OpenAlert = VisitOpenAlertsQuery['householdAlerts'][number];

/** A match closed by an exit takes monthly checks until its transition ends (渐退期). */
function inTransition(until: string | null | undefined, today: string): boolean {
  return until != null && until >= today;
}

/** /matches/:id/visit — record a home visit on a match, from a phone. */
export function VisitPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { t, label, lang } = useI18n();
  const { user } = useAuth();
  const today = useToday();
  const [{ data, error, fetching }, reload] = useQuery({
    query: VISIT_MATCH_QUERY,
    variables: { id },
  });
  const match = data?.match ?? null;
  const householdId = match?.household?.id ?? '';
  const [alerts, reloadAlerts] = useQuery({
    query: VISIT_ALERTS_QUERY,
    variables: { householdId },
    pause: !householdId,
  });
  const openAlerts = (alerts.data?.householdAlerts ?? []).filter((a) => a.status === 'OPEN');
  const h = match?.household ?? null;
  const back = hasRole(user, MY_DAY_ROLES) ? '/my-day' : householdId ? `/households/${encodeURIComponent(householdId)}` : '/households';

  return (
    <section className="page visit-page" data-testid="visit-page">
      <p className="breadcrumb">
        <Link to={back}>‹ {hasRole(user, MY_DAY_ROLES) ? t('nav.myDay') : t('household.title')}</Link>
      </p>
      <h1>{t('visit.title')}</h1>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && match === null && (
        <p className="notice notice-error" data-testid="visit-not-found">
          {t('visit.notFound')}
        </p>
      )}
      {match && (
        <>
          <div className="visit-subject" data-testid="visit-subject">
            <div className="visit-subject-name">
              {h ? (
                <Link to={`/households/${encodeURIComponent(h.id)}`} data-testid="visit-household">
                  {h.identity?.headName ?? t('household.anonymous', { id: h.id })}
                </Link>
              ) : (
                <span>{t('common.none')}</span>
              )}
              {h && h.warningLevel !== 'NONE' && <WarningBadge level={h.warningLevel} />}
            </div>
            {h && (
              <p className="muted small">
                {h.township.name} · {h.village.name}
                {h.identity?.address ? ` · ${h.identity.address}` : ''}
              </p>
            )}
            <p className="muted small visit-subject-facts">
              {match.worker && <span>{t('household.activeMatch', { worker: match.worker.name })}</span>}
              {match.startedOn && <span>{t('visit.matchSince', { date: formatDay(match.startedOn, lang) })}</span>}
              {match.followUpDue && (
                <span>
                  {t('visit.followUpDue', { date: formatDay(match.followUpDue, lang) })}{' '}
                  <DayDue day={match.followUpDue} />
                </span>
              )}
            </p>
          </div>
          {match.status !== 'ACTIVE' && !inTransition(match.transitionUntil, today) ? (
            <p className="notice notice-error" role="alert" data-testid="visit-not-active">
              {t('visit.notActive', { status: label('MatchStatus', match.status) })}
            </p>
          ) : (
            <VisitForm
              key={match.id}
              match={match}
              openAlerts={openAlerts}
              verifyByDefault={search.get('verify') === '1'}
              reload={() => {
                reload({ requestPolicy: 'network-only' });
                reloadAlerts({ requestPolicy: 'network-only' });
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
