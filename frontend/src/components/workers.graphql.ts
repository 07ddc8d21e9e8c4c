// Social workers as a page picks from them, with their load and reach (a household's
// reassignment, a conference decision's owner): one document for every feature that needs it.
import { graphql } from '../graphql';

export const REASSIGN_WORKERS_QUERY = graphql(`
  query ReassignWorkers($first: Int!, $filter: SocialWorkerFilter) {
    socialWorkers(first: $first, filter: $filter) {
      edges {
        node {
          id
          name
          caseloadLimit
          currentLoad
          reachKm
        }
      }
    }
  }
`);
