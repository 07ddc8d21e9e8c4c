// End-to-end, at phone size (375×740): a social worker opens their day, opens a household
// they follow, records a home visit on it, and sees the visit on the household's timeline.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e
//
// Env: BANGFU_URL (required, else skipped), BANGFU_DEMO_PASSWORD (default bangfu-demo),
// BANGFU_SCREENSHOT_DIR (default test-output), BANGFU_CHROMIUM (default /usr/bin/chromium).
// Needs the demo county and the arq worker. When the worker follows nobody yet (no plan was
// approved), the station manager first requests and approves a caseload plan for their
// station through the GraphQL API; when the worker has no alert to verify, the station feeds
// indicator events on one of their quiet households (it turns red). The worker's page is then
// loaded again, and the visit to a household on alert is recorded as a verifying one.
// Screenshots: my-day.png, visit-form.png, visit-saved.png, timeline.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, graphql, apiLogin, approveStationPlan, signIn, serverToday, shiftDay } from './support.mjs';

const PHONE = { width: 375, height: 740 };

/**
 * The station feeds three indicator events (as another department would) on a quiet household
 * of the worker: its warning level rises to red, and an alert with a deadline is addressed to
 * the worker. Returns the household's id, or null when every household is already on alert.
 */
async function raiseAlertForWorker(t) {
  const worker = await apiLogin('worker');
  const { me } = await graphql('{ me { scopeKind scopeId } }', {}, worker);
  const station = await apiLogin('station');
  const { matches } = await graphql(
    `query ($filter: MatchFilter) { matches(first: 100, filter: $filter) { edges { node { household { id warningLevel } } } } }`,
    { filter: { workerId: me.scopeId, status: 'ACTIVE' } },
    station,
  );
  const quiet = matches.edges.map((e) => e.node.household).find((h) => h && (h.warningLevel === 'NONE' || h.warningLevel === 'BLUE'));
  if (!quiet) return null;
  const yesterday = shiftDay(await serverToday(station), -1);
  let alert = null;
  for (const kind of ['HOSPITALISATION', 'CHRONIC_DISEASE', 'NEW_UNEMPLOYMENT']) {
    const data = await graphql(
      `mutation ($input: RecordIndicatorEventInput!) {
        recordIndicatorEvent(input: $input) {
          __typename
          ... on RecordIndicatorEventSuccess { level alert { id level dueAt } }
          ... on UserError { message }
        }
      }`,
      { input: { householdId: quiet.id, kind, occurredOn: yesterday, source: 'E2E', externalId: `e2e-${Date.now()}-${kind}` } },
      station,
    );
    assert.equal(data.recordIndicatorEvent.__typename, 'RecordIndicatorEventSuccess', data.recordIndicatorEvent.message);
    alert = data.recordIndicatorEvent.alert ?? alert;
  }
  t.diagnostic(`indicator events on ${quiet.id}: ${alert ? `${alert.level} alert due ${alert.dueAt}` : 'no alert'}`);
  return quiet.id;
}

