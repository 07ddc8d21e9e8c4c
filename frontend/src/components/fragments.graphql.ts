// Fragments shared by several features' documents (an alert row is shown on the alerts page,
// the worker's day and a household's page). Pages keep their own queries; they only spread these.
import { graphql } from '../graphql';

export const ALERT_FIELDS_FRAGMENT = graphql(`
  fragment AlertFields on Alert {
    id
    householdId
    level
    score
    indicators
    raisedAt
    dueAt
    status
    assignedKind
    assignedId
    resolvedAt
    resolvedByVisit
    supersededBy
    overdue
  }
`);

export const ALERT_ROW_FRAGMENT = graphql(`
  fragment AlertRow on Alert {
    ...AlertFields
    household {
      id
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
    }
  }
`);

/** What is overdue in a scope (the worker's day, the supervisor's oversight). */
export const OVERDUE_LIST_FRAGMENT = graphql(`
  fragment OverdueListFields on OverdueList {
    at
    alerts {
      alertId
      householdId
      level
      dueAt
      hoursOverdue
      escalationStep
    }
    followUps {
      matchId
      householdId
      followUpDue
      daysOverdue
      escalationStep
    }
  }
`);

/**
 * What every error member of a mutation's answer carries: a code with parameters the page
 * translates, the field it is about, and for invalid input each field's problem. One
 * selection for all of them, so a document cannot forget a part a page needs.
 */
export const USER_ERROR_FIELDS_FRAGMENT = graphql(`
  fragment UserErrorFields on UserError {
    code
    message
    field
    params {
      name
      value
    }
    ... on InvalidInput {
      errors {
        field
        code
        reason
        params {
          name
          value
        }
      }
    }
  }
`);
