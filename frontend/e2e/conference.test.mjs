// End-to-end, on a phone (390×844), zh-CN: a station manager convenes a case conference
// (个案会商) on a household of the station's area with a department and a charity, records
// it as held with two decisions (one for a worker of the platform, one for the department's
// officer, each with a due day), marks the officer's decision done, and sees the conference
// and its decisions on the household's timeline. Every step is scanned for enum codes and
// internal ids (none may show in zh-CN). Its data: a household found through the API.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/conference.test.mjs
//
// Screenshots: conference-convene.png, conference-held.png, conference-timeline.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, apiLogin, launch, graphql, noLeaks, signIn, serverToday, shiftDay } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const LEAKS =
  /\b(sw-|hh-|user-|conf-|decision-)[\w-]+|\b(SCHEDULED|HELD|CLOSED|CANCELLED|OPEN|DONE|STATION|DEPARTMENT|CHARITY|VILLAGE|OTHER|CONFERENCE_CONVENED|CONFERENCE_HELD|DECISION_DUE|DECISION_DONE|PAST_DATE|REQUIRED)\b/;

/** A household of the station manager's area, through the API. */
async function stationHousehold(token) {
  const { households } = await graphql('{ households(first: 5) { edges { node { id } } } }', {}, token);
  assert.ok(households.edges.length > 0, 'the station has households');
  return households.edges.at(-1).node.id;
}

test(
  'a station manager convenes a case conference on a phone and its decisions follow up',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 240_000 },
  async () => {
    mkdirSync(SHOTS, { recursive: true });
    const station = await apiLogin('station');
    const today = await serverToday(station); // China's day, as the server counts it
    const householdId = await stationHousehold(station);
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'station', /\/households$/);
      await page.goto(`${BASE}/households/${householdId}`, { waitUntil: 'domcontentloaded' });
      const section = page.getByTestId('household-conferences');
      await section.waitFor({ timeout: 30_000 });

      // Convene: a day in the past is refused in words, then today with three agencies.
      const topic = `因病致贫：医疗费用与子女就学 e2e${Date.now() % 100000}`;
      await section.getByTestId('conference-new').click();
      await page.getByTestId('conference-held-on').fill(shiftDay(today, -3));
      await page.getByTestId('conference-topic').fill(topic);
      const names = page.getByTestId('participant-name');
      const agencies = page.getByTestId('participant-agency');
      await names.nth(0).fill('王芳');
      await agencies.nth(0).fill('城关镇社工站');
      await names.nth(1).fill('李强');
      await agencies.nth(1).fill('县医保局');
      await page.getByTestId('participant-add').click();
      await names.nth(2).fill('赵敏');
      await page.getByTestId('participant-kind').nth(2).selectOption('CHARITY');
      await agencies.nth(2).fill('县慈善总会');
      await page.getByTestId('conference-convene').click();
      const error = page.getByTestId('conference-error');
      await error.waitFor({ timeout: 30_000 });
      assert.match((await error.textContent()) ?? '', /会商日期：日期不能早于今天/);
      await noLeaks(page, 'the refused convene form', LEAKS);
      await page.getByTestId('conference-held-on').fill(shiftDay(today, 0));
      await page.getByTestId('conference-form').screenshot({ path: join(SHOTS, 'conference-convene.png') });
      await page.getByTestId('conference-convene').click();
      const item = section.getByTestId('conference-item').filter({ hasText: topic });
      await item.waitFor({ timeout: 30_000 });
      assert.match((await item.textContent()) ?? '', /已召集/);

      // Held: two decisions, a worker's and the department officer's.
      await item.getByTestId('conference-record').click();
      await page.getByTestId('conference-notes-input').fill('医保局负责二次报销；社工站协助申请助学金。');
      await page.getByTestId('decision-what').nth(0).fill('协助申请助学金');
      const worker = page.getByTestId('decision-worker').nth(0);
      await worker.locator('option').nth(1).waitFor({ state: 'attached', timeout: 30_000 });
      await worker.selectOption({ index: 1 });
      await page.getByTestId('decision-due').nth(0).fill(shiftDay(today, 7));
      await page.getByTestId('decision-add').click();
      await page.getByTestId('decision-what').nth(1).fill('大病医保二次报销');
      await page.getByTestId('decision-owner-kind').nth(1).selectOption('OTHER');
      await page.getByTestId('decision-owner-name').fill('县医保局 李强');
      await page.getByTestId('decision-due').nth(1).fill(shiftDay(today, 14));
      await page.getByTestId('conference-record-save').click();
      await item.getByTestId('decision-item').nth(1).waitFor({ timeout: 30_000 });
      assert.match((await item.textContent()) ?? '', /已召开.*协助申请助学金.*县医保局 李强/s);

      // The officer's decision is done.
      const officer = item.getByTestId('decision-item').filter({ hasText: '县医保局 李强' });
      await officer.getByTestId('decision-complete').click();
      await officer.getByTestId('decision-complete-note').fill('已报销 3200 元');
      await officer.getByTestId('decision-complete-submit').click();
      await item.getByText('已办：已报销 3200 元').waitFor({ timeout: 30_000 });
      await noLeaks(page, 'the household page with its conference', LEAKS);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= PHONE.width + 1, `the page fits a phone (scroll width ${width})`);
      await item.scrollIntoViewIfNeeded();
      await item.screenshot({ path: join(SHOTS, 'conference-held.png') });

      // The timeline tells it: convened, held, a decision due and one done.
      await page.reload({ waitUntil: 'domcontentloaded' });
      const timeline = page.getByTestId('household-timeline');
      await timeline.getByText(/会商事项已办/).first().waitFor({ timeout: 30_000 });
      const told = (await timeline.innerText()) ?? '';
      assert.match(told, /召开个案会商，议定 2 项/);
      assert.match(told, /会商事项到期/);
      await noLeaks(page, 'the timeline', LEAKS);
      await timeline.screenshot({ path: join(SHOTS, 'conference-timeline.png') });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
