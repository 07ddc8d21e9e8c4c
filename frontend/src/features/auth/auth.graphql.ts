import { graphql } from '../../graphql';

export const LOGIN_MUTATION = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      __typename
      ... on LoginSuccess {
        token
        user {
          id
          username
          role
          displayName
        }
      }
      ... on InvalidCredentials {
        message
        field
      }
      ... on LoginThrottled {
        retryAfterSeconds
      }
    }
  }
`);
