import { graphql } from '../../graphql';

export const VISIT_MATCH_QUERY = graphql(`
  query VisitMatch($id: ID!) {
    match(id: $id) {
      id
      status
      transitionUntil
      version
      startedOn
      followUpDue
      overdue
      lastVisitAt
      worker {
        id
        name
      }
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
        members {
          id
          relation
          identity {
            name
          }
        }
        needs {
          id
          kind
          description
          status
        }
      }
    }
  }
`);

export const VISIT_ALERTS_QUERY = graphql(`
  query VisitOpenAlerts($householdId: ID!) {
    householdAlerts(householdId: $householdId) {
      id
      level
      status
      raisedAt
      dueAt
    }
  }
`);

export const RECORD_VISIT_MUTATION = graphql(`
  mutation RecordVisit($input: RecordVisitInput!) {
    recordVisit(input: $input) {
      __typename
      ... on RecordVisitSuccess {
        visit {
          id
          matchId
          visitedAt
          place
          met
          findings
          outcome
          contact
          nextFollowUp
          verifying
          resolvedAlertIds
          recordedBy
        }
        match {
          id
          status
          version
          followUpDue
          overdue
          lastVisitAt
          lastContactAt
        }
        resolvedAlertIds
        reportersTold
      }
      ...UserErrorFields
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
