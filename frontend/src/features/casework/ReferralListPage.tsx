import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { VISIT_ROLES, hasRole } from '../../app/roles';
import { Loading, QueryError } from '../../components/QueryState';
import { CASEWORK_ME_QUERY, REFERRAL_TARGETS_QUERY, STATION_REFERRALS_QUERY } from './casework.graphql';
import { ReferralItem } from './Referrals';

/** /referrals — a station's 转办清单 (what it sent) and 反馈清单 (what it was sent). */
export function ReferralListPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [me] = useQuery({ query: CASEWORK_ME_QUERY });
  const [stations] = useQuery({ query: REFERRAL_TARGETS_QUERY });
  const own = me.data?.me?.scopeKind === 'STATION' ? me.data.me.scopeId : null;
  const [chosen, setChosen] = useState<string | null>(null);
  const list = stations.data?.stations.edges.map((e) => e.node) ?? [];
  const stationId = chosen ?? own ?? list[0]?.id ?? null;
  const [received, setReceived] = useState(false);
  const [openOnly, setOpenOnly] = useState(true);
  const [{ data, error, fetching }, reload] = useQuery({
    query: STATION_REFERRALS_QUERY,
    variables: { stationId: stationId ?? '', received, openOnly },
    pause: stationId == null,
  });
  const items = data?.stationReferrals ?? [];
  return (
    <section className="page" data-testid="referrals-page">
      <h1>{t('referrals.page')}</h1>
      <div className="toolbar">
        <label className="field">
          <span className="field-label">{t('referrals.station')}</span>
          <select value={stationId ?? ''} onChange={(e) => setChosen(e.target.value)} data-testid="referrals-station">
            {list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <div className="segmented" role="group">
          {[false, true].map((r) => (
            <button
              key={String(r)}
              type="button"
              className={received === r ? 'on' : undefined}
              aria-pressed={received === r}
              onClick={() => setReceived(r)}
              data-testid={r ? 'referrals-received' : 'referrals-sent'}
            >
              {r ? t('referrals.received') : t('referrals.sent')}
            </button>
          ))}
        </div>
        <label className="field-check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} data-testid="referrals-open-only" />
          <span>{t('referrals.openOnly')}</span>
        </label>
      </div>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {data && items.length === 0 && <p className="muted">{t('referrals.empty')}</p>}
      <ul className="referral-list" data-testid="referrals-list">
        {items.map((r) => (
          <ReferralItem
            key={r.id}
            referral={r}
            canAct={hasRole(user, VISIT_ROLES)}
            onChanged={() => reload({ requestPolicy: 'network-only' })}
            extra={
              <p className="small">
                {r.household?.identity?.headName ? (
                  <Link to={`/households/${encodeURIComponent(r.household.id)}`}>
                    {r.household.identity.headName}
                    {r.household.village ? ` · ${r.household.village.name}` : ''}
                  </Link>
                ) : (
                  <span className="muted">{t('referrals.householdHidden')}</span>
                )}
              </p>
            }
          />
        ))}
      </ul>
    </section>
  );
}
