import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { HOUSEHOLD_EXPORT_ROLES, IDENTITY_ROLES, IMPORT_ROLES, hasRole } from '../../app/roles';
import { ExportButton } from '../dashboard/ExportButton';
import { CAUSES, DIBAO_CLASSES, TIERS, WARNING_LEVELS } from '../../app/enums';
import { CauseChips, ClassBadge, TierBadge, WarningBadge } from '../../components/Badges';
import { FilterSelect } from '../../components/FilterSelect';
import { useCursorPaging } from '../../components/Pager';
import { DataTable, PagedList } from '../../components/PagedList';
import { useDebounced } from '../../components/useDebounced';
import { readParams, toFilter, writeParams, type HouseholdParams } from './filters';
import type { HouseholdsQuery } from '../../graphql/graphql';
import { EXPORT_HOUSEHOLDS_MUTATION, HOUSEHOLDS_QUERY, REGIONS_QUERY } from './households.graphql';

export const PAGE_SIZE = 20;

/** A row of the household list (query Households). */
export type HouseholdRow = HouseholdsQuery['households']['edges'][number]['node'];

export function HouseholdsPage() {
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readParams(searchParams), [searchParams]);

  const update = (patch: Partial<HouseholdParams>) =>
    setSearchParams(writeParams({ ...params, ...patch }), { replace: true });

  // Regions for the township and village selects.
  const [townships] = useQuery({
    query: REGIONS_QUERY,
    variables: { level: 'TOWNSHIP' },
  });
  const [villages] = useQuery({
    query: REGIONS_QUERY,
    variables: { level: 'VILLAGE', parentId: params.township },
    pause: !params.township,
  });

  // The name search: typed locally, written to the URL after a pause.
  const [q, setQ] = useState(params.q);
  const debouncedQ = useDebounced(q, 350);
  useEffect(() => setQ(params.q), [params.q]);
  useEffect(() => {
    if (debouncedQ.trim() !== params.q) update({ q: debouncedQ });
  }, [debouncedQ]); // only when the typed text settles

  // Who sees identity is decided by the server (identity is null otherwise); the role only
  // tells the UI whether a name search makes sense.
  const identityVisible = user != null && IDENTITY_ROLES.has(user.role);
  const filter = useMemo(() => toFilter(params, identityVisible), [params, identityVisible]);
  const filterKey = JSON.stringify(filter);
  const paging = useCursorPaging('households', filterKey);

  const [{ data, error, fetching }] = useQuery({
    query: HOUSEHOLDS_QUERY,
    variables: { first: PAGE_SIZE, after: paging.after, filter },
  });

  const connection = data?.households;
  const [, exportHouseholds] = useMutation(EXPORT_HOUSEHOLDS_MUTATION);

  const anyFilter = searchParams.toString() !== '';

  return (
    <section className="page" data-testid="households-page">
      <header className="page-header">
        <h1>{t('households.title')}</h1>
        {hasRole(user, HOUSEHOLD_EXPORT_ROLES) && (
          <ExportButton
            label={t('households.export')}
            testId="households-export"
            start={async () => (await exportHouseholds({ filter })).data?.exportHouseholds}
          />
        )}
        {hasRole(user, IMPORT_ROLES) && (
          <span className="header-actions">
            <Link to="/households/new" className="button-link" data-testid="new-household-link">
              {t('hhForm.newLink')}
            </Link>
            <Link to="/households/import" className="button-link" data-testid="import-link">
              {t('households.import')}
            </Link>
          </span>
        )}
      </header>

      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()} data-testid="household-filters">
        <FilterSelect
          label={t('households.township')}
          value={params.township}
          options={(townships.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v) => update({ township: v, village: '' })}
          testId="filter-township"
        />
        <FilterSelect
          label={t('households.village')}
          value={params.village}
          options={(villages.data?.regions ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v) => update({ village: v })}
          disabled={!params.township}
          testId="filter-village"
        />
        <FilterSelect
          label={t('households.tier')}
          value={params.tier}
          options={TIERS.map((v) => ({ value: v, label: label('Tier', v) }))}
          onChange={(v) => update({ tier: v })}
          testId="filter-tier"
        />
        <FilterSelect
          label={t('households.dibaoClass')}
          value={params.dibaoClass}
          options={DIBAO_CLASSES.map((v) => ({ value: v, label: label('DibaoClass', v) }))}
          onChange={(v) => update({ dibaoClass: v })}
          testId="filter-class"
        />
        <FilterSelect
          label={t('households.cause')}
          value={params.cause}
          options={CAUSES.map((v) => ({ value: v, label: label('Cause', v) }))}
          onChange={(v) => update({ cause: v })}
          testId="filter-cause"
        />
        <FilterSelect
          label={t('households.warningLevel')}
          value={params.warning}
          options={WARNING_LEVELS.map((v) => ({ value: v, label: label('WarningLevel', v) }))}
          onChange={(v) => update({ warning: v })}
          testId="filter-warning"
        />
        <label className="field field-check">
          <input
            type="checkbox"
            checked={params.noWorker}
            onChange={(e) => update({ noWorker: e.target.checked })}
            data-testid="filter-no-worker"
          />
          <span>{t('households.noWorker')}</span>
        </label>
        {identityVisible && (
          <label className="field field-search">
            <span className="field-label">{t('common.search')}</span>
            <input
              type="search"
              value={q}
              placeholder={t('households.searchPlaceholder')}
              onChange={(e) => setQ(e.target.value)}
              data-testid="filter-search"
            />
          </label>
        )}
        {anyFilter && (
          <button type="button" className="link reset" onClick={() => setSearchParams({}, { replace: true })}>
            {t('common.reset')}
          </button>
        )}
      </form>

      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(nodes) => (
          <DataTable
            testId="households-table"
            fetching={fetching}
            columns={9}
            emptyTestId="households-empty"
            rows={nodes}
            head={
              <>
                <th>{t('households.head')}</th>
                <th>{t('households.location')}</th>
                <th>{t('households.tier')}</th>
                <th>{t('households.dibaoClass')}</th>
                <th>{t('households.causes')}</th>
                <th>{t('households.warning')}</th>
                <th className="num">{t('households.size')}</th>
                <th>{t('households.worker')}</th>
                <th aria-label={t('common.view')} />
              </>
            }
            row={(h) => (
              <tr key={h.id} data-testid="household-row" data-warning={h.warningLevel}>
                <td>
                  {h.identity ? (
                    <Link to={`/households/${encodeURIComponent(h.id)}`}>{h.identity.headName}</Link>
                  ) : (
                    <span className="muted" title={t('households.hidden')}>
                      {t('common.none')}
                    </span>
                  )}
                </td>
                <td>
                  <span className="region">
                    {h.village.name}
                    <small className="muted">{h.township.name}</small>
                  </span>
                </td>
                <td>
                  <TierBadge tier={h.tier} />
                </td>
                <td>
                  <ClassBadge dibaoClass={h.dibaoClass} />
                </td>
                <td>
                  <CauseChips causes={h.causes} />
                </td>
                <td>
                  <WarningBadge level={h.warningLevel} />
                </td>
                <td className="num">{h.size}</td>
                <td>
                  {h.worker ? (
                    h.worker.name
                  ) : (
                    <span className="unassigned">{t('households.unassigned')}</span>
                  )}
                </td>
                <td className="actions">
                  <Link
                    to={`/households/${encodeURIComponent(h.id)}`}
                    data-testid="household-link"
                    className="button-link"
                  >
                    {t('common.view')}
                  </Link>
                </td>
              </tr>
            )}
          />
        )}
      </PagedList>
    </section>
  );
}
