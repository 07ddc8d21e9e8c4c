// The county's stations as a page picks from them (the caseload board's and the dashboard's
// station choice): one document for every feature that lists them, so none imports another's.
import { graphql } from '../graphql';

export const CASELOAD_STATIONS_QUERY = graphql(`
  query CaseloadStations($first: Int!) {
    stations(first: $first) {
      edges {
        node {
          id
          name
          township {
            id
            name
          }
        }
      }
    }
  }
`);
