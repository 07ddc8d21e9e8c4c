import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { Pager, useCursorPaging } from '../../components/Pager';
import { Loading, QueryError } from '../../components/QueryState';
import { STATIONS_QUERY } from './stations.graphql';

export const PAGE_SIZE = 20;

export function StationsPage() {
  const { t, number } = useI18n();
  const paging = useCursorPaging('stations', '');
  const [{ data, error, fetching }] = useQuery({
    query: STATIONS_QUERY,
    variables: { first: PAGE_SIZE, after: paging.after },
  });
  const connection = data?.stations;

  return (
    <section className="page" data-testid="stations-page">
      <header className="page-header">
        <h1>{t('stations.title')}</h1>
      </header>
      {error && <QueryError error={error} />}
      {!connection && fetching && <Loading />}
      {connection && (
        <>
          <div className="table-wrap">
            <table className="data" data-testid="stations-table" aria-busy={fetching}>
              <thead>
                <tr>
                  <th>{t('stations.name')}</th>
                  <th>{t('stations.township')}</th>
                  <th className="num">{t('stations.workerCount')}</th>
                  <th className="num">{t('stations.householdCount')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node: s }) => (
                  <tr key={s.id} data-testid="station-row">
                    <td>{s.name}</td>
                    <td>{s.township.name}</td>
                    <td className="num">{number(s.workerCount)}</td>
                    <td className="num">{number(s.householdCount)}</td>
                    <td className="actions">
                      <Link to={`/workers?station=${encodeURIComponent(s.id)}`} className="button-link">
                        {t('stations.viewWorkers')}
                      </Link>
                    </td>
                  </tr>
                ))}
                {connection.edges.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty">
                      {t('common.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <Pager
            paging={paging}
            totalCount={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            endCursor={connection.pageInfo.endCursor}
            fetching={fetching}
          />
        </>
      )}
    </section>
  );
}
