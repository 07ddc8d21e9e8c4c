import { graphql } from '../graphql';

/** Revokes the session's token on the server (the page forgets it either way). */
export const LOGOUT_MUTATION = graphql(`
  mutation Logout {
    logout {
      __typename
    }
  }
`);

export const ME_QUERY = graphql(`
  query Me {
    me {
      id
      username
      role
      displayName
    }
  }
`);

