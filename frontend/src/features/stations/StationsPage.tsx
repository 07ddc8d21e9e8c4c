import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { STATION_COVERAGE_ROLES, hasRole } from '../../app/roles';
import type { StationCoverageQuery } from '../../graphql/graphql';
import { useCursorPaging } from '../../components/Pager';
import { DataTable, PagedList } from '../../components/PagedList';
import { STATION_COVERAGE_QUERY, STATIONS_QUERY } from './stations.graphql';

export const PAGE_SIZE = 20;

export function StationsPage() {
  const { t, number } = useI18n();
  const paging = useCursorPaging('stations', '');
  const [{ data, error, fetching }] = useQuery({
    query: STATIONS_QUERY,
    variables: { first: PAGE_SIZE, after: paging.after },
  });
  const connection = data?.stations;
  // Coverage per station (the dashboard's station figures), for the roles that read them.
  const { user } = useAuth();
  const [coverage] = useQuery({ query: STATION_COVERAGE_QUERY, pause: !hasRole(user, STATION_COVERAGE_ROLES) });
  const coverageOf = useMemo(
    () => new Map((coverage.data?.dashboard?.stations ?? []).map((s) => [s.id, s])),
    [coverage.data],
  );

  return (
    <section className="page" data-testid="stations-page">
      <header className="page-header">
        <h1>{t('stations.title')}</h1>
      </header>
      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(nodes) => (
          <DataTable
            testId="stations-table"
            fetching={fetching}
            columns={9}
            rows={nodes}
            head={
              <>
                <th>{t('stations.name')}</th>
                <th>{t('stations.township')}</th>
                <th className="num">{t('stations.workerCount')}</th>
                <th className="num">{t('stations.householdCount')}</th>
                <th className="num">{t('stations.coverage')}</th>
                <th className="num">{t('stations.redUnassigned')}</th>
                <th className="num">{t('stations.overdue')}</th>
                <th className="num">{t('stations.atLimit')}</th>
                <th />
              </>
            }
            row={(s) => (
              <tr key={s.id} data-testid="station-row">
                <td>{s.name}</td>
                <td>{s.township.name}</td>
                <td className="num">{number(s.workerCount)}</td>
                <td className="num">{number(s.householdCount)}</td>
                <CoverageCells figures={coverageOf.get(s.id)} township={s.township.id} station={s.id} />
                <td className="actions">
                  <Link to={`/workers?station=${encodeURIComponent(s.id)}`} className="button-link">
                    {t('stations.viewWorkers')}
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

type StationFigures = NonNullable<StationCoverageQuery['dashboard']>['stations'][number];

/** A station's coverage; each number opens the list behind it. */
function CoverageCells({ figures, township, station }: { figures?: StationFigures; township: string; station: string }) {
  const { number } = useI18n();
  if (!figures) {
    return (
      <>
        <td className="num" />
        <td className="num" />
        <td className="num" />
        <td className="num" />
      </>
    );
  }
  const households = `/households?township=${encodeURIComponent(township)}`;
  return (
    <>
      <td className="num" data-testid="station-coverage">
        <Link to={`${households}&noWorker=1`}>{`${(figures.assignedShare * 100).toFixed(1)}%`}</Link>
      </td>
      <td className="num">
        <Link to={`${households}&noWorker=1&warning=RED`}>{number(figures.redUnassigned)}</Link>
      </td>
      <td className="num">
        <Link to="/oversight">{number(figures.overdue)}</Link>
      </td>
      <td className="num">
        <Link to={`/workers?station=${encodeURIComponent(station)}`}>
          {number(figures.workersAtLimit)} / {number(figures.workers)}
        </Link>
      </td>
    </>
  );
}
