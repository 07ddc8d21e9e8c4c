// End-to-end: a volunteer takes a care task near them and records it on a phone (375×740);
// the household's timeline shows it to the station. A grid member reports from the village.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/volunteer.test.mjs
//
// Env as the other journeys. The task is set through the API by the administrator (as a
// worker would from the household page) for a household in the demo volunteer's village.
// Screenshots: volunteer-tasks.png, volunteer-record.png, volunteer-recorded.png,
// volunteer-timeline.png, grid-report.png, grid-queue.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, graphql, apiLogin, signIn, serverToday, shiftDay } from './support.mjs';

const PHONE = { width: 375, height: 740 };

test(
  'a volunteer takes a care task and records it on a phone; the station sees it',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
    mkdirSync(SHOTS, { recursive: true });
    // A task for a household in the volunteer's village, set as a worker would.
    const volunteer = await apiLogin('volunteer');
    const { myVolunteerProfile: me } = await graphql('{ myVolunteerProfile { id version village { id name } } }', {}, volunteer);
    // Free any day, any time, within 10 km (other tests may have narrowed the demo volunteer).
    const declared = await graphql(
      `mutation ($id: ID!, $v: Int!) { setVolunteerAvailability(volunteerId: $id, expectedVersion: $v, weekdays: [], windows: [], radiusKm: 10) { __typename } }`,
      { id: me.id, v: me.version },
      volunteer,
    );
    assert.equal(declared.setVolunteerAvailability.__typename, 'SetVolunteerAvailabilitySuccess');
    const admin = await apiLogin('admin');
    const { households } = await graphql(
      'query ($r: ID!) { households(first: 1, filter: { regionId: $r }) { edges { node { id } } } }',
      { r: me.village.id },
      admin,
    );
    const householdId = households.edges[0].node.id;
    const what = `陪老人聊天，帮忙挑水 e2e-${Date.now()}`;
    const tomorrow = shiftDay(await serverToday(admin), 1);
    const made = await graphql(
      `mutation ($input: CreateCareTaskInput!) { createCareTask(input: $input) { __typename ... on CreateCareTaskSuccess { task { id } } } }`,
      { input: { householdId, kind: 'COMPANY_VISIT', what, dueOn: tomorrow } },
      admin,
    );
    assert.equal(made.createCareTask.__typename, 'CreateCareTaskSuccess');
    t.diagnostic(`task ${made.createCareTask.task.id} in ${me.village.name}`);

    const browser = await launch();
    try {
      const phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', hasTouch: true });
      const page = await phone.newPage();
      await signIn(page, 'volunteer');
      await page.goto(`${BASE}/volunteer/tasks`, { waitUntil: 'domcontentloaded' });
      const card = page.getByTestId('vol-task').filter({ hasText: what });
      await card.waitFor({ timeout: 30_000 });
      assert.ok(!(await page.content()).includes(householdId), 'the volunteer never reads the household');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the page fits a 375 px screen (overflows by ${overflow}px)`);
      await page.screenshot({ path: join(SHOTS, 'volunteer-tasks.png'), fullPage: true });

      await card.getByTestId('vol-take').click();
      await page.getByTestId('vol-notice').waitFor();
      const mine = page.locator('[data-testid="vol-task"][data-status="TAKEN"]').filter({ hasText: what });
      await mine.waitFor({ timeout: 30_000 });
      await mine.getByTestId('vol-record').click();
      const form = mine.getByTestId('vol-record-form');
      await form.waitFor();
      await form.locator('textarea[name="note"]').fill('陪聊一小时，挑满两缸水；老人说腿疼，已告知社工');
      await form.locator('input[name="minutes"]').fill('75');
      await page.screenshot({ path: join(SHOTS, 'volunteer-record.png'), fullPage: true });
      await form.getByTestId('vol-save').click();
      await page.locator('[data-testid="vol-task"][data-status="DONE"]').filter({ hasText: what }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'volunteer-recorded.png'), fullPage: true });

      // A grid report from the same phone: a village and what was seen, no household.
      await page.goto(`${BASE}/volunteer/report`, { waitUntil: 'domcontentloaded' });
      await page.locator('textarea[name="description"]').waitFor({ timeout: 30_000 });
      await page.locator('textarea[name="description"]').fill(`村口一户屋顶漏雨，入冬前要修 e2e-${Date.now()}`);
      await page.getByTestId('grid-submit').click();
      await page.getByTestId('grid-sent').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'grid-report.png'), fullPage: true });
      await phone.close();

      // The station side: the household's timeline shows what the volunteer did.
      const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const office = await desk.newPage();
      await signIn(office, 'admin');
      await office.goto(`${BASE}/households/${householdId}`, { waitUntil: 'domcontentloaded' });
      await office.getByTestId('household-care-tasks').filter({ hasText: what }).waitFor({ timeout: 30_000 });
      const item = office.locator('[data-testid="timeline-item"][data-kind="CARE_TASK_DONE"]').filter({ hasText: '挑满两缸水' });
      await item.first().waitFor({ timeout: 30_000 });
      await office.getByTestId('household-care-tasks').screenshot({ path: join(SHOTS, 'volunteer-timeline.png') });
      await office.goto(`${BASE}/grid-reports`, { waitUntil: 'domcontentloaded' });
      await office.getByTestId('grid-queue-item').first().waitFor({ timeout: 30_000 });
      await office.screenshot({ path: join(SHOTS, 'grid-queue.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  },
);
