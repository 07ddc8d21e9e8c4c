import { graphql } from '../../graphql';

export const ASSISTANCE_FIELDS = graphql(`
  fragment AssistanceFields on TemporaryAssistance {
    id
    amountYuan
    reason
    status
    requestedOn
    decidedOn
    note
    version
    sameDay
  }
`);

export const HOUSEHOLD_ASSISTANCE_QUERY = graphql(`
  query HouseholdAssistance($householdId: ID!) {
    householdAssistance(householdId: $householdId) {
      ...AssistanceFields
    }
  }
`);

export const REQUEST_ASSISTANCE_MUTATION = graphql(`
  mutation RequestTemporaryAssistance($householdId: ID!, $amountYuan: Int!, $reason: String!) {
    requestTemporaryAssistance(householdId: $householdId, amountYuan: $amountYuan, reason: $reason) {
      __typename
      ... on RequestTemporaryAssistanceSuccess {
        assistance {
          ...AssistanceFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const DECIDE_ASSISTANCE_MUTATION = graphql(`
  mutation DecideTemporaryAssistance($assistanceId: ID!, $expectedVersion: Int!, $approve: Boolean!, $note: String) {
    decideTemporaryAssistance(assistanceId: $assistanceId, expectedVersion: $expectedVersion, approve: $approve, note: $note) {
      __typename
      ... on DecideTemporaryAssistanceSuccess {
        assistance {
          ...AssistanceFields
        }
      }
      ...UserErrorFields
    }
  }
`);
