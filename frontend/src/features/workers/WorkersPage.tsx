import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { TextChips } from '../../components/Badges';
import { FilterSelect } from '../../components/FilterSelect';
import { LoadBar } from '../../components/LoadBar';
import { useCursorPaging } from '../../components/Pager';
import { DataTable, PagedList } from '../../components/PagedList';
import { useDebounced } from '../../components/useDebounced';
import type { SocialWorkerFilter, SocialWorkersQuery } from '../../graphql/graphql';
import { WORKERS_QUERY, STATION_OPTIONS_QUERY } from './workers.graphql';

export const PAGE_SIZE = 20;

/** A row of the worker list (query SocialWorkers). */
export type WorkerRow = NonNullable<SocialWorkersQuery['socialWorkers']>['edges'][number]['node'];

export function WorkersPage() {
  const { t, label, number } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const stationId = searchParams.get('station') ?? '';
  const q = searchParams.get('q') ?? '';

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next, { replace: true });
  };

  const [text, setText] = useState(q);
  const debounced = useDebounced(text, 350);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (debounced.trim() !== q) setParam('q', debounced.trim());
  }, [debounced]); // only when the typed text settles

  const [stations] = useQuery({
    query: STATION_OPTIONS_QUERY,
    variables: { first: 100 },
  });

  const filter = useMemo<SocialWorkerFilter>(() => {
    const f: SocialWorkerFilter = {};
    if (stationId) f.stationId = stationId;
    if (q) f.search = q;
    return f;
  }, [stationId, q]);
  const paging = useCursorPaging('workers', JSON.stringify(filter));

  const [{ data, error, fetching }] = useQuery({
    query: WORKERS_QUERY,
    variables: { first: PAGE_SIZE, after: paging.after, filter },
  });
  const connection = data?.socialWorkers;

  return (
    <section className="page" data-testid="workers-page">
      <header className="page-header">
        <h1>{t('workers.title')}</h1>
      </header>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('workers.station')}
          value={stationId}
          options={(stations.data?.stations.edges ?? []).map((e) => ({
            value: e.node.id,
            label: e.node.name,
          }))}
          onChange={(v) => setParam('station', v)}
          testId="filter-station"
        />
        <label className="field field-search">
          <span className="field-label">{t('common.search')}</span>
          <input
            type="search"
            value={text}
            placeholder={t('workers.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="filter-worker-search"
          />
        </label>
      </form>

      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(nodes) => (
          <DataTable
            testId="workers-table"
            fetching={fetching}
            columns={8}
            rows={nodes}
            head={
              <>
                <th>{t('workers.name')}</th>
                <th>{t('workers.sex')}</th>
                <th>{t('workers.station')}</th>
                <th>{t('workers.load')}</th>
                <th>{t('workers.reach')}</th>
                <th>{t('workers.skills')}</th>
                <th>{t('workers.languages')}</th>
                <th>{t('workers.phone')}</th>
              </>
            }
            row={(w) => (
              <tr key={w.id} data-testid="worker-row">
                <td>{w.name}</td>
                <td>{label('Sex', w.sex)}</td>
                <td>{w.station.name}</td>
                <td>
                  <LoadBar current={w.currentLoad} limit={w.caseloadLimit} />
                </td>
                <td className="nowrap">
                  {t('common.km', { km: number(w.reachKm, 1) })}
                  <small className="muted"> · {label('TravelMode', w.travelMode)}</small>
                </td>
                <td>
                  <TextChips items={w.skills} />
                </td>
                <td>
                  <TextChips items={w.languages} />
                </td>
                <td className="nowrap">{w.phone ?? t('common.none')}</td>
              </tr>
            )}
          />
        )}
      </PagedList>
    </section>
  );
}
