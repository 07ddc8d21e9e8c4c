import { graphql } from '../../graphql';

export const CASELOAD_BOARD_QUERY = graphql(`
  query CaseloadBoard($first: Int!, $filter: SocialWorkerFilter) {
    socialWorkers(first: $first, filter: $filter) {
      totalCount
      edges {
        node {
          id
          name
          caseloadLimit
          currentLoad
          householdCount
          reachKm
          travelMode
          households {
            id
            warningLevel
            identity {
              headName
            }
          }
        }
      }
    }
  }
`);

export const UNASSIGNED_COUNT_QUERY = graphql(`
  query UnassignedCount($filter: HouseholdFilter) {
    households(first: 1, filter: $filter) {
      totalCount
    }
  }
`);

export const CASELOAD_PLANS_QUERY = graphql(`
  query CaseloadPlans($first: Int!, $scopeId: ID) {
    caseloadPlans(first: $first, scopeId: $scopeId) {
      totalCount
      edges {
        cursor
        node {
          id
          scopeKind
          scopeName
          status
          version
          isWhatIf
          createdAt
          createdBy
          summary {
            households
            assigned
            moves
          }
        }
      }
    }
  }
`);

export const REQUEST_PLAN_MUTATION = graphql(`
  mutation RequestCaseloadPlan($input: RequestCaseloadPlanInput!) {
    requestCaseloadPlan(input: $input) {
      __typename
      ... on RequestCaseloadPlanSuccess {
        plan {
          id
          status
          isWhatIf
        }
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

export const CASELOAD_PLAN_QUERY = graphql(`
  query CaseloadPlan($id: ID!) {
    caseloadPlan(id: $id) {
      id
      scopeKind
      scopeId
      scopeName
      status
      version
      isWhatIf
      whatIf
      balancePriority
      createdAt
      createdBy
      solver
      solverVersion
      objective
      bound
      gap
      solveSeconds
      inputHash
      restrictedCandidates
      notes
      decidedAt
      decidedBy
      decisionReason
      supersededBy
      job {
        id
        status
        progress
        message
        messageParams {
          name
          value
        }
        error
      }
      summary {
        households
        assigned
        unassigned
        newCount
        movedCount
        unchangedCount
        leftOutCount
        travelKm
        coveredPriority
        todayAssigned
        todayTravelKm
        todayCoveredPriority
        moves
        utilisationMax
        utilisationMin
        utilisationStddev
        balanceExtraTravelPct
      }
      workerLoads {
        workerId
        worker {
          id
          name
        }
        limit
        before
        after
        householdsBefore
        householdsAfter
      }
    }
  }
`);

export const PLAN_CHANGE_FRAGMENT = graphql(`
  fragment PlanChangeFields on PlanChangeItem {
    code
    householdId
    householdName
    workerId
    workerName
    params {
      name
      value
    }
  }
`);

export const APPROVE_PLAN_MUTATION = graphql(`
  mutation ApproveCaseloadPlan(
    $planId: ID!
    $expectedVersion: Int!
    $householdIds: [ID!]
    $keepValid: Boolean! = false
    $idempotencyKey: String
  ) {
    approveCaseloadPlan(
      planId: $planId
      expectedVersion: $expectedVersion
      householdIds: $householdIds
      keepValid: $keepValid
      idempotencyKey: $idempotencyKey
    ) {
      __typename
      ... on ApproveCaseloadPlanSuccess {
        activated
        transferred
        setAside {
          ...PlanChangeFields
        }
        plan {
          id
          status
          version
        }
      }
      ... on StalePlan {
        message
        field
        code
        changes
        items {
          ...PlanChangeFields
        }
      }
      ... on StaleVersion {
        message
        field
        code
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const REJECT_PLAN_MUTATION = graphql(`
  mutation RejectCaseloadPlan($planId: ID!, $expectedVersion: Int!, $reason: String!) {
    rejectCaseloadPlan(planId: $planId, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on RejectCaseloadPlanSuccess {
        plan {
          id
          status
          version
        }
      }
      ... on StaleVersion {
        message
        field
        code
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const PLAN_PROPOSALS_QUERY = graphql(`
  query CaseloadPlanProposals($id: ID!, $kind: ProposalKind, $first: Int!, $after: String) {
    caseloadPlan(id: $id) {
      id
      proposals(first: $first, after: $after, kind: $kind) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            kind
            status
            householdId
            toWorkerId
            warningLevel
            household {
              id
              identity {
                headName
              }
              village {
                id
                name
              }
            }
            fromWorker {
              id
              name
            }
            toWorker {
              id
              name
            }
            distanceKm
            reasons
            nextBestWorker {
              id
              name
            }
            nextBestExtraKm
            nextBestNote
            leftOutReason
            leftOutDetail
            whatWouldChange
          }
        }
      }
    }
  }
`);
