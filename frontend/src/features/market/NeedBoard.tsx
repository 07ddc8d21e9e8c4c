// The needs board: filters, the village map, anonymous cards most urgent first, and (for an
// organisation) the adopt button.
import { useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { CAUSES, NEED_KINDS, URGENCIES } from '../../app/enums';
import { unreachable } from '../../app/exhaustive';
import { FilterSelect } from '../../components/FilterSelect';
import { useCursorPaging } from '../../components/Pager';
import { PagedList } from '../../components/PagedList';
import type { Cause, MarketNeedFilter, NeedKind, Urgency } from '../../graphql/graphql';
import { NeedCardView } from './NeedCardView';
import { VillageMap } from './VillageMap';
import { refusal } from './labels';
import { CLAIM_NEED_MUTATION, MARKET_NEEDS_QUERY, MARKET_VILLAGES_QUERY, TOWNSHIPS_QUERY } from './market.graphql';

interface Filters {
  kind: string;
  township: string;
  village: string;
  urgency: string;
  cause: string;
  minCost: string;
  maxCost: string;
}

const EMPTY: Filters = { kind: '', township: '', village: '', urgency: '', cause: '', minCost: '', maxCost: '' };

function toFilter(f: Filters): MarketNeedFilter {
  const amount = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? null : Math.max(0, Math.round(Number(s))));
  return {
    kinds: f.kind ? [f.kind as NeedKind] : null,
    townshipId: f.township || null,
    villageId: f.village || null,
    urgency: (f.urgency || null) as Urgency | null,
    cause: (f.cause || null) as Cause | null,
    minCost: amount(f.minCost),
    maxCost: amount(f.maxCost),
  };
}

export function NeedBoard({
  canAdopt,
  servedKinds,
  onAdopted,
}: {
  canAdopt: boolean;
  /** The kinds the organisation serves: only those cards offer "adopt". */
  servedKinds?: readonly string[];
  onAdopted: () => void;
}) {
  const { t, label } = useI18n();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const filter = useMemo(() => toFilter(filters), [filters]);
  const filterKey = JSON.stringify(filter);
  const paging = useCursorPaging('market-needs', filterKey);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: MARKET_NEEDS_QUERY,
    variables: { first: 12, after: paging.after, filter },
  });
  // The map counts what the other filters leave, across every village.
  const mapFilter = useMemo(() => ({ ...filter, villageId: null }), [filter]);
  const [villages] = useQuery({ query: MARKET_VILLAGES_QUERY, variables: { filter: mapFilter } });
  const [townships] = useQuery({ query: TOWNSHIPS_QUERY });
  const [, claim] = useMutation(CLAIM_NEED_MUTATION);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const adopt = async (needId: string, version: number) => {
    setBusy(needId);
    const res = await claim({ input: { needId, expectedVersion: version } });
    setBusy(null);
    const r = res.data?.claimNeed;
    if (!r) {
      setNotice({ ok: false, text: refusal(t, null) });
      return;
    }
    switch (r.__typename) {
      case 'ClaimNeedSuccess':
        setNotice({ ok: true, text: t('market.adopted', { date: r.adoption?.expiresOn ?? '' }) });
        onAdopted();
        break;
      case 'Conflict':
        setNotice({ ok: false, text: refusal(t, r.code, r.params) });
        break;
      case 'StaleVersion':
      case 'NotFound':
      case 'InvalidInput':
        setNotice({ ok: false, text: refusal(t, r.code) });
        break;
      default:
        unreachable(r);
    }
    refetch({ requestPolicy: 'network-only' });
  };

  const villageOptions = (villages.data?.marketVillages ?? []).map((v) => ({ value: v.villageId, label: v.name }));
  return (
    <section className="card market-board" data-testid="need-board">
      <h2>{t('market.board')}</h2>
      <p className="muted">{t('market.intro')}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="market-filters">
        <FilterSelect
          label={t('market.kind')}
          value={filters.kind}
          options={NEED_KINDS.map((k) => ({ value: k, label: label('NeedKind', k) }))}
          onChange={(v) => set({ kind: v })}
          testId="filter-kind"
        />
        <FilterSelect
          label={t('market.township')}
          value={filters.township}
          options={(townships.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v) => set({ township: v, village: '' })}
          testId="filter-township"
        />
        <FilterSelect
          label={t('market.village')}
          value={filters.village}
          options={villageOptions}
          onChange={(v) => set({ village: v })}
          testId="filter-village"
        />
        <FilterSelect
          label={t('market.urgency')}
          value={filters.urgency}
          options={URGENCIES.map((u) => ({ value: u, label: label('Urgency', u) }))}
          onChange={(v) => set({ urgency: v })}
          testId="filter-urgency"
        />
        <FilterSelect
          label={t('market.cause')}
          value={filters.cause}
          options={CAUSES.map((c) => ({ value: c, label: label('Cause', c) }))}
          onChange={(v) => set({ cause: v })}
          testId="filter-cause"
        />
        <label className="field">
          <span className="field-label">{t('market.minCost')}</span>
          <input type="number" min={0} value={filters.minCost} onChange={(e) => set({ minCost: e.target.value })} data-testid="filter-min-cost" />
        </label>
        <label className="field">
          <span className="field-label">{t('market.maxCost')}</span>
          <input type="number" min={0} value={filters.maxCost} onChange={(e) => set({ maxCost: e.target.value })} data-testid="filter-max-cost" />
        </label>
        <button type="button" className="ghost" onClick={() => setFilters(EMPTY)}>
          {t('market.clearFilters')}
        </button>
      </form>
      {notice && (
        <p className={notice.ok ? 'notice notice-ok' : 'notice notice-error'} role="status" data-testid="market-notice">
          {notice.text}
        </p>
      )}
      <div className="market-columns">
        <div className="market-cards">
          {data?.marketNeeds && (
            <p className="muted" data-testid="market-count" data-count={data.marketNeeds.totalCount}>
              {t('market.sortedByUrgency', { count: data.marketNeeds.totalCount })}
            </p>
          )}
          <PagedList connection={data?.marketNeeds} error={error} fetching={fetching} paging={paging}>
            {(nodes) => (
              <div className="need-grid">
                {nodes.map((n) => (
                  <NeedCardView key={n.need.id} need={n.need} dueOn={n.dueOn}>
                    {canAdopt && n.need.status === 'OPEN' && (!servedKinds || servedKinds.includes(n.need.kind)) && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() => void adopt(n.need.id, n.need.version)}
                        data-testid="adopt-button"
                      >
                        {busy === n.need.id ? t('market.adopting') : t('market.adopt')}
                      </button>
                    )}
                  </NeedCardView>
                ))}
              </div>
            )}
          </PagedList>
        </div>
        <aside className="market-map">
          <h3>{t('market.map')}</h3>
          <VillageMap
            villages={villages.data?.marketVillages ?? []}
            selected={filters.village}
            onSelect={(v) => set({ village: v })}
          />
        </aside>
      </div>
    </section>
  );
}
