// End-to-end: a station manager opens the caseload board, computes a plan, reviews it and
// approves it all.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e
//
// Env: BANGFU_URL (required, else skipped), BANGFU_DEMO_PASSWORD (default bangfu-demo),
// BANGFU_SCREENSHOT_DIR (default test-output), BANGFU_CHROMIUM (default /usr/bin/chromium).
// The demo county must be loaded (the station has workers and households).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';

const SOLVE_TIMEOUT = 120_000;

test(
  'station manager computes a caseload plan, reviews it and approves it',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async (t) => {
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

      await signIn(page, 'station', /\/households/);

      // The board, from the main navigation.
      await page.getByTestId('nav-caseload').click();
      await page.waitForURL(/\/caseload$|\/caseload\?/);
      const cards = page.getByTestId('worker-card');
      await cards.first().waitFor({ timeout: 30_000 });
      assert.ok((await cards.count()) >= 1, 'at least one worker on the board');
      await page.locator('[data-testid="unassigned-count"]:not([data-count=""])').waitFor({ timeout: 30_000 });
      const unassigned = Number(await page.getByTestId('unassigned-count').getAttribute('data-count'));
      assert.ok(Number.isInteger(unassigned) && unassigned >= 0, `an unassigned count (${unassigned})`);
      await page.screenshot({ path: join(SHOTS, 'caseload-board.png'), fullPage: true });

      // A new plan: the job's progress bar, then the review.
      await page.getByTestId('new-plan').click();
      await page.getByTestId('job-progress').waitFor({ timeout: 30_000 });
      await page.waitForURL(/\/caseload\/plans\/[^/?#]+/, { timeout: SOLVE_TIMEOUT });
      const review = page.locator('[data-testid="plan-page"][data-status="PROPOSED"]');
      await review.waitFor({ timeout: SOLVE_TIMEOUT });
      await page.getByTestId('plan-summary').waitFor();
      await page.getByTestId('proposals-table').waitFor({ timeout: 30_000 });
      const newCount = Number(await page.getByTestId('tab-count-NEW').textContent().then((s) => s.replace(/\D/g, '')));
      const movedCount = Number(await page.getByTestId('tab-count-MOVED').textContent().then((s) => s.replace(/\D/g, '')));
      // The explanation of the first row.
      const firstRow = page.getByTestId('proposal-row').first();
      if (await firstRow.count()) {
        await firstRow.click();
        await page.locator('[data-testid="proposal-explanation"][data-proposal]').waitFor();
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'caseload-plan.png'), fullPage: true });

      // Approve all: confirm, then the counts. (A county already paired by an earlier run gives
      // a plan with nothing new; approving it is still a valid decision.)
      t.diagnostic(`plan: ${newCount} new, ${movedCount} moved`);
      await page.getByTestId('approve-all').click();
      await page.getByTestId('approve-confirm').click();
      const success = page.getByTestId('approve-success');
      // Whatever the decision shows first: success, a stale plan, or an error. A plan just
      // computed must be approved: its loads are counted at approval as the plan counted them.
      const outcome = page.locator(
        '[data-testid="approve-success"], [data-testid="stale-plan"], [data-testid="decision-error"]',
      );
      await outcome.first().waitFor({ timeout: 60_000 });
      if (!(await success.isVisible())) {
        await page.screenshot({ path: join(SHOTS, 'caseload-refused.png'), fullPage: true });
        assert.fail(`approval refused: ${await outcome.first().textContent()}`);
      }
      const text = await success.textContent();
      assert.match(text ?? '', /已批准/);
      await page.locator('[data-testid="plan-page"][data-status="APPROVED"]').waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'caseload-approved.png'), fullPage: true });

      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  },
);
