import { graphql } from '../../graphql';

export const WORKERS_QUERY = graphql(`
  query SocialWorkers($first: Int!, $after: String, $filter: SocialWorkerFilter) {
    socialWorkers(first: $first, after: $after, filter: $filter) {
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
          sex
          phone
          caseloadLimit
          currentLoad
          reachKm
          travelMode
          skills
          languages
          station {
            id
            name
          }
        }
      }
    }
  }
`);

/** Stations for the filter select: a county has a few dozen, one per township. */
export const STATION_OPTIONS_QUERY = graphql(`
  query StationOptions($first: Int!) {
    stations(first: $first) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);
