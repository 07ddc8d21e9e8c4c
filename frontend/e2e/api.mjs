// The GraphQL API as the journeys use it to build what a story needs and to sign in without
// the login page: one copy for every journey that needs it.

export async function graphql(base, query, variables = {}, token = null) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

export async function apiLogin(base, username, password) {
  const data = await graphql(
    base,
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on LoginSuccess { token } } }',
    { u: username, p: password },
  );
  if (data.login.__typename !== 'LoginSuccess') throw new Error(`login ${username}: ${data.login.__typename}`);
  return data.login.token;
}
