import { graphql } from '../../graphql';

export const ALERTS_QUERY = graphql(`
  query Alerts($first: Int!, $after: String, $filter: AlertFilterInput) {
    alerts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...AlertRow
        }
      }
    }
  }
`);

export const ALERT_TOWNSHIPS_QUERY = graphql(`
  query AlertTownships {
    regions(level: TOWNSHIP) {
      id
      name
    }
  }
`);
