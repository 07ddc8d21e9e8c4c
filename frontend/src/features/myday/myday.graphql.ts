import { graphql } from '../../graphql';

/** Who the worker is: `scopeId` is their SocialWorker id. */
export const MY_DAY_WHO_QUERY = graphql(`
  query MyDayWho {
    me {
      id
      role
      displayName
      scopeKind
      scopeId
    }
  }
`);

export const MY_DAY_OVERDUE_QUERY = graphql(`
  query MyDayOverdue {
    overdue {
      ...OverdueListFields
    }
  }
`);

export const MY_DAY_MATCHES_QUERY = graphql(`
  query MyDayMatches($first: Int!, $after: String, $filter: MatchFilter) {
    matches(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          version
          startedOn
          followUpDue
          overdue
          lastVisitAt
          lastContactAt
          household {
            id
            warningLevel
            identity {
              headName
              address
            }
            village {
              id
              name
            }
            township {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const MY_DAY_ALERTS_QUERY = graphql(`
  query MyDayAlerts($first: Int!, $filter: AlertFilterInput) {
    alerts(first: $first, filter: $filter) {
      totalCount
      edges {
        node {
          ...AlertRow
        }
      }
    }
  }
`);
