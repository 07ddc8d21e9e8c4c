// End-to-end: approval that survives a busy station. A plan is computed, one of its
// households is reassigned by hand meanwhile; approving it all is refused with the change
// named (not an id), then what still holds is approved and the change is listed as set aside.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';

const SOLVE_TIMEOUT = 120_000;

/** A GraphQL call with the page's own session (the hand-made change of a colleague). */
async function gql(page, query, variables) {
  return page.evaluate(
    async ([q, v]) => {
      const token = sessionStorage.getItem('bangfu.token');
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Bangfu-Client': 'web', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return res.json();
    },
    [query, variables],
  );
}

test(
  'a hand-made change sets aside only its household; the rest of the plan is approved',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'station', /\/households/);

      await page.getByTestId('nav-caseload').click();
      await page.getByTestId('worker-card').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('new-plan').click();
      await page.waitForURL(/\/caseload\/plans\/[^/?#]+/, { timeout: SOLVE_TIMEOUT });
      await page.locator('[data-testid="plan-page"][data-status="PROPOSED"]').waitFor({ timeout: SOLVE_TIMEOUT });
      const planId = decodeURIComponent(page.url().split('/caseload/plans/')[1].split(/[?#]/)[0]);

      // The plan's proposals, as the API lists them; one is reassigned by hand to another worker.
      const read = await gql(
        page,
        `query ($id: ID!) { caseloadPlan(id: $id) { proposals(first: 100, kind: NEW) {
           edges { node { householdId toWorkerId } } } } }`,
        { id: planId },
      );
      const offered = read.data.caseloadPlan.proposals.edges.map((e) => e.node);
      t.diagnostic(`plan ${planId}: ${offered.length} new proposals`);
      if (offered.length < 2) {
        await page.screenshot({ path: join(SHOTS, 'approval-nothing-new.png'), fullPage: true });
        assert.fail(`the demo station needs at least two new proposals (got ${offered.length})`);
      }
      const touched = offered[0];
      const other = offered.find((p) => p.toWorkerId !== touched.toWorkerId)?.toWorkerId;
      assert.ok(other, 'a second worker in the plan');
      const moved = await gql(
        page,
        `mutation ($h: ID!, $w: ID!) { reassignHousehold(householdId: $h, workerId: $w, reason: "站长手工调整", override: true) { __typename } }`,
        { h: touched.householdId, w: other },
      );
      assert.equal(moved.data.reassignHousehold.__typename, 'ReassignHouseholdSuccess', JSON.stringify(moved));

      // Approve all: refused, the change named.
      await page.getByTestId('approve-all').click();
      await page.getByTestId('approve-confirm').click();
      const stale = page.getByTestId('stale-plan');
      await stale.waitFor({ timeout: 60_000 });
      const staleText = (await stale.textContent()) ?? '';
      assert.doesNotMatch(staleText, /hh-|sw-|user-/, 'no ids on the page');
      await stale.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'approval-stale.png'), fullPage: true });

      // Approve what still holds.
      await page.getByTestId('approve-valid').click();
      const success = page.getByTestId('approve-success');
      await success.waitFor({ timeout: 60_000 });
      const okText = (await success.textContent()) ?? '';
      assert.match(okText, /已批准/);
      assert.match(okText, /责任社工已被人工调整/);
      assert.doesNotMatch(okText, /hh-|sw-|user-/);
      await page.locator('[data-testid="plan-page"][data-status="PARTIALLY_APPROVED"]').waitFor({ timeout: 30_000 });
      await success.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'approval-partial.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
