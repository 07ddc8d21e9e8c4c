// What every journey needs, once: where the app is, how Chromium is started, signing in
// through the page or the API, and the scan for codes and ids a page must not show.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const BASE = process.env.BANGFU_URL?.replace(/\/+$/, '');
export const PASSWORD = process.env.BANGFU_DEMO_PASSWORD || 'bangfu-demo';
export const SHOTS = process.env.BANGFU_SCREENSHOT_DIR || 'test-output';
export const CHROMIUM = process.env.BANGFU_CHROMIUM || '/usr/bin/chromium';
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'];

/** Headless Chromium as the project runs it (Debian's build, the charter's flags). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** One GraphQL call to the app under test, as a given token (or none). */
export async function graphql(query, variables = {}, token = null) {
  const res = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

/** A demo account's token, without the login page. */
export async function apiLogin(username) {
  const data = await graphql(
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on LoginSuccess { token } } }',
    { u: username, p: PASSWORD },
  );
  assert.equal(data.login.__typename, 'LoginSuccess', `${username} signs in`);
  return data.login.token;
}

/** China's day as the server counts it (the one clock), as YYYY-MM-DD; any signed-in token. */
export async function serverToday(token) {
  return (await graphql('{ today }', {}, token)).today;
}

/** Signs in through the login page and waits until it has left it (or reached `landing`). */
export async function signIn(page, username, landing = (url) => !url.pathname.endsWith('/login')) {
  await page.goto(`${BASE}/login`, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(landing, { timeout: 30_000 });
}

/** Fails if the page's main area shows anything `pattern` matches (a code or an id). */
export async function noLeaks(page, where, pattern) {
  const text = await page.locator('main').innerText();
  const found = pattern.exec(text);
  assert.equal(found, null, `${where} shows a code or an id: ${found?.[0]}`);
}

/**
 * Requests a caseload plan for a scope, waits for the solver (the arq worker) and approves all
 * of it, through the app's own mutations. Returns what the approval activated.
 */
export async function approveCaseloadPlan(token, scopeKind, scopeId, { timeoutMs = 240_000 } = {}) {
  const requested = await graphql(
    `mutation ($input: RequestCaseloadPlanInput!) {
      requestCaseloadPlan(input: $input) {
        __typename
        ... on RequestCaseloadPlanSuccess { plan { id } }
        ... on UserError { message }
      }
    }`,
    { input: { scopeKind, scopeId } },
    token,
  );
  assert.equal(requested.requestCaseloadPlan.__typename, 'RequestCaseloadPlanSuccess', requested.requestCaseloadPlan.message);
  const planId = requested.requestCaseloadPlan.plan.id;
  const deadline = Date.now() + timeoutMs;
  let plan;
  for (;;) {
    ({ caseloadPlan: plan } = await graphql('query ($id: ID!) { caseloadPlan(id: $id) { id status version } }', { id: planId }, token));
    if (plan.status !== 'COMPUTING') break;
    assert.ok(Date.now() < deadline, 'the plan is computed in time');
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal(plan.status, 'PROPOSED', `the plan is ready (${plan.status})`);
  const approved = await graphql(
    `mutation ($id: ID!, $v: Int!) {
      approveCaseloadPlan(planId: $id, expectedVersion: $v) {
        __typename
        ... on ApproveCaseloadPlanSuccess { activated transferred }
        ... on UserError { message }
      }
    }`,
    { id: planId, v: plan.version },
    token,
  );
  assert.equal(approved.approveCaseloadPlan.__typename, 'ApproveCaseloadPlanSuccess', approved.approveCaseloadPlan.message);
  return { planId, activated: approved.approveCaseloadPlan.activated };
}

/** The station manager requests a caseload plan for their station and approves all of it. */
export async function approveStationPlan(t) {
  const token = await apiLogin('station');
  const { me } = await graphql('{ me { scopeKind scopeId } }', {}, token);
  assert.equal(me.scopeKind, 'STATION', 'the station manager has a station');
  const { planId, activated } = await approveCaseloadPlan(token, 'STATION', me.scopeId);
  t.diagnostic(`station plan ${planId}: ${activated} matches activated`);
}

/** Active matches across the county, after a county plan unless there are some already. */
export async function approveCountyPlan(token) {
  const active = async () =>
    (await graphql('{ matches(first: 1, filter: {status: ACTIVE}) { totalCount } }', {}, token)).matches.totalCount;
  const existing = await active();
  if (existing > 0) return existing;
  const { regions } = await graphql('{ regions(level: COUNTY) { id } }', {}, token);
  await approveCaseloadPlan(token, 'COUNTY', regions[0].id);
  return active();
}

/** The day `days` after (or before) a YYYY-MM-DD day. */
export function shiftDay(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
