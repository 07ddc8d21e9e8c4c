import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { CARE_TASK_SET_ROLES, CASELOAD_ACT_ROLES, VISIT_ROLES, hasRole } from '../../app/roles';
import { useToday } from '../../app/today';
import { HouseholdCareTasks } from '../volunteering/HouseholdCareTasks';
import {
  CauseChips,
  ClassBadge,
  GroupChips,
  TextChips,
  TierBadge,
  WarningBadge,
} from '../../components/Badges';
import { LoadBar } from '../../components/LoadBar';
import { LocationMap } from '../../components/LocationMap';
import { Loading, QueryError } from '../../components/QueryState';
import { ReassignControl } from './ReassignControl';
import { ActiveMatchPanel, HouseholdAlerts } from './FollowUpPanel';
import { ConsentPanel } from '../market/ConsentPanel';
import { HouseholdTimeline } from './Timeline';
import { CaseworkPanel } from '../casework/CaseworkPanel';
import { HouseholdReferrals } from '../casework/Referrals';
import { AssistancePanel } from '../casework/Assistance';
import { HouseholdConferences } from '../conference/Conferences';
import type { HouseholdQuery } from '../../graphql/graphql';
import { HOUSEHOLD_QUERY } from './households.graphql';

/** The household as the detail page reads it (query Household). */
export type HouseholdDetail = NonNullable<HouseholdQuery['household']>;

