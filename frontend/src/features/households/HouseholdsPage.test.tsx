import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, VOLUNTEER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import type { HouseholdRow } from './HouseholdsPage';

function row(id: string, over: Partial<HouseholdRow> = {}): { cursor: string; node: HouseholdRow } {
  return {
    cursor: `c-${id}`,
    node: {
      id,
      tier: 'DIBAO',
      dibaoClass: 'A',
      causes: ['ILLNESS', 'DISABILITY'],
      warningLevel: 'RED',
      size: 3,
      identity: { headName: '王秀英' },
      village: { id: 'v1', name: '石桥村' },
      township: { id: 't1', name: '城关镇' },
      worker: null,
      ...over,
    },
  };
}

function server(edges: ReturnType<typeof row>[], { hasNextPage = false, me = STATION_USER } = {}) {
  return fakeServer({
    Me: () => ({ data: { me } }),
    Regions: (v) => ({
      data: {
        regions:
          v.level === 'TOWNSHIP'
            ? [{ id: 't1', name: '城关镇', level: 'TOWNSHIP', parentId: 'c1' }]
            : [{ id: 'v1', name: '石桥村', level: 'VILLAGE', parentId: 't1' }],
      },
    }),
    Households: () => ({
      data: {
        households: {
          totalCount: 57,
          pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
          edges,
        },
      },
    }),
  });
}

describe('household list', () => {
  it('shows the rows with Chinese labels and the total', async () => {
    signedInAs(STATION_USER);
    const s = server([row('h1'), row('h2', { identity: null, worker: { id: 'w1', name: '李娜' }, warningLevel: 'NONE', dibaoClass: null, tier: 'TEMPORARY' })]);
    renderApp('/households', s);
    const rows = await screen.findAllByTestId('household-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0]);
    expect(first.getByText('王秀英')).toBeTruthy();
    expect(first.getByText('低保')).toBeTruthy();
    expect(first.getByText('因病')).toBeTruthy();
    expect(first.getByTestId('warning-badge').textContent).toBe('红色');
    expect(first.getByText('未分配')).toBeTruthy();
    const second = within(rows[1]);
    expect(second.getByTitle('身份信息已隐去').textContent).toBe('—');
    expect(second.getByText('临时救助')).toBeTruthy();
    expect(second.getByText('李娜')).toBeTruthy();
    expect(screen.getByTestId('total-count').textContent).toBe('共 57 条');
    expect(screen.getByTestId('filter-search')).toBeTruthy();
  });

  it('sends the filters from the URL and pages with cursors', async () => {
    signedInAs(STATION_USER);
    const s = server([row('h1')], { hasNextPage: true });
    renderApp('/households?township=t1&tier=DIBAO&warning=RED&noWorker=1&q=王', s);
    await screen.findAllByTestId('household-row');
    const first = s.calls.find((c) => c.operationName === 'Households')!;
    expect(first.variables).toEqual({
      first: 20,
      after: null,
      filter: { regionId: 't1', tier: 'DIBAO', warningLevel: 'RED', hasNoWorker: true, search: '王' },
    });
    fireEvent.click(screen.getByTestId('pager-next'));
    await waitFor(() =>
      expect(s.calls.some((c) => c.operationName === 'Households' && c.variables.after === 'c-h1')).toBe(true),
    );
  });

  it('offers no name search to a role that sees no identity', async () => {
    signedInAs(VOLUNTEER_USER);
    const s = server([row('h1', { identity: null })], { me: VOLUNTEER_USER });
    renderApp('/households?q=王', s);
    await screen.findAllByTestId('household-row');
    expect(screen.queryByTestId('filter-search')).toBeNull();
    const call = s.calls.find((c) => c.operationName === 'Households')!;
    expect(call.variables.filter).toEqual({});
  });
});
