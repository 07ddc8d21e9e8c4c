import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { landingPath } from '../../app/roles';
import { CHARITY_USER, fakeServer, renderApp, signedInAs } from '../../test/render';

const need = {
  id: 'need-1',
  kind: 'MEDICAL',
  description: '老人术后康复需要费用',
  estimatedCost: 3000,
  urgency: 'HIGH',
  status: 'OPEN',
  tier: 'DIBAO',
  causes: ['ILLNESS'],
  sizeBand: '2-3',
  version: 1,
  village: { id: 'v-1', name: '东村' },
  township: { id: 't-1', name: '城关镇' },
};

const adoption = {
  id: 'adoption-1',
  status: 'CLAIMED',
  version: 1,
  pledgedYuan: 2000,
  disbursedYuan: null,
  disbursedOn: null,
  channel: null,
  claimedOn: '2026-12-01',
  expiresOn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
  fulfilledOn: null,
  cancelReason: null,
  organisationName: '县慈善总会',
  transferToName: null,
  transferRequestedAt: null,
  mine: true,
  transferOfferedToMe: false,
  needKind: 'EDUCATION',
  needCost: 2000,
  needUrgency: 'MEDIUM',
  evidenceCount: 0,
  village: { id: 'v-2', name: '西村' },
  township: { id: 't-1', name: '城关镇' },
};

function server(claim: () => unknown) {
  return fakeServer({
    Me: () => ({ data: { me: CHARITY_USER } }),
    MyMarket: () => ({
      data: {
        myCapacity: {
          organisationId: 'charity-1',
          organisationName: '县慈善总会',
          organisationKind: 'CHARITY',
          declared: true,
          budgetYuan: 50000,
          period: 'YEAR',
          kinds: ['MEDICAL', 'EDUCATION'],
          maxOpenAdoptions: 5,
          committedYuan: 2000,
          openAdoptions: 1,
          currentPeriod: '2026',
          version: 3,
          townships: [{ id: 't-1', name: '城关镇' }],
        },
        adoptions: { totalCount: 1, edges: [{ node: adoption }] },
      },
    }),
    RecommendedNeeds: () => ({
      data: { recommendedNeeds: [{ need, reasons: [{ code: 'VILLAGE_OTHERWISE_LEFT_OUT', value: null }] }] },
    }),
    MarketNeeds: () => ({
      data: {
        marketNeeds: {
          totalCount: 1,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [{ cursor: 'c1', node: { dueOn: '2026-12-20', need } }],
        },
      },
    }),
    MarketVillages: () => ({
      data: { marketVillages: [{ villageId: 'v-1', name: '东村', townshipId: 't-1', lat: 37.9, lon: 112.5, openNeeds: 4, highUrgency: 1 }] },
    }),
    MarketTownships: () => ({ data: { regions: [{ id: 't-1', name: '城关镇' }] } }),
    ClaimNeed: claim,
  });
}

describe('我的帮扶', () => {
  it('is where charities, enterprises and volunteers land', () => {
    expect(landingPath(CHARITY_USER)).toBe('/market');
    expect(landingPath({ ...CHARITY_USER, role: 'ENTERPRISE' })).toBe('/market');
    expect(landingPath({ ...CHARITY_USER, role: 'VOLUNTEER' })).toBe('/market');
    expect(landingPath({ ...CHARITY_USER, role: 'STATION_MANAGER' })).toBe('/households');
  });

  it('lands a charity on its support: what is due, capacity, adoptions, recommendations, the board', async () => {
    signedInAs(CHARITY_USER);
    renderApp('/market', server(() => ({})));
    // The page loads lazily: its first import compiles it.
    await screen.findByTestId('market-due', {}, { timeout: 15000 });
    await waitFor(() => expect(screen.getByTestId('market-due').textContent).toContain('认领将于'));
    expect((await screen.findByTestId('capacity-budget')).textContent).toContain('已承诺 2,000 元');
    const adoptions = await screen.findAllByTestId('adoption');
    expect(adoptions[0].textContent).toContain('已认领');
    await waitFor(() => expect(screen.getByTestId('recommended').textContent).toContain('以免被遗漏'));
    const board = await screen.findByTestId('need-board');
    const card = await within(board).findByTestId('need-card');
    expect(card.textContent).toContain('医疗');
    expect(card.textContent).toContain('东村');
    expect(card.textContent).not.toMatch(/need-1|MEDICAL|HIGH|DIBAO/);
    expect(screen.getByTestId('main-nav').textContent).not.toContain('家庭');
    await waitFor(() => expect(screen.getAllByTestId('village-dot')).toHaveLength(1));
  }, 30000);

  it('adopts a need and says so; a need taken meanwhile is told in words', async () => {
    signedInAs(CHARITY_USER);
    let answer: unknown = { data: { claimNeed: { __typename: 'Conflict', code: 'NEED_TAKEN', params: [] } } };
    const s = server(() => answer);
    renderApp('/market', s);
    const board = await screen.findByTestId('need-board', {}, { timeout: 15000 });
    fireEvent.click(await within(board).findByTestId('adopt-button'));
    expect((await screen.findByTestId('market-notice')).textContent).toBe('这项需求刚被其他组织认领了');
    answer = { data: { claimNeed: { __typename: 'ClaimNeedSuccess', adoption: { ...adoption, expiresOn: '2026-12-10' } } } };
    fireEvent.click(within(board).getByTestId('adopt-button'));
    await waitFor(() => expect(screen.getByTestId('market-notice').textContent).toContain('2026-12-10'));
    const call = s.calls.filter((c) => c.operationName === 'ClaimNeed')[0];
    expect(call.variables).toEqual({ input: { needId: 'need-1', expectedVersion: 1 } });
  }, 30000);
});
