import { graphql } from '../../graphql';

export const CONFERENCE_FIELDS = graphql(`
  fragment ConferenceFields on Conference {
    id
    status
    version
    heldOn
    topic
    notes
    closeNote
    participants {
      name
      agencyKind
      agencyName
      role
    }
    decisions {
      ...DecisionFields
    }
  }
`);

export const DECISION_FIELDS = graphql(`
  fragment DecisionFields on ConferenceDecision {
    id
    status
    version
    what
    ownerWorkerId
    ownerName
    dueOn
    doneNote
    overdue
  }
`);

export const HOUSEHOLD_CONFERENCES_QUERY = graphql(`
  query HouseholdConferences($householdId: ID!) {
    householdConferences(householdId: $householdId) {
      ...ConferenceFields
    }
  }
`);

export const MY_DECISIONS_QUERY = graphql(`
  query MyConferenceDecisions {
    conferenceDecisions(mine: true, openOnly: true) {
      ...DecisionFields
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

export const CONVENE_CONFERENCE_MUTATION = graphql(`
  mutation ConveneConference($input: ConveneConferenceInput!) {
    conveneConference(input: $input) {
      __typename
      ... on ConveneConferenceSuccess {
        conference {
          ...ConferenceFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const RECORD_CONFERENCE_MUTATION = graphql(`
  mutation RecordConference($conferenceId: ID!, $expectedVersion: Int!, $notes: String!, $decisions: [ConferenceDecisionInput!]!) {
    recordConference(conferenceId: $conferenceId, expectedVersion: $expectedVersion, notes: $notes, decisions: $decisions) {
      __typename
      ... on RecordConferenceSuccess {
        conference {
          ...ConferenceFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const CLOSE_CONFERENCE_MUTATION = graphql(`
  mutation CloseConference($conferenceId: ID!, $expectedVersion: Int!, $note: String) {
    closeConference(conferenceId: $conferenceId, expectedVersion: $expectedVersion, note: $note) {
      __typename
      ... on CloseConferenceSuccess {
        conference {
          ...ConferenceFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const COMPLETE_DECISION_MUTATION = graphql(`
  mutation CompleteConferenceDecision($decisionId: ID!, $expectedVersion: Int!, $note: String!) {
    completeConferenceDecision(decisionId: $decisionId, expectedVersion: $expectedVersion, note: $note) {
      __typename
      ... on CompleteConferenceDecisionSuccess {
        decision {
          ...DecisionFields
        }
      }
      ...UserErrorFields
    }
  }
`);
