import { graphql } from '../../graphql';

/** A round as both pages draw it: stops with their household's place and name. */
export const ROUND_FIELDS = graphql(`
  fragment RoundFields on Round {
    id
    workerId
    stationId
    date
    start
    end
    km
    travelMinutes
    warnings
    version
    doneCount
    stops {
      position
      householdId
      kind
      arrival
      start
      departure
      travelMinutes
      km
      late
      warnings
      done
      visitId
      windows
      unavailableWeekdays
      household {
        id
        location {
          lat
          lon
        }
        identity {
          headName
        }
        village {
          id
          name
        }
      }
    }
    dropped {
      householdId
      kind
      reason
    }
  }
`);

/** Who is signed in: a worker's `scopeId` is their SocialWorker id, a manager's their station. */
export const ROUNDS_WHO_QUERY = graphql(`
  query RoundsWho {
    me {
      id
      role
      scopeKind
      scopeId
    }
  }
`);

/** The worker: where their round starts (home) and their station. */
export const MY_WORKER_QUERY = graphql(`
  query MyRoundWorker($workerId: ID!) {
    socialWorker(id: $workerId) {
      id
      name
      home {
        lat
        lon
      }
      station {
        id
        name
      }
    }
  }
`);

/** The rounds of the worker's station on a day; the page keeps the worker's own. */
export const MY_ROUNDS_QUERY = graphql(`
  query MyRounds($stationId: ID!, $date: String!) {
    stationRounds(stationId: $stationId, date: $date) {
      ...RoundFields
    }
  }
`);

/** The worker's active matches: a stop's 到访 opens the visit form of the household's match;
 * their households (name, village, warning level) are what 紧急走访 may insert. */
export const MY_ROUND_MATCHES_QUERY = graphql(`
  query MyRoundMatches($workerId: ID!) {
    matches(first: 100, filter: { workerId: $workerId, status: ACTIVE }) {
      edges {
        node {
          id
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
        }
      }
    }
  }
`);

/** A dropped visit names only its household: its name and village, read one by one. */
export const ROUND_HOUSEHOLD_QUERY = graphql(`
  query RoundHousehold($id: ID!) {
    household(id: $id) {
      id
      identity {
        headName
      }
      village {
        id
        name
      }
    }
  }
`);

export const PLAN_WORKER_DAY_MUTATION = graphql(`
  mutation PlanWorkerDay($workerId: ID!, $date: String!) {
    planWorkerDay(workerId: $workerId, date: $date) {
      __typename
      ... on PlanWorkerDaySuccess {
        round {
          ...RoundFields
        }
      }
      ...UserErrorFields
    }
  }
`);

/** A station's day: every worker's round, the workers' names, the station's place. */
export const STATION_ROUNDS_QUERY = graphql(`
  query StationRounds($stationId: ID!, $date: String!) {
    station(id: $stationId) {
      id
      name
      location {
        lat
        lon
      }
    }
    socialWorkers(first: 100, filter: { stationId: $stationId }) {
      edges {
        node {
          id
          name
          home {
            lat
            lon
          }
        }
      }
    }
    stationRounds(stationId: $stationId, date: $date) {
      ...RoundFields
    }
  }
`);

export const REQUEST_WEEK_ROUNDS_MUTATION = graphql(`
  mutation RequestStationWeekRounds($stationId: ID!, $weekStart: String!) {
    requestStationWeekRounds(stationId: $stationId, weekStart: $weekStart) {
      __typename
      ... on RequestStationWeekRoundsSuccess {
        job {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

/** Stations to choose from, for the roles above a station. */
export const ROUND_STATIONS_QUERY = graphql(`
  query RoundStations {
    stations(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const REPLAN_WORKER_DAY_MUTATION = graphql(`
  mutation ReplanWorkerDay($workerId: ID!, $date: String!, $emergencyHouseholdIds: [ID!]) {
    replanWorkerDay(workerId: $workerId, date: $date, emergencyHouseholdIds: $emergencyHouseholdIds) {
      __typename
      ... on ReplanWorkerDaySuccess {
        round {
          ...RoundFields
        }
        change {
          added
          removed
          unchanged
          moved {
            householdId
            oldPosition
            newPosition
          }
          retimed {
            householdId
            oldStart
            newStart
          }
        }
      }
      ...UserErrorFields
    }
  }
`);
