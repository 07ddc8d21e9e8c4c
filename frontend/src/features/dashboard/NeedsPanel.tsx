// The list behind a bar of the needs chart: the needs of one kind in one status, anonymous.
import { useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { Loading, QueryError } from '../../components/QueryState';
import type { NeedKind, NeedStatus } from '../../graphql/graphql';
import { DASHBOARD_NEEDS_QUERY } from './dashboard.graphql';

interface NeedsPanelProps {
  regionId: string;
  kind: NeedKind;
  status: NeedStatus;
  onClose: () => void;
}

export function NeedsPanel({ regionId, kind, status, onClose }: NeedsPanelProps) {
  const { t, label, number } = useI18n();
  const [{ data, error, fetching }] = useQuery({
    query: DASHBOARD_NEEDS_QUERY,
    variables: { filter: { regionId, kind, status } },
  });
  const needs = data?.needs;
  return (
    <aside className="panel" data-testid="needs-panel">
      <header className="panel-header">
        <h2>{t('dashboard.needsPanel', { kind: label('NeedKind', kind), status: label('NeedStatus', status) })}</h2>
        <button type="button" onClick={onClose}>
          {t('dashboard.close')}
        </button>
      </header>
      {error && <QueryError error={error} />}
      {!data && fetching && <Loading />}
      {needs && (
        <>
          <p>{t('dashboard.needsTotal', { count: number(needs.totalCount) })}</p>
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('dashboard.village')}</th>
                <th>{t('dashboard.urgency')}</th>
                <th>{t('dashboard.size')}</th>
                <th className="num">{t('dashboard.cost')}</th>
              </tr>
            </thead>
            <tbody>
              {needs.edges.map(({ node }) => (
                <tr key={node.id} data-testid="need-row">
                  <td>{node.village?.name ?? ''}</td>
                  <td>{label('Urgency', node.urgency)}</td>
                  <td>{node.sizeBand}</td>
                  <td className="num">{number(node.estimatedCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
