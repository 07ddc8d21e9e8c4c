import { graphql } from '../graphql';

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

