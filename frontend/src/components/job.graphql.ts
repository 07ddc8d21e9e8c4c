import { graphql } from '../graphql';

export const JOB_QUERY = graphql(`
  query JobProgress($id: ID!) {
    job(id: $id) {
      id
      status
      progress
      message
      messageParams {
        name
        value
      }
      error
      result
    }
  }
`);
