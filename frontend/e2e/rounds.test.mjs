// End-to-end, visit rounds (走访路线): a social worker on a phone (375×740) opens 我的路线,
// plans today's round and sees it as a picture with its stops; the station manager opens
// 站点路线 and sees every worker's round of the day on one picture.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/rounds.test.mjs
//
// Env as the other journeys: BANGFU_URL (required, else skipped), BANGFU_DEMO_PASSWORD,
// BANGFU_SCREENSHOT_DIR (default test-output), BANGFU_CHROMIUM (default /usr/bin/chromium).
// Needs the demo county and the arq worker: when the worker follows nobody yet, the station
// manager first requests and approves a caseload plan through the GraphQL API (as visit does).
// Screenshots: rounds-worker.png, rounds-worker-sheet.png (print media),
// rounds-worker-emergency.png (after 插入紧急走访), rounds-station.png,
// rounds-station-week.png (after 规划本周路线).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, graphql, apiLogin, signIn, approveStationPlan, serverToday, shiftDay } from './support.mjs';

const PHONE = { width: 375, height: 740 };


/**
 * Something must be due today: a department reports a hospitalisation and more on up to three
 * quiet households of the worker (each turns red, with an alert to verify by a deadline), so
 * the round has stops. Orange and red households already count (a care visit is due).
 */
async function makeVisitsDue(t, wanted = 3) {
  const worker = await apiLogin('worker');
  const { me } = await graphql('{ me { scopeKind scopeId } }', {}, worker);
  const station = await apiLogin('station');
  const { matches } = await graphql(
    `query ($filter: MatchFilter) { matches(first: 100, filter: $filter) { edges { node { household { id warningLevel } } } } }`,
    { filter: { workerId: me.scopeId, status: 'ACTIVE' } },
    station,
  );
  const households = matches.edges.map((e) => e.node.household).filter(Boolean);
  const pressing = households.filter((h) => h.warningLevel === 'RED' || h.warningLevel === 'ORANGE').length;
  const quiet = households.filter((h) => h.warningLevel === 'NONE' || h.warningLevel === 'BLUE').slice(0, Math.max(0, wanted - pressing));
  const yesterday = shiftDay(await serverToday(station), -1);
  for (const h of quiet) {
    for (const kind of ['HOSPITALISATION', 'CHRONIC_DISEASE', 'NEW_UNEMPLOYMENT']) {
      const data = await graphql(
        `mutation ($input: RecordIndicatorEventInput!) {
          recordIndicatorEvent(input: $input) { __typename ... on UserError { message } }
        }`,
        { input: { householdId: h.id, kind, occurredOn: yesterday, source: 'E2E', externalId: `e2e-rounds-${Date.now()}-${h.id}-${kind}` } },
        station,
      );
      assert.equal(data.recordIndicatorEvent.__typename, 'RecordIndicatorEventSuccess', data.recordIndicatorEvent.message);
    }
  }
  t.diagnostic(`${households.length} households followed, ${pressing} already pressing, ${quiet.length} raised`);
}

async function workerFollowsSomeone() {
  const token = await apiLogin('worker');
  const { me } = await graphql('{ me { scopeKind scopeId } }', {}, token);
  const { matches } = await graphql(
    'query ($filter: MatchFilter) { matches(first: 1, filter: $filter) { totalCount } }',
    { filter: { workerId: me.scopeId, status: 'ACTIVE' } },
    token,
  );
  return matches.totalCount > 0;
}

/** No code, no internal id, no English on a Chinese page. */
async function assertReadable(page, where) {
  const text = await page.locator('main').innerText();
  for (const raw of ['FOLLOW_UP', 'CARE_VISIT', 'CLASS_REVIEW', 'ALERT_VERIFICATION', 'NO_TIME', 'DEADLINE_', 'NO_COORDINATES', 'REASSIGNED', 'undefined', 'null']) {
    assert.ok(!text.includes(raw), `${where}: no raw "${raw}" on the page`);
  }
  assert.ok(!/\b(hh|sw|round|st)-[0-9a-z]/i.test(text), `${where}: no internal id on the page`);
  const english = text.match(/\b[a-z]{4,}\b/g);
  assert.equal(english, null, `${where}: no English on the Chinese page (${english})`);
}

