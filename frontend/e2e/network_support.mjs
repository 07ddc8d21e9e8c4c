// Shared by the network journey and the FPS script: sign in through the API and give the
// county its responsible workers through the app's own path (a county caseload plan, approved).

import { apiLogin, graphql } from './api.mjs';

export { apiLogin };

const gql = (base, token, query, variables = {}) => graphql(base, query, variables, token);

/** Active matches across the county, unless there are some already. Returns how many. */
export async function approveCountyPlan(base, token, { timeoutMs = 240_000 } = {}) {
  const existing = await gql(base, token, '{ matches(first: 1, filter: {status: ACTIVE}) { totalCount } }');
  if (existing.matches.totalCount > 0) return existing.matches.totalCount;
  const { regions } = await gql(base, token, '{ regions(level: COUNTY) { id } }');
  const requested = await gql(
    base,
    token,
    'mutation ($id: ID!) { requestCaseloadPlan(input: {scopeKind: COUNTY, scopeId: $id}) { __typename ... on RequestCaseloadPlanSuccess { plan { id } } } }',
    { id: regions[0].id },
  );
  if (requested.requestCaseloadPlan.__typename !== 'RequestCaseloadPlanSuccess') throw new Error(JSON.stringify(requested));
  const planId = requested.requestCaseloadPlan.plan.id;
  const deadline = Date.now() + timeoutMs;
  let plan;
  for (;;) {
    plan = (await gql(base, token, 'query ($id: ID!) { caseloadPlan(id: $id) { status version } }', { id: planId })).caseloadPlan;
    if (plan.status !== 'COMPUTING') break;
    if (Date.now() > deadline) throw new Error('the county plan took too long');
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (plan.status !== 'PROPOSED') throw new Error(`plan ${plan.status}`);
  const approved = await gql(
    base,
    token,
    'mutation ($id: ID!, $v: Int!) { approveCaseloadPlan(planId: $id, expectedVersion: $v) { __typename } }',
    { id: planId, v: plan.version },
  );
  if (approved.approveCaseloadPlan.__typename !== 'ApproveCaseloadPlanSuccess') throw new Error(JSON.stringify(approved));
  const after = await gql(base, token, '{ matches(first: 1, filter: {status: ACTIVE}) { totalCount } }');
  return after.matches.totalCount;
}
