// End-to-end on a phone (390 px): a station manager registers a household with two members,
// first with a wrong ID number (the server's typed error shows under the field), then edits it.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';


/** An 18-character resident ID with its check digit (GB 11643), random sequence number. */
function idNumber(birth, male) {
  const seq = String(10 + Math.floor(Math.random() * 89)) + (male ? '1' : '2');
  const body = `140123${birth}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

test(
  'a station manager registers and edits a household on a phone',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 240_000 },
  async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'station', /\/households/);

      // A walk-in request (首问) first: it becomes the new household, and registering it closes it.
      const summary = `来访求助：祖孙二人生活困难 ${Date.now().toString(36)}`;
      await page.goto(`${BASE}/intakes`, { waitUntil: 'domcontentloaded' });
      await page.locator('[data-testid="intake-township"] option').first().waitFor({ state: 'attached', timeout: 30_000 });
      await page.getByTestId('intake-summary').fill(summary);
      await page.getByTestId('intake-submit').click();
      const intake = page.getByTestId('intake-item').filter({ hasText: summary });
      await intake.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'household-intake.png'), fullPage: true });
      await intake.getByTestId('intake-to-household').click();
      await page.waitForURL(/\/households\/new\?intake=/);
      const form = page.getByTestId('household-create-form');
      await form.waitFor();
      // Township, then its first village.
      await page.locator('[data-testid="hh-township"] option:nth-child(2)').waitFor({ state: 'attached', timeout: 30_000 });
      const township = await page.locator('[data-testid="hh-township"] option:nth-child(2)').getAttribute('value');
      await page.getByTestId('hh-township').selectOption(township);
      await page.locator('[data-testid="hh-village"] option:nth-child(2)').waitFor({ state: 'attached', timeout: 30_000 });
      const village = await page.locator('[data-testid="hh-village"] option:nth-child(2)').getAttribute('value');
      await page.getByTestId('hh-village').selectOption(village);
      await page.getByTestId('hh-tier').selectOption('DIBAO');
      await page.getByTestId('hh-dibao-class').selectOption('B');
      await page.locator('[data-testid="hh-causes"] input').first().check();
      await page.getByTestId('hh-monthlyIncomePerPerson').fill('420');
      await page.getByTestId('hh-lat').fill('38.05');
      await page.getByTestId('hh-lon').fill('111.78');
      await page.getByTestId('hh-address').fill('石桥村 3 组 12 号');
      await page.getByTestId('hh-members.0.name').fill('李建国');
      const head = idNumber('19600305', true);
      // A wrong check digit first: the server says so under the field.
      const wrong = head.slice(0, 17) + (head[17] === '1' ? '2' : '1');
      await page.getByTestId('hh-members.0.idNumber').fill(wrong);
      await page.getByTestId('hh-add-member').click();
      await page.getByTestId('hh-members.1.name').fill('李子涵');
      await page.getByTestId('hh-members.1.idNumber').fill(idNumber('20180612', false));
      await page.getByTestId('hh-members.1.relation').selectOption('GRANDCHILD');
      await page.getByTestId('hh-submit').click();
      const idError = page.locator('[data-testid="field-members.0.idNumber"] [data-testid="field-error"]');
      await idError.waitFor({ timeout: 30_000 });
      assert.match((await idError.textContent()) ?? '', /身份证号无效/);
      await page.getByTestId('field-members.0.idNumber').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'household-create-errors.png'), fullPage: false });
      // Nothing overflows the phone's width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `the form fits 390 px (overflow ${overflow}px)`);

      await page.getByTestId('hh-members.0.idNumber').fill(head);
      await page.getByTestId('hh-submit').click();
      await page.waitForURL(/\/households\/(?!new)[^/?#]+$/, { timeout: 30_000 }).catch(async (err) => {
        // Still on the form: say what it shows (a field error, a refusal) rather than only "timeout".
        await page.screenshot({ path: join(SHOTS, 'household-create-stuck.png'), fullPage: true });
        const shown = await page.locator('[data-testid="field-error"], [role="alert"]').allTextContents();
        throw new Error(`the household was not created: ${JSON.stringify(shown)} (${err.message.split('\n')[0]})`);
      });
      await page.getByTestId('household-title').waitFor();
      assert.equal(await page.getByTestId('household-title').textContent(), '李建国');
      assert.equal(await page.getByTestId('member-row').count(), 2);
      await page.screenshot({ path: join(SHOTS, 'household-created.png'), fullPage: true });
      const created = page.url();

      // The request is answered by the household: no longer open on the intake list.
      await page.goto(`${BASE}/intakes`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('intake-form').waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      assert.equal(await page.getByTestId('intake-item').filter({ hasText: summary }).count(), 0, 'the intake is closed');
      await page.goto(created, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('household-title').waitFor({ timeout: 30_000 });

      // Edit: the income, saved with the version read.
      await page.getByTestId('edit-household-link').click();
      await page.getByTestId('household-edit-form').waitFor();
      await page.getByTestId('hh-monthlyIncomePerPerson').fill('380');
      await page.getByTestId('hh-save').click();
      await page.getByTestId('hh-saved').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(SHOTS, 'household-edit.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
