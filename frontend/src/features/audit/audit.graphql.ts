import { graphql } from '../../graphql';

export const AUDIT_EVENTS_QUERY = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          at
          actorId
          actorRole
          actorName
          action
          entityType
          entityId
          before
          after
          reason
        }
      }
    }
  }
`);
