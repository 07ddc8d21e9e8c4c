import { graphql } from '../../graphql';

export const HOUSEHOLDS_QUERY = graphql(`
  query Households($first: Int!, $after: String, $filter: HouseholdFilter) {
    households(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          tier
          dibaoClass
          causes
          warningLevel
          size
          identity {
            headName
          }
          village {
            id
            name
          }
          township {
            id
            name
          }
          worker {
            id
            name
          }
        }
      }
    }
  }
`);

export const REGIONS_QUERY = graphql(`
  query Regions($level: RegionLevel, $parentId: ID) {
    regions(level: $level, parentId: $parentId) {
      id
      name
      level
      parentId
    }
  }
`);

export const IMPORT_HOUSEHOLDS_MUTATION = graphql(`
  mutation ImportHouseholds($file: Upload!) {
    importHouseholds(file: $file) {
      __typename
      ... on ImportHouseholdsSuccess {
        job {
          id
          status
          progress
          message
        }
      }
      ...UserErrorFields
    }
  }
`);

export const HOUSEHOLD_QUERY = graphql(`
  query Household($id: ID!) {
    household(id: $id) {
      id
      tier
      dibaoClass
      causes
      specialGroups
      size
      monthlyIncomePerPerson
      warningLevel
      riskScore
      nextReviewDue
      version
      village {
        id
        name
      }
      township {
        id
        name
      }
      location {
        lat
        lon
      }
      identity {
        headName
        address
        phone
      }
      members {
        id
        relation
        sex
        age
        disabilityGrade
        chronicIllness
        seriousIllness
        canWork
        identity {
          name
          idNumber
        }
      }
      needs {
        id
        kind
        description
        estimatedCost
        urgency
        status
      }
      worker {
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
`);

export const REASSIGN_STATIONS_QUERY = graphql(`
  query ReassignStations($first: Int!) {
    stations(first: $first) {
      edges {
        node {
          id
          name
          township {
            id
          }
        }
      }
    }
  }
`);

export const REASSIGN_MUTATION = graphql(`
  mutation ReassignHousehold($householdId: ID!, $workerId: ID!, $reason: String!, $override: Boolean!) {
    reassignHousehold(householdId: $householdId, workerId: $workerId, reason: $reason, override: $override) {
      __typename
      ... on ReassignHouseholdSuccess {
        household {
          id
          version
          worker {
            id
            name
            caseloadLimit
            currentLoad
          }
        }
      }
      ... on RuleViolation {
        message
        field
        code
        rules {
          code
          params {
            name
            value
          }
        }
        overridable
      }
      ...UserErrorFields
    }
  }
`);

export const TIMELINE_QUERY = graphql(`
  query HouseholdTimeline($householdId: ID!) {
    householdTimeline(householdId: $householdId) {
      at
      kind
      detail
      actor
      subjectId
      params {
        name
        value
      }
    }
  }
`);

export const STATEMENT_QUERY = graphql(`
  query HouseholdStatement($id: ID!) {
    householdStatement(householdId: $id) {
      householdId
      headName
      generatedOn
      since
      transitionUntil
      matches {
        workerName
        stationName
        startedOn
        endedOn
        status
        outcome
      }
      visits {
        visitedOn
        workerName
        place
        outcome
      }
      needsFulfilled {
        kind
        description
        costYuan
        fulfilledOn
        fulfilledBy
        organisations
      }
      referrals {
        referredOn
        to
        workerName
      }
      totals {
        workers
        visits
        needsFulfilled
        valueYuan
        referrals
      }
    }
    household(id: $id) {
      id
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
`);

export const HOUSEHOLD_ACTIVE_MATCH_QUERY = graphql(`
  query HouseholdActiveMatch($filter: MatchFilter) {
    matches(first: 5, filter: $filter) {
      edges {
        node {
          id
          status
          version
          startedOn
          followUpDue
          overdue
          lastVisitAt
          worker {
            id
            name
          }
        }
      }
    }
  }
`);

export const HOUSEHOLD_ALERTS_QUERY = graphql(`
  query HouseholdAlerts($householdId: ID!) {
    householdAlerts(householdId: $householdId) {
      ...AlertFields
    }
  }
`);

export const FOLLOW_UP_WHO_QUERY = graphql(`
  query FollowUpWho {
    me {
      id
      scopeKind
      scopeId
    }
  }
`);

export const EXPORT_HOUSEHOLDS_MUTATION = graphql(`
  mutation ExportHouseholds($filter: HouseholdFilter) {
    exportHouseholds(filter: $filter) {
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
