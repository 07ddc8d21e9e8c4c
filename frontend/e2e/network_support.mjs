// Shared by the network journey and the FPS script: sign in through the API and give the
// county its responsible workers through the app's own path (a county caseload plan, approved).

async function gql(base, token, query, variables = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

export async function apiLogin(base, username, password) {
  const data = await gql(base, null, 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on LoginSuccess { token } } }', { u: username, p: password });
  if (data.login.__typename !== 'LoginSuccess') throw new Error(`login ${username}: ${data.login.__typename}`);
  return data.login.token;
}

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
