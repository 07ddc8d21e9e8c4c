import { graphql } from '../../graphql';

export const NEED_CARD_FRAGMENT = graphql(`
  fragment NeedCard on NeedListing {
    id
    kind
    description
    estimatedCost
    urgency
    status
    tier
    causes
    sizeBand
    version
    village {
      id
      name
    }
    township {
      id
      name
    }
  }
`);

export const ADOPTION_FRAGMENT = graphql(`
  fragment AdoptionCard on Adoption {
    id
    status
    version
    pledgedYuan
    disbursedYuan
    disbursedOn
    channel
    claimedOn
    expiresOn
    fulfilledOn
    cancelReason
    organisationName
    transferToName
    transferRequestedAt
    mine
    transferOfferedToMe
    needKind
    needCost
    needUrgency
    evidenceCount
    village {
      id
      name
    }
    township {
      id
      name
    }
  }
`);

export const MARKET_NEEDS_QUERY = graphql(`
  query MarketNeeds($first: Int!, $after: String, $filter: MarketNeedFilter) {
    marketNeeds(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          dueOn
          need {
            ...NeedCard
          }
        }
      }
    }
  }
`);

export const MARKET_VILLAGES_QUERY = graphql(`
  query MarketVillages($filter: MarketNeedFilter) {
    marketVillages(filter: $filter) {
      villageId
      name
      townshipId
      lat
      lon
      openNeeds
      highUrgency
    }
  }
`);

export const TOWNSHIPS_QUERY = graphql(`
  query MarketTownships {
    regions(level: TOWNSHIP) {
      id
      name
    }
  }
`);

export const MY_MARKET_QUERY = graphql(`
  query MyMarket {
    myCapacity {
      organisationId
      organisationName
      organisationKind
      declared
      budgetYuan
      period
      kinds
      maxOpenAdoptions
      committedYuan
      openAdoptions
      currentPeriod
      version
      townships {
        id
        name
      }
    }
    adoptions(first: 50) {
      totalCount
      edges {
        node {
          ...AdoptionCard
        }
      }
    }
  }
`);

export const RECOMMENDED_QUERY = graphql(`
  query RecommendedNeeds {
    recommendedNeeds {
      need {
        ...NeedCard
      }
      reasons {
        code
        value
      }
    }
  }
`);

export const AREA_ADOPTIONS_QUERY = graphql(`
  query AreaAdoptions($first: Int!, $after: String, $filter: AdoptionListFilter) {
    adoptions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AdoptionCard
          evidence {
            id
            kind
            filename
            size
          }
        }
      }
    }
  }
`);

export const FUNDS_LEDGER_QUERY = graphql(`
  query FundsLedger($period: BudgetPeriod!) {
    fundsLedger(period: $period) {
      organisationName
      organisationKind
      period
      pledgedYuan
      disbursedYuan
      fulfilledYuan
      adoptions
    }
  }
`);


export const CLAIM_NEED_MUTATION = graphql(`
  mutation ClaimNeed($input: ClaimNeedInput!) {
    claimNeed(input: $input) {
      __typename
      ... on ClaimNeedSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const RECORD_DISBURSEMENT_MUTATION = graphql(`
  mutation RecordDisbursement($input: RecordDisbursementInput!) {
    recordDisbursement(input: $input) {
      __typename
      ... on RecordDisbursementSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const ADD_EVIDENCE_MUTATION = graphql(`
  mutation AddAdoptionEvidence($adoptionId: ID!, $kind: EvidenceKind!, $file: Upload!) {
    addAdoptionEvidence(adoptionId: $adoptionId, kind: $kind, file: $file) {
      __typename
      ... on AddAdoptionEvidenceSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const FULFIL_MUTATION = graphql(`
  mutation FulfilAdoption($input: FulfilAdoptionInput!) {
    fulfilAdoption(input: $input) {
      __typename
      ... on FulfilAdoptionSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const RELEASE_MUTATION = graphql(`
  mutation ReleaseAdoption($input: ReleaseAdoptionInput!) {
    releaseAdoption(input: $input) {
      __typename
      ... on ReleaseAdoptionSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const CANCEL_MUTATION = graphql(`
  mutation CancelAdoption($input: CancelAdoptionInput!) {
    cancelAdoption(input: $input) {
      __typename
      ... on CancelAdoptionSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const DECIDE_TRANSFER_MUTATION = graphql(`
  mutation DecideAdoptionTransfer($input: DecideAdoptionTransferInput!) {
    decideAdoptionTransfer(input: $input) {
      __typename
      ... on DecideAdoptionTransferSuccess {
        adoption {
          ...AdoptionCard
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const SET_CAPACITY_MUTATION = graphql(`
  mutation SetOrganisationCapacity($input: SetOrganisationCapacityInput!) {
    setOrganisationCapacity(input: $input) {
      __typename
      ... on SetOrganisationCapacitySuccess {
        capacity {
          organisationId
          budgetYuan
          period
          kinds
          maxOpenAdoptions
          version
        }
      }
      ... on StaleVersion { code }
      ...UserErrorFields
    }
  }
`);

export const HOUSEHOLD_CONSENTS_QUERY = graphql(`
  query HouseholdConsents($householdId: ID!) {
    householdConsents(householdId: $householdId) {
      id
      givenBy
      givenOn
      fields
      expiresOn
      withdrawnOn
      version
      forJob
    }
  }
`);

export const RECORD_CONSENT_MUTATION = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      __typename
      ... on RecordConsentSuccess {
        consent {
          id
        }
      }
      ...UserErrorFields
    }
  }
`);

export const WITHDRAW_CONSENT_MUTATION = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      __typename
      ... on WithdrawConsentSuccess {
        consent {
          id
        }
      }
      ...UserErrorFields
      ... on StaleVersion {
        code
      }
    }
  }
`);

export const REVEAL_CONTACT_MUTATION = graphql(`
  mutation RevealAdoptionContact($adoptionId: ID!) {
    revealAdoptionContact(adoptionId: $adoptionId) {
      __typename
      ... on RevealAdoptionContactSuccess {
        contact {
          fields
          contactName
          contactPhone
          address
          consentExpiresOn
        }
      }
      ...UserErrorFields
    }
  }
`);
