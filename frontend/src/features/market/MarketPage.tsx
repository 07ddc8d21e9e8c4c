// 我的帮扶: an organisation's (or a volunteer's) home. What is due, its capacity, what it
// adopted and where each stands, what the fair allocation recommends, and the board.
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { ORGANISATION_ROLES, hasRole } from '../../app/roles';
import { daysUntil } from '../../app/time';
import { useToday } from '../../app/today';
import { Loading, QueryError } from '../../components/QueryState';
import { AdoptionItem } from './AdoptionItem';
import { CapacityPanel } from './CapacityPanel';
import { NeedBoard } from './NeedBoard';
import { NeedCardView } from './NeedCardView';
import { reasonLabel } from './labels';
import { MY_MARKET_QUERY, RECOMMENDED_QUERY } from './market.graphql';
import './market.css';
import type { AdoptionCardFragment } from '../../graphql/graphql';

function dueItems(adoptions: AdoptionCardFragment[], today: string, t: ReturnType<typeof useI18n>['t']): string[] {
  const out: string[] = [];
  for (const a of adoptions) {
    if (a.transferOfferedToMe) out.push(t('market.dueTransfer', { org: a.organisationName }));
    else if (a.mine && a.status === 'CLAIMED' && a.expiresOn && daysUntil(a.expiresOn, today) <= 3)
      out.push(t('market.dueExpiring', { date: a.expiresOn }));
    else if (a.mine && a.status === 'DISBURSED') out.push(t('market.dueDisbursed'));
  }
  return out;
}

function OrganisationHome() {
  const { t, label } = useI18n();
  const [{ data, error }, refetch] = useQuery({ query: MY_MARKET_QUERY, requestPolicy: 'cache-and-network' });
  const [recommended, refetchRecommended] = useQuery({ query: RECOMMENDED_QUERY });
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchRecommended({ requestPolicy: 'network-only' });
  };
  const adoptions = (data?.adoptions.edges ?? []).map((e) => e.node);
  const due = dueItems(adoptions, useToday(), t);
  const live = adoptions.filter((a) => a.status === 'CLAIMED' || a.status === 'DISBURSED' || a.transferOfferedToMe);
  const past = adoptions.filter((a) => !live.includes(a));
  return (
    <>
      {error && <QueryError error={error} />}
      <section className="card" data-testid="market-due">
        <h2>{t('market.due')}</h2>
        {due.length === 0 ? (
          <p className="muted">{t('market.nothingDue')}</p>
        ) : (
          <ul>
            {due.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </section>
      {data?.myCapacity && <CapacityPanel capacity={data.myCapacity} onSaved={refresh} />}
      <section className="card" data-testid="my-adoptions">
        <h2>{t('market.mine')}</h2>
        {adoptions.length === 0 && <p className="muted">{t('market.noAdoptions')}</p>}
        <ul className="adoptions">
          {[...live, ...past].map((a) => (
            <AdoptionItem key={a.id} adoption={a} onChanged={refresh} />
          ))}
        </ul>
      </section>
      <section className="card" data-testid="recommended">
        <h2>{t('market.recommended')}</h2>
        {recommended.fetching && !recommended.data && <Loading />}
        {recommended.error && <QueryError error={recommended.error} />}
        {recommended.data?.recommendedNeeds.length === 0 && <p className="muted">{t('market.recommendedNone')}</p>}
        <div className="need-grid">
          {(recommended.data?.recommendedNeeds ?? []).map((r) => (
            <NeedCardView key={r.need.id} need={r.need}>
              <p className="why">
                <strong>{t('market.why')}</strong>
              </p>
              <ul className="why-list">
                {r.reasons.map((reason) => (
                  <li key={reason.code}>{reasonLabel(t, label, reason.code, reason.value ?? null)}</li>
                ))}
              </ul>
            </NeedCardView>
          ))}
        </div>
      </section>
      <NeedBoard canAdopt servedKinds={data?.myCapacity?.kinds} onAdopted={refresh} />
    </>
  );
}

export function MarketPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const organisation = hasRole(user, ORGANISATION_ROLES);
  return (
    <section className="page market" data-testid="market-page">
      <header className="page-header">
        <h1>{organisation ? t('market.title') : t('market.volunteerTitle')}</h1>
      </header>
      {organisation ? <OrganisationHome /> : <NeedBoard canAdopt={false} onAdopted={() => {}} />}
    </section>
  );
}
