// End-to-end: a station manager signs in, sees the household list and opens a household.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e
//
// Env: BANGFU_URL (required, else skipped), BANGFU_DEMO_PASSWORD (default bangfu-demo),
// BANGFU_SCREENSHOT_DIR (default test-output), BANGFU_CHROMIUM (default /usr/bin/chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, PASSWORD, SHOTS, launch } from './support.mjs';


test(
  'station manager logs in, lists households and opens one',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 120_000 },
  async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const context = await browser.newContext({
        viewport: { width: 1360, height: 900 },
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await page.goto(`${BASE}/login`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('login-page').waitFor();
      await page.screenshot({ path: join(SHOTS, 'login.png'), fullPage: true });

      await page.getByTestId('login-username').fill('station');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();

      await page.waitForURL(/\/households/, { timeout: 30_000 });
      const rows = page.getByTestId('household-row');
      await rows.first().waitFor({ timeout: 30_000 });
      assert.ok((await rows.count()) >= 1, 'at least one household row');
      assert.equal(await page.getByTestId('current-role').getAttribute('data-role'), 'STATION_MANAGER');
      const token = await page.evaluate(() => sessionStorage.getItem('bangfu.token'));
      assert.ok(token, 'the token is kept in sessionStorage');
      await page.screenshot({ path: join(SHOTS, 'households.png'), fullPage: true });

      await page.getByTestId('household-link').first().click();
      await page.waitForURL(/\/households\/[^/?#]+/);
      await page.getByTestId('household-title').waitFor({ timeout: 30_000 });
      await page.getByTestId('members-table').waitFor();
      await page.screenshot({ path: join(SHOTS, 'household.png'), fullPage: true });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
