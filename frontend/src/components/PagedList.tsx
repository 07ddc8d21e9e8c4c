// The scaffolding every paged list shares (households, workers, stations, alerts, audit): the
// query's error, "loading" before the first page, the page itself, and the pager under it.
import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { useI18n } from '../app/i18n';
import { Pager, type CursorPaging } from './Pager';
import { Loading, QueryError } from './QueryState';

/** A page of a Relay connection, as every list query selects it. */
export interface PageOf<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: N }[];
}

interface PagedListProps<N> {
  connection: PageOf<N> | null | undefined;
  error: CombinedError | undefined;
  fetching: boolean;
  paging: CursorPaging;
  /** The current page's nodes as the list shows them (a table, a list of items). */
  children: (nodes: N[]) => ReactNode;
}

export function PagedList<N>({ connection, error, fetching, paging, children }: PagedListProps<N>) {
  return (
    <>
      {error && <QueryError error={error} />}
      {!connection && fetching && <Loading />}
      {connection && (
        <>
          {children(connection.edges.map((e) => e.node))}
          <Pager
            paging={paging}
            totalCount={connection.totalCount}
            hasNextPage={connection.pageInfo.hasNextPage}
            endCursor={connection.pageInfo.endCursor}
            fetching={fetching}
          />
        </>
      )}
    </>
  );
}

interface DataTableProps<N> {
  testId: string;
  fetching: boolean;
  /** The header cells. */
  head: ReactNode;
  columns: number;
  rows: N[];
  row: (node: N) => ReactNode;
  emptyTestId?: string;
}

/** A list's table: its head, a row per node, and "no records" when the page is empty. */
export function DataTable<N>({ testId, fetching, head, columns, rows, row, emptyTestId }: DataTableProps<N>) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data" data-testid={testId} aria-busy={fetching}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>
          {rows.map(row)}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns} className="empty" data-testid={emptyTestId}>
                {t('common.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
