import { graphql } from '../../graphql';

export const CARE_TASKS_FOR_ME_QUERY = graphql(`
  query CareTasksForMe {
    careTasksForMe {
      id
      kind
      what
      dueOn
      window
      status
      villageName
      distanceKm
      mine
      note
      minutes
      doneOn
      version
    }
  }
`);

export const MY_VOLUNTEER_PROFILE_QUERY = graphql(`
  query MyVolunteerProfile {
    myVolunteerProfile {
      id
      version
      skills
      gridRole
      availableWeekdays
      availableWindows
      radiusKm
      village {
        id
        name
        parentId
      }
    }
  }
`);

export const TAKE_CARE_TASK_MUTATION = graphql(`
  mutation TakeCareTask($id: ID!, $version: Int!) {
    takeCareTask(taskId: $id, expectedVersion: $version) {
      __typename
      ... on TakeCareTaskSuccess {
        task {
          id
          status
          version
          mine
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const RELEASE_CARE_TASK_MUTATION = graphql(`
  mutation ReleaseCareTask($id: ID!, $version: Int!) {
    releaseCareTask(taskId: $id, expectedVersion: $version) {
      __typename
      ... on ReleaseCareTaskSuccess {
        task {
          id
          status
          version
          mine
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const RECORD_CARE_TASK_MUTATION = graphql(`
  mutation RecordCareTask($input: RecordCareTaskInput!) {
    recordCareTask(input: $input) {
      __typename
      ... on RecordCareTaskSuccess {
        task {
          id
          status
          version
          note
          minutes
          doneOn
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const SET_AVAILABILITY_MUTATION = graphql(`
  mutation SetVolunteerAvailability(
    $id: ID!
    $version: Int!
    $weekdays: [Int!]!
    $windows: [String!]!
    $radiusKm: Float!
  ) {
    setVolunteerAvailability(
      volunteerId: $id
      expectedVersion: $version
      weekdays: $weekdays
      windows: $windows
      radiusKm: $radiusKm
    ) {
      __typename
      ... on SetVolunteerAvailabilitySuccess {
        volunteer {
          id
          version
          availableWeekdays
          availableWindows
          radiusKm
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const MY_GRID_REPORTS_QUERY = graphql(`
  query MyGridReports {
    myGridReports {
      id
      kind
      needKind
      indicator
      description
      villageName
      reportedAt
      status
    }
  }
`);

export const REPORT_VILLAGES_QUERY = graphql(`
  query ReportVillages($parentId: ID!) {
    regions(level: VILLAGE, parentId: $parentId) {
      id
      name
    }
  }
`);

export const SUBMIT_GRID_REPORT_MUTATION = graphql(`
  mutation SubmitGridReport($input: SubmitGridReportInput!) {
    submitGridReport(input: $input) {
      __typename
      ... on SubmitGridReportSuccess {
        report {
          id
          status
          dueAt
        }
      }
      ...UserErrorFields
    }
  }
`);

export const GRID_REPORT_QUEUE_QUERY = graphql(`
  query GridReportQueue($status: GridReportStatus) {
    gridReports(status: $status) {
      id
      kind
      needKind
      indicator
      description
      villageId
      villageName
      reportedAt
      dueAt
      overdue
      status
      householdId
      dismissReason
      version
    }
  }
`);

export const VILLAGE_HOUSEHOLDS_QUERY = graphql(`
  query VillageHouseholds($villageId: ID!) {
    households(first: 100, filter: { regionId: $villageId }) {
      edges {
        node {
          id
          identity {
            headName
          }
        }
      }
    }
  }
`);

export const CONFIRM_GRID_REPORT_MUTATION = graphql(`
  mutation ConfirmGridReport($input: ConfirmGridReportInput!) {
    confirmGridReport(input: $input) {
      __typename
      ... on ConfirmGridReportSuccess {
        createdId
        report {
          id
          status
          version
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const DISMISS_GRID_REPORT_MUTATION = graphql(`
  mutation DismissGridReport($id: ID!, $version: Int!, $reason: String!) {
    dismissGridReport(reportId: $id, expectedVersion: $version, reason: $reason) {
      __typename
      ... on DismissGridReportSuccess {
        report {
          id
          status
          version
        }
      }
      ... on StaleVersion {
        currentVersion
      }
      ...UserErrorFields
    }
  }
`);

export const HOUSEHOLD_CARE_TASKS_QUERY = graphql(`
  query HouseholdCareTasks($householdId: ID!) {
    householdCareTasks(householdId: $householdId) {
      id
      kind
      what
      dueOn
      window
      status
      volunteerName
      note
      minutes
      doneOn
      version
    }
  }
`);

export const CREATE_CARE_TASK_MUTATION = graphql(`
  mutation CreateCareTask($input: CreateCareTaskInput!) {
    createCareTask(input: $input) {
      __typename
      ... on CreateCareTaskSuccess {
        task {
          id
          status
        }
      }
      ...UserErrorFields
    }
  }
`);