/** 110101199001011234 → 110101********1234: staff see who it is without the full number on screen. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id;
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function HouseholdPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [{ data, error, fetching }] = useQuery({
    query: HOUSEHOLD_QUERY,
    variables: { id },
  });

  return (
    <section className="page" data-testid="household-page">
      <p className="breadcrumb">
        <Link to="/households">‹ {t('nav.households')}</Link>
      </p>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && data.household === null && (
        <p className="notice" data-testid="household-not-found">
          {t('error.notFound')}
        </p>
      )}
      {data?.household && <HouseholdView household={data.household} />}
    </section>
  );
}

export function HouseholdView({ household: h }: { household: HouseholdDetail }) {
  const { t, label, number } = useI18n();
  const { user } = useAuth();
  const canReassign = hasRole(user, CASELOAD_ACT_ROLES);
  const today = useToday();
  const overdue = h.nextReviewDue != null && h.nextReviewDue < today;
  const title = h.identity?.headName ?? t('household.anonymous', { id: h.id });

  return (
    <>
      <header className="household-header" data-warning={h.warningLevel}>
        <div className="household-title">
          <h1 data-testid="household-title">{title}</h1>
          <p className="muted">
            {h.township.name} · {h.village.name}
          </p>
        </div>
        {h.identity && hasRole(user, VISIT_ROLES) && (
          <Link to={`/households/${h.id}/edit`} className="button-link" data-testid="edit-household-link">
            {t('hhForm.editLink')}
          </Link>
        )}
        <div className="household-badges">
          <TierBadge tier={h.tier} />
          {h.dibaoClass && <ClassBadge dibaoClass={h.dibaoClass} long />}
          <WarningBadge level={h.warningLevel} />
        </div>
      </header>

      <dl className="facts">
        <div>
          <dt>{t('household.size')}</dt>
          <dd>{t('common.persons', { count: h.size })}</dd>
        </div>
        <div>
          <dt>{t('household.income')}</dt>
          <dd>{t('common.perMonth', { amount: number(h.monthlyIncomePerPerson, 0) })}</dd>
        </div>
        <div>
          <dt>{t('household.risk')}</dt>
          <dd>{number(h.riskScore, Math.abs(h.riskScore) < 10 ? 2 : 1)}</dd>
        </div>
        <div>
          <dt>{t('household.nextReview')}</dt>
          <dd className={overdue ? 'overdue' : undefined}>
            {h.nextReviewDue ?? t('common.none')}
            {overdue && <span className="badge overdue-badge">{t('household.overdue')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('household.causes')}</dt>
          <dd>
            <CauseChips causes={h.causes} />
          </dd>
        </div>
        <div>
          <dt>{t('household.specialGroups')}</dt>
          <dd>
            <GroupChips groups={h.specialGroups} />
          </dd>
        </div>
        {h.identity && (
          <>
            <div>
              <dt>{t('household.address')}</dt>
              <dd>{h.identity.address}</dd>
            </div>
            <div>
              <dt>{t('household.phone')}</dt>
              <dd>{h.identity.phone}</dd>
            </div>
          </>
        )}
      </dl>

      <ActiveMatchPanel householdId={h.id} />
      <CaseworkPanel householdId={h.id} />

      <div className="household-grid">
        <section className="card card-wide">
          <h2>{t('household.members')}</h2>
          <div className="table-wrap">
            <table className="data members-table" data-testid="members-table">
              <thead>
                <tr>
                  <th>{t('member.relation')}</th>
                  {h.identity && <th>{t('member.name')}</th>}
                  {h.identity && <th>{t('member.idNumber')}</th>}
                  <th>{t('member.sex')}</th>
                  <th className="num">{t('member.age')}</th>
                  <th>{t('member.disability')}</th>
                  <th>{t('member.chronic')}</th>
                  <th>{t('member.serious')}</th>
                  <th>{t('member.canWork')}</th>
                </tr>
              </thead>
              <tbody>
                {h.members.map((m) => (
                  <tr key={m.id} data-testid="member-row">
                    <td data-label={t('member.relation')}>{label('Relation', m.relation)}</td>
                    {h.identity && <td data-label={t('member.name')}>{m.identity?.name ?? t('common.none')}</td>}
                    {h.identity && (
                      <td className="mono" data-label={t('member.idNumber')}>
                        {m.identity ? maskIdNumber(m.identity.idNumber) : t('common.none')}
                      </td>
                    )}
                    <td data-label={t('member.sex')}>{label('Sex', m.sex)}</td>
                    <td className="num" data-label={t('member.age')}>{m.age}</td>
                    <td data-label={t('member.disability')}>
                      {m.disabilityGrade != null
                        ? t('member.disabilityGrade', { grade: m.disabilityGrade })
                        : t('common.none')}
                    </td>
                    <td data-label={t('member.chronic')}>
                      <YesNo value={m.chronicIllness} alert />
                    </td>
                    <td data-label={t('member.serious')}>
                      <YesNo value={m.seriousIllness} alert />
                    </td>
                    <td data-label={t('member.canWork')}>
                      <YesNo value={m.canWork} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card card-wide">
          <h2>{t('household.needs')}</h2>
          {h.needs.length === 0 ? (
            <p className="muted">{t('household.noNeeds')}</p>
          ) : (
            <ul className="needs" data-testid="needs-list">
              {h.needs.map((n) => (
                <li key={n.id} className="need" data-testid="need-item" data-status={n.status}>
                  <div className="need-head">
                    <span className="need-kind">{label('NeedKind', n.kind)}</span>
                    <span className={`need-urgency urgency-${n.urgency.toLowerCase()}`}>
                      {label('Urgency', n.urgency)}
                    </span>
                    <span className={`need-status status-${n.status.toLowerCase()}`}>
                      {label('NeedStatus', n.status)}
                    </span>
                    <span className="need-cost" title={t('need.cost')}>
                      {t('common.yuan', { amount: number(n.estimatedCost) })}
                    </span>
                  </div>
                  <p className="need-description">{n.description}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card">
          <h2>{t('household.workerTitle')}</h2>
          {h.worker ? (
            <div className="worker-card" data-testid="household-worker">
              <p className="worker-name">
                <strong>{h.worker.name}</strong>
                <span className="muted"> · {h.worker.station.name}</span>
              </p>
              <LoadBar current={h.worker.currentLoad} limit={h.worker.caseloadLimit} />
              <dl className="facts facts-compact">
                {h.worker.phone && (
                  <div>
                    <dt>{t('workers.phone')}</dt>
                    <dd>{h.worker.phone}</dd>
                  </div>
                )}
                <div>
                  <dt>{t('workers.reach')}</dt>
                  <dd>
                    {t('common.km', { km: number(h.worker.reachKm, 1) })} ·{' '}
                    {label('TravelMode', h.worker.travelMode)}
                  </dd>
                </div>
                <div>
                  <dt>{t('workers.skills')}</dt>
                  <dd>
                    <TextChips items={h.worker.skills} />
                  </dd>
                </div>
                <div>
                  <dt>{t('workers.languages')}</dt>
                  <dd>
                    <TextChips items={h.worker.languages} />
                  </dd>
                </div>
              </dl>
            </div>
          ) : (
            <p className="unassigned" data-testid="household-no-worker">
              {t('household.noWorker')}
            </p>
          )}
          {canReassign && (
            <ReassignControl
              householdId={h.id}
              townshipId={h.township.id}
              stationId={h.worker?.station.id ?? null}
              currentWorkerId={h.worker?.id ?? null}
            />
          )}
        </section>

        <section className="card">
          <h2>{t('household.location')}</h2>
          {h.location ? (
            <LocationMap point={h.location} label={h.village.name} />
          ) : (
            <p className="muted">{t('household.noLocation')}</p>
          )}
        </section>

        <HouseholdAlerts householdId={h.id} level={h.warningLevel} riskScore={h.riskScore} />
        <HouseholdCareTasks householdId={h.id} canSet={hasRole(user, CARE_TASK_SET_ROLES)} />
        <HouseholdReferrals householdId={h.id} />
        <AssistancePanel householdId={h.id} />
        <HouseholdConferences householdId={h.id} />
        <HouseholdTimeline householdId={h.id} />
        {hasRole(user, VISIT_ROLES) && <ConsentPanel householdId={h.id} />}
      </div>
      <p className="muted version">{t('household.version', { version: h.version })}</p>
    </>
  );
}

function YesNo({ value, alert = false }: { value: boolean; alert?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={value && alert ? 'yes-alert' : value ? 'yes' : 'muted'}>
      {value ? t('common.yes') : t('common.no')}
    </span>
  );
}
