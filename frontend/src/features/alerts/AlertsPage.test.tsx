import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { WORKER_ME, alertRow, connection } from '../../test/followup';

const soon = new Date(Date.now() + 5 * 3_600_000).toISOString();
const late = new Date(Date.now() - 26 * 3_600_000).toISOString();

function server(me = WORKER_ME) {
  return fakeServer({
    Me: me,
    AlertTownships: () => ({ data: { regions: [{ id: 't1', name: '城关镇', level: 'TOWNSHIP', parentId: null }] } }),
    Alerts: () => ({
      data: {
        alerts: connection([
          alertRow('1', 'RED', late, { overdue: true }),
          alertRow('2', 'RED', soon),
          alertRow('3', 'YELLOW', soon, {
            status: 'RESOLVED',
            resolvedAt: '2025-11-21T10:00:00+08:00',
            resolvedByVisit: 'v-1',
          }),
        ]),
      },
    }),
  });
}

describe('alerts', () => {
  it('lists alerts as the server orders them, with a countdown or an overdue badge, each linking its household', async () => {
    signedInAs(WORKER_USER);
    const s = server();
    renderApp('/alerts', s);
    const rows = await screen.findAllByTestId('alert-row');
    expect(rows.map((r) => r.dataset.level)).toEqual(['RED', 'RED', 'YELLOW']);
    expect(rows[0].dataset.overdue).toBe('true');
    expect(within(rows[0]).getByTestId('due-badge').textContent).toBe('逾期 1 天 2 小时');
    expect(within(rows[1]).getByTestId('due-badge').dataset.state).toBe('soon');
    expect(within(rows[2]).getByTestId('alert-resolved').textContent).toContain('核销');
    expect(within(rows[0]).getByTestId('alert-household').getAttribute('href')).toBe('/households/hh-1');
    expect(rows[0].textContent).toContain('患病住院');
    // A worker sees the open alerts assigned to them first.
    expect(s.calls.find((c) => c.operationName === 'Alerts')!.variables).toEqual({
      first: 20,
      after: null,
      filter: { status: 'OPEN', assignedToMe: true },
    });
  });

  it('filters by status, level and township, and "assigned to me" can be turned off', async () => {
    signedInAs(WORKER_USER);
    const s = server();
    renderApp('/alerts', s);
    await screen.findAllByTestId('alert-row');
    fireEvent.change(screen.getByTestId('alert-filter-level'), { target: { value: 'RED' } });
    fireEvent.change(screen.getByTestId('alert-filter-status'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByTestId('alert-filter-township').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('alert-filter-township'), { target: { value: 't1' } });
    fireEvent.click(screen.getByTestId('alert-filter-mine'));
    await waitFor(() =>
      expect(s.calls.filter((c) => c.operationName === 'Alerts').at(-1)!.variables.filter).toEqual({ level: 'RED', regionId: 't1' }),
    );
  });

  it('starts with every open alert of the station for a station manager', async () => {
    signedInAs(STATION_USER);
    const s = server(() => ({ data: { me: STATION_USER } }));
    renderApp('/alerts', s);
    await screen.findAllByTestId('alert-row');
    expect(s.calls.find((c) => c.operationName === 'Alerts')!.variables.filter).toEqual({ status: 'OPEN' });
    expect((screen.getByTestId('alert-filter-mine') as HTMLInputElement).checked).toBe(false);
  });
});
