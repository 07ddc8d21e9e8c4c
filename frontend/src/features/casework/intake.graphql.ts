import { graphql } from '../../graphql';

export const INTAKE_FIELDS = graphql(`
  fragment IntakeFields on Intake {
    id
    channel
    summary
    status
    version
    dueOn
    overdue
    outcome
    note
    ownerName
  }
`);

export const INTAKES_QUERY = graphql(`
  query Intakes($mine: Boolean!, $openOnly: Boolean!) {
    intakes(mine: $mine, openOnly: $openOnly) {
      ...IntakeFields
    }
    regions(level: TOWNSHIP) {
      id
      name
    }
  }
`);

export const RECORD_INTAKE_MUTATION = graphql(`
  mutation RecordIntake($input: RecordIntakeInput!) {
    recordIntake(input: $input) {
      __typename
      ... on RecordIntakeSuccess {
        intake {
          ...IntakeFields
        }
      }
      ...UserErrorFields
    }
  }
`);

export const CLOSE_INTAKE_MUTATION = graphql(`
  mutation CloseIntake($intakeId: ID!, $expectedVersion: Int!, $outcome: IntakeOutcome!, $note: String) {
    closeIntake(intakeId: $intakeId, expectedVersion: $expectedVersion, outcome: $outcome, note: $note) {
      __typename
      ... on CloseIntakeSuccess {
        intake {
          ...IntakeFields
        }
      }
      ...UserErrorFields
    }
  }
`);
