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


/** The service's date (China's day): pages count days from it, never from the browser clock. */
export const TODAY_QUERY = graphql(`
  query Today {
    today
    timeZone
  }
`);
