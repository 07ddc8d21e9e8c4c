import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { useCursorPaging } from '../../components/Pager';
import { DataTable, PagedList } from '../../components/PagedList';
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
      <PagedList connection={connection} error={error} fetching={fetching} paging={paging}>
        {(nodes) => (
          <DataTable
            testId="stations-table"
            fetching={fetching}
            columns={5}
            rows={nodes}
            head={
              <>
                <th>{t('stations.name')}</th>
                <th>{t('stations.township')}</th>
                <th className="num">{t('stations.workerCount')}</th>
                <th className="num">{t('stations.householdCount')}</th>
                <th />
              </>
            }
            row={(s) => (
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
            )}
          />
        )}
      </PagedList>
    </section>
  );
}