test(
  'a social worker records a visit from a phone and sees it on the household timeline',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', hasTouch: true });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      // A worker lands on their day.
      await signIn(page, 'worker', /\/my-day$/);
      const loaded = page.locator('[data-testid="my-day-counts"], [data-testid="query-error"]');
      await loaded.first().waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('query-error').count(), 0, 'my day loads');

      // Nothing to visit: nobody was paired with this worker yet. Approve a plan first.
      const visitable = page
        .locator('[data-testid="task"], [data-testid="later-task"]')
        .filter({ has: page.getByTestId('task-record-visit') });
      if ((await visitable.count()) === 0) {
        await approveStationPlan(t);
        await page.reload({ waitUntil: 'domcontentloaded' });
        await loaded.first().waitFor({ timeout: 30_000 });
        await visitable.first().waitFor({ timeout: 30_000 });
      }
      // No alert to verify: a department reports a hospitalisation and more (a red warning).
      const alertTasks = page.locator('[data-testid="task"][data-kind="ALERT"]').filter({ has: page.getByTestId('task-record-visit') });
      if ((await alertTasks.count()) === 0 && (await raiseAlertForWorker(t))) {
        await page.reload({ waitUntil: 'domcontentloaded' });
        await loaded.first().waitFor({ timeout: 30_000 });
        await alertTasks.first().waitFor({ timeout: 30_000 });
      }
      t.diagnostic(`my day: ${await page.getByTestId('my-day-counts').textContent()}`);
      await page.screenshot({ path: join(SHOTS, 'my-day.png'), fullPage: true });

      // The household of the first alert to verify (else of the first task), and its active match.
      const task = (await alertTasks.count()) > 0 ? alertTasks.first() : visitable.first();
      const householdId = await task.getAttribute('data-household');
      await task.getByTestId('task-household').click();
      await page.waitForURL(new RegExp(`/households/${householdId}$`));
      await page.getByTestId('household-title').waitFor({ timeout: 30_000 });
      const record = page.getByTestId('household-record-visit');
      await record.waitFor({ timeout: 30_000 });
      await record.click();
      await page.waitForURL(/\/matches\/[^/]+\/visit/);
      const form = page.getByTestId('visit-form');
      await form.waitFor({ timeout: 30_000 });

      // The phone checks first: nothing is sent while required fields are empty.
      await page.getByTestId('visit-submit').click();
      await page.locator('[data-testid="visit-banner"][data-kind="client"]').waitFor();
      assert.ok((await page.getByTestId('field-error').count()) >= 3, 'required fields are marked');

      // One column, nothing wider than the phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the form fits a 375 px screen (overflows by ${overflow}px)`);

      const token = `e2e-${Date.now()}`;
      const findings = `老人血压偏高，药快吃完了；家中整洁。${token}`;
      await page.getByTestId('visit-place-chip').first().click();
      await page.getByTestId('visit-outcome-CONCERN').check();
      const members = page.getByTestId('visit-met-member');
      if ((await members.count()) > 0) await members.first().click();
      else await page.getByTestId('visit-met-others').fill('户主');
      await page.getByTestId('visit-findings').fill(findings);
      await page.getByTestId('visit-add-need').click();
      await page.getByTestId('visit-need-kind').selectOption('MEDICAL');
      await page.getByTestId('visit-need-description').fill('慢病药品费用');
      await page.getByTestId('visit-need-cost').fill('300');
      await page.getByTestId('visit-need-urgency').selectOption('MEDIUM');
      // A visit to a household on alert verifies the alert (核实走访).
      const verifying = /\d+ 条未处理预警/.test((await page.getByTestId('visit-verifying-hint').textContent()) ?? '');
      if (verifying) await page.getByTestId('visit-verifying').check();
      // The touch targets are thumb-sized.
      const box = await page.getByTestId('visit-submit').boundingBox();
      assert.ok(box && box.height >= 44 && box.width >= 300, `a large save button (${JSON.stringify(box)})`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'visit-form.png'), fullPage: true });

      await page.getByTestId('visit-submit').click();
      const saved = page.getByTestId('visit-saved');
      await saved.waitFor({ timeout: 30_000 });
      assert.match((await saved.textContent()) ?? '', /走访已记录/);
      if (verifying) assert.match((await page.getByTestId('visit-saved-alerts').textContent()) ?? '', /已核销 \d+ 条预警/);
      await page.screenshot({ path: join(SHOTS, 'visit-saved.png'), fullPage: true });

      // The visit on the household's timeline.
      await page.getByTestId('visit-view-timeline').click();
      await page.waitForURL(new RegExp(`/households/${householdId}#timeline$`));
      const visit = page.locator('[data-testid="timeline-item"][data-kind="VISIT"]').filter({ hasText: token });
      await visit.waitFor({ timeout: 30_000 });
      assert.match((await visit.textContent()) ?? '', verifying ? /核实走访/ : /入户走访/);
      if (verifying) await page.locator('[data-testid="timeline-item"][data-kind="ALERT_RESOLVED"]').first().waitFor();
      await page.locator('[data-testid="timeline-item"][data-kind="NEED_REPORTED"]').filter({ hasText: '慢病药品费用' }).first().waitFor();
      // The header stays put while the page scrolls; in the picture it would cover the timeline.
      await page.getByTestId('household-timeline').screenshot({
        path: join(SHOTS, 'timeline.png'),
        style: '.topbar { position: static !important; }',
      });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
