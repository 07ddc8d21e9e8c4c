import { graphql } from '../../graphql';

export const OVERSIGHT_STATIONS_QUERY = graphql(`
  query OversightStations($first: Int!) {
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

export const STALE_PAIRINGS_QUERY = graphql(`
  query StalePairings($days: Int!, $stationId: ID, $first: Int!) {
    stalePairings(days: $days, stationId: $stationId, first: $first) {
      days
      asOf
      totalCount
      pairings {
        since
        daysWithoutContact
        remindedToday
        match {
          id
          followUpDue
          lastVisitAt
          lastContactAt
          household {
            id
            warningLevel
            identity {
              headName
            }
            village {
              id
              name
            }
          }
          worker {
            id
            name
            station {
              id
              name
            }
          }
        }
      }
      silentWorkers {
        activeMatches
        staleMatches
        lastContactAt
        worker {
          id
          name
          phone
        }
        station {
          id
          name
        }
      }
    }
  }
`);

export const OVERSIGHT_OVERDUE_QUERY = graphql(`
  query OversightOverdue($scope: WatchScopeInput) {
    overdue(scope: $scope) {
      ...OverdueListFields
    }
  }
`);

export const REMIND_WORKER_MUTATION = graphql(`
  mutation RemindWorker($matchId: ID!) {
    remindWorker(matchId: $matchId) {
      __typename
      ... on RemindWorkerSuccess {
        alreadySent
        notification {
          id
          createdAt
        }
      }
      ...UserErrorFields
    }
  }
`);

/** A household named in a list that carries only its id (the overdue list). */
export const HOUSEHOLD_LABEL_QUERY = graphql(`
  query HouseholdLabel($id: ID!) {
    household(id: $id) {
      id
      identity {
        headName
      }
      village {
        id
        name
      }
      worker {
        id
        name
      }
    }
  }
`);