test(
  'a worker plans today\'s round on a phone; the station sees every round of the day',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
    mkdirSync(SHOTS, { recursive: true });
    if (!(await workerFollowsSomeone())) await approveStationPlan(t);
    await makeVisitsDue(t);
    const browser = await launch();
    try {
      const problems = [];
      const phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', hasTouch: true });
      const page = await phone.newPage();
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'worker', /\/my-day$/);
      await page.getByTestId('nav-my-round').click();
      await page.waitForURL(/\/my-round$/);
      const plan = page.getByTestId('round-plan');
      await plan.waitFor({ timeout: 30_000 });
      assert.equal((await plan.textContent())?.trim(), '规划今日路线');
      await page.locator('[data-testid="round-none"], [data-testid="round-picture"]').first().waitFor({ timeout: 30_000 });
      await plan.click();
      await page.mouse.move(0, 0);
      const picture = page.getByTestId('round-picture');
      await picture.waitFor({ timeout: 30_000 });
      await page.getByTestId('round-summary').waitFor();
      t.diagnostic(`worker round: ${await page.getByTestId('round-summary').innerText()}`);
      const stops = await page.getByTestId('round-stop').count();
      const markers = await page.getByTestId('round-marker').count();
      t.diagnostic(`${stops} stops, ${markers} drawn`);
      assert.ok(stops > 0, 'the round has stops');
      assert.ok(markers > 0, 'the stops are drawn');
      assert.equal((await page.getByTestId('round-marker').first().textContent())?.trim(), '1');
      assert.equal(await page.getByTestId('round-problem').count(), 0, 'the plan is not refused');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page fits a 375 px screen (overflows by ${overflow}px)`);
      await assertReadable(page, '我的路线');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'rounds-worker.png'), fullPage: true, style: '.topbar { position: static !important; }' });
      // The printed sheet: Chinese, no navigation.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.topbar').isVisible(), false, 'no navigation on paper');
      await page.getByTestId('round-sheet').waitFor();
      assert.match(await page.getByTestId('round-sheet').innerText(), /走访路线单/);
      await page.screenshot({ path: join(SHOTS, 'rounds-worker-sheet.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      // 插入紧急走访: one of the worker's households (red first) into today's round; what
      // changed is said by name.
      const pick = page.getByTestId('round-emergency-select');
      if ((await pick.count()) > 0) {
        const choice = (await pick.locator('option').nth(1).textContent())?.trim();
        await pick.selectOption({ index: 1 });
        await page.getByTestId('round-emergency-insert').click();
        const change = page.getByTestId('round-change');
        await change.waitFor({ timeout: 30_000 });
        const said = await change.innerText();
        t.diagnostic(`emergency ${choice}: ${said.replace(/\n/g, ' | ')}`);
        // Late in China's day (the journeys often run then) it may not fit: said so, by name.
        const outcome = await page.getByTestId('round-emergency-outcome').innerText();
        assert.match(outcome, /^(已作为紧急走访插入：.+|.+ 今天已排不进，原因见“今日排不进的走访”。)$/);
        assert.equal(await page.getByTestId('round-problem').count(), 0, 'the re-plan is not refused');
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(wide <= 1, `the picker fits a 375 px screen (overflows by ${wide}px)`);
        await assertReadable(page, '我的路线 (emergency)');
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SHOTS, 'rounds-worker-emergency.png'), fullPage: true, style: '.topbar { position: static !important; }' });
        // Plan the whole day again, so the station's picture below has the round to show.
        await page.getByTestId('round-plan').click();
        await page.getByTestId('round-marker').first().waitFor({ timeout: 30_000 });
      } else {
        t.diagnostic('no household to insert as an emergency');
      }
      // 到访 leads to the visit form (or the household's page when there is no match).
      const visit = page.getByTestId('round-visit').first();
      if ((await visit.count()) > 0) {
        await visit.click();
        await page.waitForURL(/\/(matches\/[^/]+\/visit|households\/[^/]+)/);
        t.diagnostic(`到访 opens ${new URL(page.url()).pathname}`);
      }
      await phone.close();

      const desk = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
      const board = await desk.newPage();
      board.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      await signIn(board, 'station', /\/households$/);
      await board.getByTestId('nav-station-rounds').click();
      await board.waitForURL(/\/station-rounds$/);
      const stationPicture = board.getByTestId('station-picture');
      await stationPicture.waitFor({ timeout: 30_000 });
      const legend = await board.getByTestId('station-legend').innerText();
      t.diagnostic(`station legend: ${legend.replace(/\n/g, ' | ')}`);
      assert.ok(legend.length > 0, 'a legend of the workers');
      await assertReadable(board, '站点路线');
      await board.screenshot({ path: join(SHOTS, 'rounds-station.png'), fullPage: true });
      // 规划本周路线: a job with its progress.
      await board.getByTestId('plan-week').click();
      const progress = board.getByTestId('job-progress');
      await progress.waitFor({ timeout: 30_000 });
      await board.locator('[data-testid="job-progress"][data-status="SUCCEEDED"], [data-testid="job-progress"][data-status="FAILED"]').waitFor({ timeout: 120_000 });
      assert.equal(await progress.getAttribute('data-status'), 'SUCCEEDED', 'the week is planned');
      // The day is read again once the job is done.
      await board.waitForLoadState('networkidle');
      t.diagnostic(`after the week: ${(await board.locator('[data-testid="station-legend"], [data-testid="station-none"]').first().innerText()).replace(/\n/g, ' | ')}`);
      await assertReadable(board, '站点路线 (week planned)');
      await board.mouse.move(0, 0);
      await board.screenshot({ path: join(SHOTS, 'rounds-station-week.png'), fullPage: true });
      await desk.close();
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
