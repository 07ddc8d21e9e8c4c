// End-to-end, desktop (1280×900), zh-CN: a station manager carries a household through case
// work: refers it to a department (转介), records the department's acceptance and feedback,
// closes the case as an exit with a 6-month transition (渐退期), sees the referral on the
// timeline, the station's referral list and the 幸福清单, and reopens support in one click.
// Every page is scanned for enum codes and internal ids (none may show in zh-CN).
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/casework.test.mjs
//
// Needs the demo county and the arq worker (a caseload plan is approved first when the
// station follows nobody). Screenshots: casework-referral.png, casework-transition.png,
// casework-timeline.png, casework-referrals.png, casework-statement.png, casework-reopened.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, graphql, apiLogin, noLeaks, approveStationPlan, signIn } from './support.mjs';



const DESKTOP = { width: 1280, height: 900 };
// Codes the server sends that a zh-CN page must translate, and id prefixes it must hide.
const LEAKS = /\b(sw-|hh-|user-|ref-|match-)[\w-]+|\b(EXITED|STABLE|REFERRED|SENT|ACCEPTED|REFUSED|COMPLETED|EDUCATION|MEDICAL_INSURANCE|DEPARTMENT|REFERRAL_SENT|REFERRAL_ANSWERED|MATCH_CLOSED|TRANSITION_ENDS|CLOSED|ACTIVE)\b/;

async function activeHousehold(t) {
  const token = await apiLogin('station');
  const { me } = await graphql('{ me { scopeKind scopeId } }', {}, token);
  const query = `query ($f: MatchFilter) { matches(first: 100, filter: $f) { edges { node { household { id } } } } }`;
  let { matches } = await graphql(query, { f: { stationId: me.scopeId, status: 'ACTIVE' } }, token);
  if (matches.edges.length === 0) {
    await approveStationPlan(t);
    ({ matches } = await graphql(query, { f: { stationId: me.scopeId, status: 'ACTIVE' } }, token));
  }
  assert.ok(matches.edges.length > 0, 'the station follows households');
  return matches.edges[matches.edges.length - 1].node.household.id;
}

test(
  'a station manager refers a household, closes it with a transition and reopens support',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
    mkdirSync(SHOTS, { recursive: true });
    const householdId = await activeHousehold(t);
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'station', /\/households$/);
      await page.goto(`${BASE}/households/${householdId}`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('household-title').waitFor({ timeout: 30_000 });

      // 转介: to the education department, within 7 days.
      const request = `子女就学资助申请 e2e-${Date.now()}`;
      await page.getByTestId('referral-new').click();
      await page.getByTestId('referral-kind').selectOption('DEPARTMENT');
      await page.getByTestId('referral-department').selectOption('EDUCATION');
      await page.getByTestId('referral-request').fill(request);
      await page.getByTestId('referral-days').fill('7');
      await page.getByTestId('referral-send').click();
      const item = page.getByTestId('referral-item').filter({ hasText: request });
      await item.waitFor({ timeout: 30_000 });
      assert.match((await item.textContent()) ?? '', /教育.*待接收/s);
      await page.getByTestId('household-referrals').screenshot({ path: join(SHOTS, 'casework-referral.png') });

      // The department accepts, then reports back.
      await item.getByTestId('referral-accept').click();
      await item.getByTestId('referral-answer-note').fill('教育局已受理');
      await item.getByTestId('referral-answer-submit').click();
      await page.locator('[data-testid="referral-item"][data-status="ACCEPTED"]').filter({ hasText: request }).waitFor({ timeout: 30_000 });
      const accepted = page.getByTestId('referral-item').filter({ hasText: request });
      await accepted.getByTestId('referral-feedback').click();
      await accepted.getByTestId('referral-answer-note').fill('已发放助学金 2000 元');
      await accepted.getByTestId('referral-answer-submit').click();
      await page.locator('[data-testid="referral-item"][data-status="COMPLETED"]').filter({ hasText: request }).waitFor({ timeout: 30_000 });

      // 结案: an exit, six months of transition.
      await page.getByTestId('casework-close').click();
      await page.getByTestId('casework-outcome').selectOption('EXITED');
      await page.getByTestId('casework-months').selectOption('6');
      await page.getByTestId('casework-note').fill('务工收入稳定，脱困退出');
      await page.getByTestId('casework-close-submit').click();
      await page.getByTestId('casework-transition').waitFor({ timeout: 30_000 });
      assert.match((await page.getByTestId('casework-done').textContent()) ?? '', /渐退期至/);
      assert.match((await page.getByTestId('casework-transition').textContent()) ?? '', /下次渐退期回访/);
      await page.getByTestId('casework-panel').screenshot({ path: join(SHOTS, 'casework-transition.png') });
      await noLeaks(page, 'the household page', LEAKS);

      // The referral and the close on the timeline.
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="timeline-item"][data-kind="REFERRAL_SENT"]').first().waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="timeline-item"][data-kind="MATCH_CLOSED"]').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('household-timeline').screenshot({
        path: join(SHOTS, 'casework-timeline.png'),
        style: '.topbar { position: static !important; }',
      });

      // The station's list of what it referred (转办清单).
      await page.goto(`${BASE}/referrals`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('referrals-sent').click();
      await page.getByTestId('referrals-open-only').uncheck();
      await page.getByTestId('referral-item').filter({ hasText: request }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'casework-referrals.png'), fullPage: true });
      await noLeaks(page, 'the referral list', LEAKS);

      // The 幸福清单 lists the referral.
      await page.goto(`${BASE}/households/${householdId}/statement`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('statement-referral-objects').filter({ hasText: request }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'casework-statement.png'), fullPage: true });

      // A warning during the transition: support comes back in one click.
      await page.goto(`${BASE}/households/${householdId}`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('casework-reopen').click();
      const done = page.getByTestId('casework-done');
      await done.waitFor({ timeout: 30_000 });
      assert.match((await done.textContent()) ?? '', /已恢复帮扶/);
      await page.getByTestId('casework-panel').screenshot({ path: join(SHOTS, 'casework-reopened.png') });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
