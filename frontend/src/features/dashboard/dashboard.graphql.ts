import { graphql } from '../../graphql';

export const DASHBOARD_QUERY = graphql(`
  query Dashboard($regionId: ID) {
    dashboard(regionId: $regionId) {
      region {
        id
        name
        level
      }
      path {
        id
        name
        level
      }
      totals {
        households
        assigned
        assignedShare
        unassigned
        red
        redUnassigned
        orangeUnassigned
        activeMatches
        overdue
        overdueRate
      }
      parts {
        region {
          id
          name
          level
        }
        households
        assigned
        unassigned
        assignedShare
        redUnassigned
        overdue
        overdueRate
      }
      stations {
        id
        name
        townshipIds
        households
        assigned
        assignedShare
        redUnassigned
        overdue
        workers
        workersAtLimit
        loadSpread {
          minimum
          q1
          median
          q3
          maximum
        }
      }
      alertWeeks {
        week
        level
        count
      }
      firstVisits {
        level
        alerts
        visited
        medianHours
        within1d
        within3d
        within7d
        later
      }
      needs {
        kind
        status
        count
        estimatedCost
      }
      funds {
        source
        pledged
        disbursed
      }
    }
  }
`);

export const DASHBOARD_NEEDS_QUERY = graphql(`
  query DashboardNeeds($filter: NeedFilter!) {
    needs(first: 50, filter: $filter) {
      totalCount
      edges {
        node {
          id
          kind
          status
          urgency
          estimatedCost
          sizeBand
          village {
            id
            name
          }
        }
      }
    }
  }
`);

export const EXPORT_DASHBOARD_MUTATION = graphql(`
  mutation ExportDashboard($regionId: ID!) {
    exportDashboard(regionId: $regionId) {
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

export const APPROVE_PLAN_PART_MUTATION = graphql(`
  mutation ApprovePlanPart($planId: ID!, $expectedVersion: Int!, $stationId: ID!) {
    approveCaseloadPlan(planId: $planId, expectedVersion: $expectedVersion, stationId: $stationId) {
      __typename
      ... on ApproveCaseloadPlanSuccess {
        activated
        transferred
        plan {
          id
          status
          version
        }
      }
      ...UserErrorFields
    }
  }
`);

export const EXPORT_PLAN_MUTATION = graphql(`
  mutation ExportCaseloadPlan($planId: ID!, $stationId: ID) {
    exportCaseloadPlan(planId: $planId, stationId: $stationId) {
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
