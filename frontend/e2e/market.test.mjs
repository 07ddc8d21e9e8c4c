// End-to-end, the needs marketplace: the demo charity signs in and lands on 我的帮扶, filters
// the board to a township the station serves, adopts the most urgent need, records the
// disbursement, uploads a receipt and confirms it fulfilled; the station sees the adoption
// in its area with the receipt; the household's statement (幸福清单) names the charity.
//
//   BANGFU_URL=http://127.0.0.1:8000 node --test e2e/market.test.mjs
//
// Screenshots: market-home.png, market-board.png, market-adopted.png, market-fulfilled.png,
// market-station.png, market-statement.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, SHOTS, launch, graphql, apiLogin, signIn } from './support.mjs';

const DESKTOP = { width: 1280, height: 900 };
// A 1×1 PNG: the receipt.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** A township both the station serves and the charity works in, with a need the charity may adopt. */
async function meetingPlace(charity, station) {
  const { myCapacity } = await graphql('{ myCapacity { kinds budgetYuan committedYuan townships { id name } } }', {}, charity);
  const remaining = myCapacity.budgetYuan - myCapacity.committedYuan;
  const { me } = await graphql('{ me { scopeId } }', {}, station);
  const { station: st } = await graphql('query ($id: ID!) { station(id: $id) { township { id name } } }', { id: me.scopeId }, station);
  const townships = myCapacity.townships.map((t) => t.id);
  const township = townships.includes(st.township.id) ? st.township : myCapacity.townships[0];
  for (const kind of myCapacity.kinds) {
    const { marketNeeds } = await graphql(
      `query ($f: MarketNeedFilter) { marketNeeds(first: 1, filter: $f) { totalCount edges { node { need { id estimatedCost } } } } }`,
      { f: { townshipId: township.id, kinds: [kind], maxCost: remaining } },
      charity,
    );
    if (marketNeeds.edges.length > 0) {
      return {
        township,
        kind,
        remaining,
        total: marketNeeds.totalCount,
        need: marketNeeds.edges[0].node.need,
        stationSees: township.id === st.township.id,
      };
    }
  }
  throw new Error('no open need the charity may adopt');
}

test('a charity adopts a need and sees it through; the station and the statement show it', { skip: !BASE }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  const charity = await apiLogin('charity');
  const station = await apiLogin('station');
  const place = await meetingPlace(charity, station);
  t.diagnostic(`township ${place.township.name}, kind ${place.kind}, need ${place.need.id}`);

  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, 'charity');
    await page.waitForURL(/\/market$/);
    await page.getByTestId('capacity').waitFor();
    await page.getByTestId('need-card').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'market-home.png'), fullPage: true });
    const nav = await page.getByTestId('main-nav').innerText();
    assert.ok(!nav.includes('家庭'), 'a charity is not offered the household list');

    // Filter the board: township and kind.
    const board = page.getByTestId('need-board');
    await board.getByTestId('filter-township').selectOption(place.township.id);
    await board.getByTestId('filter-kind').selectOption(place.kind);
    await board.getByTestId('filter-max-cost').fill(String(place.remaining));
    // The board shows the filtered page once its count is the API's for the same filter.
    await board.locator(`[data-testid="market-count"][data-count="${place.total}"]`).waitFor();
    await board.getByTestId('need-card').first().waitFor();
    await board.screenshot({ path: join(SHOTS, 'market-board.png') });
    const text = await board.innerText();
    assert.ok(!/1[3-9]\d{9}/.test(text), 'no phone number on the board');

    // Adopt the first (most urgent) card.
    await board.getByTestId('adopt-button').first().click();
    await page.getByTestId('market-notice').waitFor();
    const notice = await page.getByTestId('market-notice').innerText();
    assert.match(notice, /已认领/, notice);
    const { need } = await graphql('query ($id: ID!) { need(id: $id) { status household { id } } }', { id: place.need.id }, station).catch(() => ({ need: null }));
    const { adoptions } = await graphql('{ adoptions(first: 50) { edges { node { id needId } } } }', {}, charity);
    const mine = adoptions.edges.map((e) => e.node).find((a) => a.needId === place.need.id);
    assert.ok(mine, 'the adopted need is among the charity\'s adoptions');
    const item = page.locator(`[data-adoption-id="${mine.id}"]`);
    const claimed = item;
    await page.locator(`[data-adoption-id="${mine.id}"][data-status="CLAIMED"]`).waitFor();
    await page.getByTestId('my-adoptions').screenshot({ path: join(SHOTS, 'market-adopted.png') });

    // Record the disbursement, upload the receipt, confirm it fulfilled.
    await claimed.getByTestId('disburse-submit').click();
    await page.locator(`[data-adoption-id="${mine.id}"][data-status="DISBURSED"]`).waitFor();
    const paid = item;
    await paid.getByTestId('evidence-file').setInputFiles({ name: '收据.png', mimeType: 'image/png', buffer: PNG });
    await item.getByText(/凭证 1 份/).waitFor();
    await paid.getByTestId('fulfil-button').click();
    await page.locator(`[data-adoption-id="${mine.id}"][data-status="FULFILLED"]`).waitFor();
    await page.getByTestId('my-adoptions').screenshot({ path: join(SHOTS, 'market-fulfilled.png') });

    // The station (or, when the station serves elsewhere, the coordinator) sees it.
    const overseer = place.stationSees ? 'station' : 'coordinator';
    const staff = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const sp = await staff.newPage();
    await signIn(sp, overseer);
    await sp.getByTestId('main-nav').waitFor();
    await sp.goto(`${BASE}/market/ledger`);
    await sp.getByTestId('area-adoption').first().waitFor();
    await sp.getByTestId('evidence-link').first().waitFor();
    await sp.screenshot({ path: join(SHOTS, 'market-station.png'), fullPage: true });

    // The household's statement names the charity.
    const token = await apiLogin(overseer);
    const found = need ?? (await graphql('query ($id: ID!) { need(id: $id) { household { id } } }', { id: place.need.id }, token)).need;
    const householdId = found.household.id;
    await sp.goto(`${BASE}/households/${householdId}/statement`);
    await sp.getByTestId('statement').waitFor();
    const statement = await sp.getByTestId('statement').innerText();
    const { myCapacity } = await graphql('{ myCapacity { organisationName } }', {}, charity);
    assert.ok(statement.includes(myCapacity.organisationName), 'the statement names the charity');
    await sp.screenshot({ path: join(SHOTS, 'market-statement.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
