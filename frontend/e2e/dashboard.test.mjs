// End-to-end: a coordinator opens the dashboard, drills down from the county to a township,
// opens the list behind a number, comes back and exports the dashboard as .xlsx.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/dashboard.test.mjs
//
// Env as login.test.mjs; the downloaded file lands in BANGFU_SCREENSHOT_DIR/dashboard.xlsx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';


test(
  'coordinator opens the dashboard, drills down, opens a list and exports',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 180_000 },
  async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

      await signIn(page, 'coordinator');

      // the county
      await page.getByTestId('nav-dashboard').click();
      await page.waitForURL(/\/dashboard/);
      await page.getByTestId('tile-households').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="chart-coverage"] canvas').waitFor({ timeout: 30_000 });
      const county = await page.getByTestId('dashboard-region').textContent();
      await page.waitForTimeout(800); // the charts' entry animation
      await page.screenshot({ path: join(SHOTS, 'dashboard-county.png'), fullPage: true });

      // drill down to a township
      const township = (await page.getByTestId('drill-link').first().textContent()) ?? '';
      await page.getByTestId('drill-link').first().click();
      await page.waitForURL(/region=/);
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid="dashboard-region"]')?.textContent === name,
        township,
      );
      assert.notEqual(township, county);
      assert.ok((await page.getByTestId('dashboard-path').textContent())?.includes(county ?? '---'));
      await page.locator('[data-testid="chart-coverage"] canvas').waitFor();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(SHOTS, 'dashboard-township.png'), fullPage: true });

      // the list behind a village's household count
      const expected = Number(((await page.getByTestId('part-households').first().textContent()) ?? '').replace(/[^0-9]/g, ''));
      await page.getByTestId('part-households').first().click();
      await page.waitForURL(/\/households\?.*village=/);
      await page.getByTestId('households-page').waitFor();
      await page.getByTestId('household-row').first().waitFor({ timeout: 30_000 });
      const total = await page.getByTestId('total-count').textContent().catch(() => null);
      if (total) assert.ok(total.replace(/[^0-9]/g, '') === String(expected), `${total} vs ${expected}`);
      await page.screenshot({ path: join(SHOTS, 'dashboard-list.png'), fullPage: true });

      // back on the township's dashboard: export it
      await page.goBack();
      await page.getByTestId('dashboard-export').waitFor();
      const download = page.waitForEvent('download', { timeout: 90_000 });
      await page.getByTestId('dashboard-export').click();
      const file = await download;
      await file.saveAs(join(SHOTS, 'dashboard.xlsx'));
      await page.getByTestId('dashboard-export-ready').waitFor();
      await page.screenshot({ path: join(SHOTS, 'dashboard-exported.png'), fullPage: true });
      process.stdout.write(`# township ${township} villages-first ${expected}\n`);

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
