import { graphql } from '../../graphql';

/** The household's matches as case work acts on them: proposals, the active one, exits. */
export const CASE_MATCHES_QUERY = graphql(`
  query CaseMatches($id: ID!, $filter: MatchFilter) {
    household(id: $id) {
      id
      version
      warningLevel
    }
    matches(first: 20, filter: $filter) {
      edges {
        node {
          id
          status
          version
          outcome
          followUpDue
          overdue
          closedAt
          transitionUntil
          worker {
            id
            name
          }
        }
      }
    }
  }
`);

export const ACCEPT_MATCH_MUTATION = graphql(`
  mutation CaseAcceptMatch($matchId: ID!, $expectedVersion: Int!) {
    acceptMatch(matchId: $matchId, expectedVersion: $expectedVersion) {
      __typename
      ... on AcceptMatchSuccess {
        match {
          id
          status
          version
        }
      }
      ...UserErrorFields
    }
  }
`);

export const REJECT_MATCH_MUTATION = graphql(`
  mutation CaseRejectMatch($matchId: ID!, $expectedVersion: Int!, $reason: String!) {
    rejectMatch(matchId: $matchId, expectedVersion: $expectedVersion, reason: $reason) {
      __typename
      ... on RejectMatchSuccess {
        match {
          id
          status
          version
        }
      }
      ...UserErrorFields
    }
  }
`);

export const CLOSE_MATCH_MUTATION = graphql(`
  mutation CaseCloseMatch(
    $matchId: ID!
    $expectedVersion: Int!
    $outcome: MatchOutcome!
    $note: String
    $transitionMonths: Int
  ) {
    closeMatch(
      matchId: $matchId
      expectedVersion: $expectedVersion
      outcome: $outcome
      note: $note
      transitionMonths: $transitionMonths
    ) {
      __typename
      ... on CloseMatchSuccess {
        transitionUntil
        match {
          id
          status
          version
          followUpDue
          transitionUntil
        }
      }
      ...UserErrorFields
    }
  }
`);

export const REOPEN_SUPPORT_MUTATION = graphql(`
  mutation CaseReopenSupport($householdId: ID!, $expectedVersion: Int!) {
    reopenSupport(householdId: $householdId, expectedVersion: $expectedVersion) {
      __typename
      ... on ReopenSupportSuccess {
        match {
          id
          status
          worker {
            id
            name
          }
        }
      }
      ... on RuleViolation {
        rules {
          code
          params {
            name
            value
          }
        }
      }
      ...UserErrorFields
    }
  }
`);

export const REFERRAL_FIELDS = graphql(`
  fragment ReferralFields on Referral {
    id
    status
    version
    targetKind
    department
    targetName
    request
    sentOn
    dueOn
    note
    feedback
    overdue
    open
  }
`);

export const HOUSEHOLD_REFERRALS_QUERY = graphql(`
  query HouseholdReferrals($householdId: ID!) {
    householdReferrals(householdId: $householdId) {
      ...ReferralFields
    }
  }
`);

export const STATION_REFERRALS_QUERY = graphql(`
  query StationReferrals($stationId: ID!, $received: Boolean!, $openOnly: Boolean!) {
    stationReferrals(stationId: $stationId, received: $received, openOnly: $openOnly) {
      ...ReferralFields
      household {
        id
        identity {
          headName
        }
        village {
          name
        }
      }
    }
  }
`);

export const REFERRAL_TARGETS_QUERY = graphql(`
  query ReferralTargets {
    stations(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    charities(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CASEWORK_ME_QUERY = graphql(`
  query CaseworkMe {
    me {
      id
      role
      scopeKind
      scopeId
    }
  }
`);

export const CREATE_REFERRAL_MUTATION = graphql(`
  mutation CreateReferral($input: CreateReferralInput!) {
    createReferral(input: $input) {
      __typename
      ... on CreateReferralSuccess {
        referral {
          ...ReferralFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const ANSWER_REFERRAL_MUTATION = graphql(`
  mutation AnswerReferral($referralId: ID!, $expectedVersion: Int!, $answer: ReferralAnswer!, $note: String) {
    answerReferral(referralId: $referralId, expectedVersion: $expectedVersion, answer: $answer, note: $note) {
      __typename
      ... on AnswerReferralSuccess {
        referral {
          ...ReferralFields
        }
      }
      ...UserErrorFields
    }
  }
`);
