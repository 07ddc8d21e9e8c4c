import { graphql } from '../../graphql';

export const JOB_POSTINGS_QUERY = graphql(`
  query JobPostings {
    jobPostings {
      id
      enterpriseName
      kind
      title
      placeName
      hours
      pay
      requirements
      count
      status
      proposals
      filled
      version
    }
  }
`);

export const JOB_PROPOSALS_QUERY = graphql(`
  query JobProposals($postingId: ID!) {
    jobProposals(postingId: $postingId) {
      id
      status
      ageBand
      sex
      villageName
      distanceKm
      priority
      reasons
      personName
      householdId
      version
    }
  }
`);

export const JOB_PLACES_QUERY = graphql(`
  query JobPlaces {
    regions(level: VILLAGE) {
      id
      name
      parentId
    }
  }
`);

export const CREATE_JOB_POSTING_MUTATION = graphql(`
  mutation CreateJobPosting($input: CreateJobPostingInput!) {
    createJobPosting(input: $input) {
      __typename
      ... on CreateJobPostingSuccess {
        posting {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

export const PROPOSE_JOB_CANDIDATES_MUTATION = graphql(`
  mutation ProposeJobCandidates($postingId: ID!) {
    proposeJobCandidates(postingId: $postingId) {
      __typename
      ... on ProposeJobCandidatesSuccess {
        proposed
      }
      ...UserErrorFields
    }
  }
`);

export const RECORD_JOB_CONSENT_MUTATION = graphql(`
  mutation RecordJobConsent($id: ID!, $version: Int!, $consented: Boolean!) {
    recordJobConsent(proposalId: $id, expectedVersion: $version, consented: $consented) {
      __typename
      ...UserErrorFields
    }
  }
`);

export const RECORD_JOB_OUTCOME_MUTATION = graphql(`
  mutation RecordJobOutcome($id: ID!, $version: Int!, $outcome: JobOutcome!) {
    recordJobOutcome(proposalId: $id, expectedVersion: $version, outcome: $outcome) {
      __typename
      ...UserErrorFields
    }
  }
`);

export const RECORD_JOB_CONSENT_SHARING_MUTATION = graphql(`
  mutation RecordJobConsentSharing($id: ID!, $version: Int!, $share: JobContactShareInput!) {
    recordJobConsent(proposalId: $id, expectedVersion: $version, consented: true, share: $share) {
      __typename
      ...UserErrorFields
    }
  }
`);

export const REVEAL_CANDIDATE_CONTACT_MUTATION = graphql(`
  mutation RevealCandidateContact($id: ID!) {
    revealCandidateContact(proposalId: $id) {
      __typename
      ... on RevealCandidateContactSuccess {
        contact {
          fields
          contactName
          contactPhone
          consentExpiresOn
        }
      }
      ...UserErrorFields
    }
  }
`);
