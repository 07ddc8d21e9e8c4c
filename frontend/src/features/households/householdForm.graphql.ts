import { graphql } from '../../graphql';

export const HOUSEHOLD_EDIT_QUERY = graphql(`
  query HouseholdEdit($id: ID!) {
    household(id: $id) {
      id
      version
      tier
      dibaoClass
      causes
      monthlyIncomePerPerson
      nextReviewDue
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
        disabilityGrade
        chronicIllness
        seriousIllness
        canWork
        livesAway
        identity {
          name
          idNumber
          birthDate
        }
      }
    }
  }
`);

export const CREATE_HOUSEHOLD_MUTATION = graphql(`
  mutation CreateHousehold($input: CreateHouseholdInput!) {
    createHousehold(input: $input) {
      __typename
      ... on CreateHouseholdSuccess {
        household {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

export const UPDATE_HOUSEHOLD_MUTATION = graphql(`
  mutation UpdateHousehold($input: UpdateHouseholdInput!) {
    updateHousehold(input: $input) {
      __typename
      ... on UpdateHouseholdSuccess {
        household {
          id
          version
        }
      }
      ...UserErrorFields
      ... on StaleVersion {
        currentVersion
      }
    }
  }
`);

export const ADD_MEMBER_MUTATION = graphql(`
  mutation AddHouseholdMember($input: AddHouseholdMemberInput!) {
    addHouseholdMember(input: $input) {
      __typename
      ... on AddHouseholdMemberSuccess {
        household {
          id
          version
        }
      }
      ...UserErrorFields
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const UPDATE_PERSON_MUTATION = graphql(`
  mutation UpdatePerson($input: UpdatePersonInput!) {
    updatePerson(input: $input) {
      __typename
      ... on UpdatePersonSuccess {
        household {
          id
          version
        }
      }
      ...UserErrorFields
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const REMOVE_MEMBER_MUTATION = graphql(`
  mutation RemoveHouseholdMember($input: RemoveHouseholdMemberInput!) {
    removeHouseholdMember(input: $input) {
      __typename
      ... on RemoveHouseholdMemberSuccess {
        household {
          id
          version
        }
      }
      ...UserErrorFields
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

/** A walk-in or hotline request (首问) that became this household: closed, naming it. */
export const INTAKE_BECAME_HOUSEHOLD_MUTATION = graphql(`
  mutation IntakeBecameHousehold($intakeId: ID!, $expectedVersion: Int!, $householdId: ID!) {
    closeIntake(intakeId: $intakeId, expectedVersion: $expectedVersion, outcome: HOUSEHOLD, resultId: $householdId) {
      __typename
    }
  }
`);
