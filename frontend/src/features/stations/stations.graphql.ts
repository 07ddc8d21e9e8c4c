import { graphql } from '../../graphql';

export const STATIONS_QUERY = graphql(`
  query Stations($first: Int!, $after: String) {
    stations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          workerCount
          householdCount
          township {
            id
            name
          }
        }
      }
    }
  }
`);

export const STATION_COVERAGE_QUERY = graphql(`
  query StationCoverage {
    dashboard {
      region {
        id
      }
      stations {
        id
        households
        assigned
        assignedShare
        redUnassigned
        overdue
        workers
        workersAtLimit
      }
    }
  }
`);
