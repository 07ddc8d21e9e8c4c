import { graphql } from '../../graphql';

export const ALERT_SUBJECT_QUERY = graphql(`
  query AlertSubject($id: ID!) {
    alert(id: $id) {
      id
      householdId
    }
  }
`);

export const MATCH_SUBJECT_QUERY = graphql(`
  query MatchSubject($id: ID!) {
    match(id: $id) {
      id
      household {
        id
      }
    }
  }
`);

export const NEED_SUBJECT_QUERY = graphql(`
  query NeedSubject($id: ID!) {
    need(id: $id) {
      id
      household {
        id
      }
    }
  }
`);

export const UNREAD_NOTIFICATIONS_QUERY = graphql(`
  query UnreadNotifications($first: Int!) {
    notifications(first: $first, unreadOnly: true) {
      totalCount
      edges {
        node {
          id
          kind
          message
          params {
            name
            value
          }
          subjectType
          subjectId
          createdAt
          readAt
        }
      }
    }
  }
`);

export const ALL_NOTIFICATIONS_QUERY = graphql(`
  query AllNotifications($first: Int!) {
    notifications(first: $first, unreadOnly: false) {
      totalCount
      edges {
        node {
          id
          kind
          message
          params {
            name
            value
          }
          subjectType
          subjectId
          createdAt
          readAt
        }
      }
    }
  }
`);

export const MARK_NOTIFICATION_READ_MUTATION = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      __typename
      ... on MarkNotificationReadSuccess {
        notification {
          id
          readAt
        }
      }
      ...UserErrorFields
    }
  }
`);
