// End-to-end: an enterprise posts a job, asks for candidates and sees them anonymised
// (age band, sex, village; never a name); the station sees who they are.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/jobs.test.mjs
//
// Screenshots: jobs-enterprise.png, jobs-station.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';


test(
  'an enterprise posts a job and sees anonymised candidates',
  { skip: BASE ? false : 'BANGFU_URL is not set', timeout: 300_000 },
  async () => {
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launch();
    try {
      const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await signIn(page, 'enterprise');
      await page.getByTestId('nav-jobs').click();
      await page.getByTestId('jobs-page').waitFor({ timeout: 30_000 });
      const title = `仓储理货员 e2e-${Date.now()}`;
      await page.getByTestId('job-new').click();
      const form = page.getByTestId('job-form');
      await form.locator('input[name="title"]').fill(title);
      // The first village the enterprise may post at (its area's villages are listed).
      const select = form.locator('select[name="place"]');
      const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(values.length > 0, 'places to post at');
      let posted = false;
      for (const v of values.slice(0, 40)) {
        await select.selectOption(v);
        await form.getByTestId('job-submit').click();
        try {
          await page.getByTestId('jobs-notice').waitFor({ timeout: 5_000 });
          posted = true;
          break;
        } catch {
          // That village lies outside the enterprise's area: try the next.
        }
      }
      assert.ok(posted, 'the posting is accepted');
      const card = page.getByTestId('job-posting').filter({ hasText: title });
      await card.waitFor({ timeout: 30_000 });
      await card.getByTestId('job-propose').click();
      await card.getByTestId('job-proposal').first().waitFor({ timeout: 60_000 });
      const text = await card.getByTestId('job-proposals').innerText();
      assert.match(text, /岁/, 'an age band is shown');
      await page.screenshot({ path: join(SHOTS, 'jobs-enterprise.png'), fullPage: true });
      await ctx.close();

      const desk = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
      const office = await desk.newPage();
      await signIn(office, 'admin');
      await office.goto(`${BASE}/jobs`, { waitUntil: 'domcontentloaded' });
      const same = office.getByTestId('job-posting').filter({ hasText: title });
      await same.waitFor({ timeout: 30_000 });
      await same.getByTestId('job-show-proposals').click();
      await same.getByTestId('job-proposal').first().waitFor({ timeout: 30_000 });
      await office.screenshot({ path: join(SHOTS, 'jobs-station.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  },
);
