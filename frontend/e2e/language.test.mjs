// One language per page: every demo role signs in with a Chinese browser and opens every page
// its menu reaches (and the first household, its statement and the first caseload plan it can
// see); the visible text must hold no internal id (sw-…, hh-…, user-…) and no enum code of
// the schema (MEDICAL, REMIND_WORKER…): names and labels only.
//
//   BANGFU_URL=http://127.0.0.1:8000 npm run e2e -- e2e/language.test.mjs
//
// Env: BANGFU_URL (required, else skipped), BANGFU_DEMO_PASSWORD (default bangfu-demo),
// BANGFU_SCREENSHOT_DIR (default test-output), BANGFU_CHROMIUM (default /usr/bin/chromium).
// Screenshots: lang-<role>-<page>.png for every page visited; lang-members-phone.png (the
// station manager's household members at 390 px, which must not overflow the screen).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, signIn } from './support.mjs';

const ROLES = ['admin', 'coordinator', 'station', 'worker', 'charity', 'enterprise', 'volunteer', 'auditor'];

/** An internal id as the server mints them (`sw-0005`, `hh-3f…`, `user-demo-station`). */
export const ID_PATTERN = /\b(?:sw|hh|p|user|st|org|vol|m|al|match|plan|vis|need|coi|ev|esc|job|rg)-[0-9a-z]/g;

/** Every value of every enum in the exported schema (three characters or more). */
export function enumValues(schema) {
  const values = new Set();
  for (const block of schema.matchAll(/^enum \w+ \{([^}]*)\}/gm)) {
    for (const line of block[1].split('\n')) {
      const value = line.trim();
      if (/^[A-Z][A-Z0-9_]{2,}$/.test(value)) values.add(value);
    }
  }
  return values;
}

/** What a page's visible text shows that only the code knows: ids and enum codes. */
export function leaks(text, enums) {
  const ids = [...text.matchAll(ID_PATTERN)].map((m) => text.slice(m.index, m.index + 16).split(/\s/)[0]);
  const codes = [...text.matchAll(/\b[A-Z][A-Z0-9_]{2,}\b/g)].map((m) => m[0]).filter((w) => enums.has(w));
  return [...new Set([...ids, ...codes])];
}

const ENUMS = enumValues(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

test('the rule sees ids and codes, and leaves Chinese and names alone', () => {
  assert.deepEqual(leaks('社工 sw-0005 远 5.4 公里', ENUMS), ['sw-0005']);
  assert.deepEqual(leaks('需求：MEDICAL', ENUMS), ['MEDICAL']);
  assert.deepEqual(leaks('张晓燕 远 5.4 公里；B 类；EN', ENUMS), []);
});

/** Settled: no loading line left (or 20 s passed). */
async function settle(page) {
  await page.waitForLoadState('domcontentloaded');
  await page
    .waitForFunction(() => !document.querySelector('[data-testid="loading"], .loading'), null, { timeout: 15_000 })
    .catch(() => {});
  await page.waitForTimeout(400);
}

test('every page of every demo role speaks Chinese: no ids, no codes', { skip: !BASE && 'BANGFU_URL is not set', timeout: 600_000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await launch();
  const found = [];
  let visited = 0;
  try {
    for (const role of ROLES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await signIn(page, role);
      await settle(page);
      const nav = await page.locator('[data-testid="main-nav"] a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const paths = new Set(nav.filter((h) => h && h.startsWith('/')));
      const check = async (path) => {
        await page.goto(`${BASE}${path}`, { waitUntil: 'domcontentloaded' });
        await settle(page);
        // The bell's panel too: notifications are server texts.
        const bell = page.getByTestId('notification-bell');
        if ((await bell.count()) > 0 && path === [...paths][0]) {
          await bell.click();
          await page.waitForTimeout(800);
        }
        const text = await page.evaluate(() => document.body.innerText);
        const slug = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: join(SHOTS, `lang-${role}-${slug}.png`), fullPage: true });
        visited += 1;
        const bad = leaks(text, ENUMS);
        if (bad.length) {
          found.push(`${role} ${path}: ${bad.join(', ')}`);
          console.log(`# leak ${role} ${path}: ${bad.join(', ')}`); // seen even if the run is cut short
        }
        return text;
      };
      for (const path of [...paths]) await check(path);
      // Detail pages: the first household (and its statement), the first caseload plan.
      if (paths.has('/households')) {
        await page.goto(`${BASE}/households`, { waitUntil: 'domcontentloaded' });
        await settle(page);
        const link = page.locator('a[href^="/households/"]:not([href="/households/import"]):not([href="/households/new"])').first();
        if ((await link.count()) > 0) {
          const href = await link.getAttribute('href');
          await check(href);
          if ((await page.getByTestId('household-statement-link').count()) > 0) await check(`${href}/statement`);
          // The members table fits a phone (390 px): nothing wider than the screen.
          if (role === 'station') {
            await page.setViewportSize({ width: 390, height: 844 });
            await page.goto(`${BASE}${href}`, { waitUntil: 'domcontentloaded' });
            await page.getByTestId('members-table').waitFor({ timeout: 30_000 });
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            await page.getByTestId('members-table').screenshot({ path: join(SHOTS, 'lang-members-phone.png') });
            if (overflow > 1) found.push(`station ${href} at 390 px: ${overflow}px wider than the screen`);
            await page.setViewportSize({ width: 1280, height: 900 });
          }
        }
        if ((await page.getByTestId('import-link').count()) > 0) await check('/households/import');
      }
      if (paths.has('/caseload')) {
        await page.goto(`${BASE}/caseload`, { waitUntil: 'domcontentloaded' });
        await settle(page);
        const plan = page.locator('a[href^="/caseload/plans/"]').first();
        if ((await plan.count()) > 0) await check(await plan.getAttribute('href'));
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  t.diagnostic(`pages visited: ${visited}`);
  assert.ok(visited >= ROLES.length * 2, `every role reaches pages (${visited})`);
  assert.deepEqual(found, [], `ids or codes on pages:\n${found.join('\n')}`);
});
