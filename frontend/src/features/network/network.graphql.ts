import { graphql } from '../../graphql';

export const NETWORK_TOWNSHIPS_QUERY = graphql(`
  query NetworkTownships {
    regions(level: TOWNSHIP) {
      id
      name
    }
  }
`);

export const NETWORK_GRAPH_QUERY = graphql(`
  query NetworkGraph($filter: NetworkFilter) {
    networkGraph(filter: $filter) {
      nodes {
        id
        kind
        label
        warningLevel
        tier
        load
        townshipId
        villageId
        x
        y
      }
      edges {
        source
        target
        kind
      }
    }
  }
`);

export const NETWORK_GAPS_QUERY = graphql(`
  query NetworkGaps($townshipId: ID, $staleDays: Int!, $idleDays: Int!, $first: Int!) {
    networkGaps(townshipId: $townshipId, staleDays: $staleDays, idleDays: $idleDays, first: $first) {
      uncoveredVillages {
        townshipId
        villageId
        villageName
        households
        uncovered
        red
        orange
        urgentHouseholdIds
      }
      singlePointWorkers {
        workerId
        workerName
        stationId
        townshipId
        householdIds
        urgentHouseholdIds
        load
        colleaguesInReach
        colleaguesRoom
        colleaguesCanAbsorb
      }
      idleOrganisations {
        totalCount
        items {
          id
          kind
          name
          budgetYuan
          jobsOffered
          lastAdoptionOn
        }
      }
      idleVolunteers {
        totalCount
        items {
          id
          name
          villageId
          townshipId
        }
      }
      unservedNeedKinds {
        townshipId
        townshipName
        kind
        openNeeds
        households
      }
      villageCoverage {
        townshipId
        villageId
        villageName
        x
        y
        households
        withWorker
        visitedInCadence
        needs
        needsMet
        workerShare
        cadenceShare
        needsShare
      }
      eligibilityReview {
        line
        coveredAboveLineCount
        uncoveredBelowLineCount
        items {
          signal
          householdId
          label
          tier
          monthlyIncomePerPerson
          villageName
          warningLevel
        }
      }
      staleLinks {
        days
        totalCount
        pairings {
          daysWithoutContact
          match {
            id
            household {
              id
            }
            worker {
              id
            }
          }
        }
      }
    }
  }
`);

export const EXPORT_GAPS_MUTATION = graphql(`
  mutation ExportGaps($townshipId: ID, $idleDays: Int) {
    exportGaps(townshipId: $townshipId, idleDays: $idleDays) {
      __typename
      ... on ExportStarted {
        downloadUrl
        job {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);
