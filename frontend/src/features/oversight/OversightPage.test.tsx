import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { connection } from '../../test/followup';

function pairing(id: string, days: number, remindedToday = false) {
  return {
    since: new Date(Date.now() - days * 86_400_000).toISOString(),
    daysWithoutContact: days,
    remindedToday,
    match: {
      id: `m-${id}`,
      followUpDue: null,
      lastVisitAt: null,
      lastContactAt: null,
      household: { id: `hh-${id}`, warningLevel: 'ORANGE', identity: { headName: `户主${id}` }, village: { id: 'v1', name: '石桥村' } },
      worker: { id: 'sw-1', name: '李娜', station: { id: 'st-1', name: '城关镇社工站' } },
    },
  };
}

function server(remindWorker: () => unknown = () => ({
  __typename: 'RemindWorkerSuccess',
  alreadySent: false,
  notification: { __typename: 'Notification', id: 'n-1', createdAt: new Date().toISOString() },
})) {
  return fakeServer({
    Me: () => ({ data: { me: STATION_USER } }),
    OversightStations: () => ({ data: { stations: connection([{ id: 'st-1', name: '城关镇社工站' }]) } }),
    StalePairings: (vars) => ({
      data: {
        stalePairings: {
          days: vars.days,
          asOf: new Date().toISOString(),
          totalCount: 2,
          pairings: [pairing('1', 75), pairing('2', 40, true)],
          silentWorkers: [
            { activeMatches: 12, staleMatches: 12, lastContactAt: null, worker: { id: 'sw-2', name: '赵强', phone: '139' }, station: { id: 'st-1', name: '城关镇社工站' } },
          ],
        },
      },
    }),
    OversightOverdue: () => ({
      data: {
        overdue: {
          at: new Date().toISOString(),
          alerts: [{ alertId: 'al-1', householdId: 'hh-9', level: 'RED', dueAt: '2025-11-20T08:00:00+08:00', hoursOverdue: 50, escalationStep: 2 }],
          followUps: [{ matchId: 'm-8', householdId: 'hh-8', followUpDue: '2025-11-01', daysOverdue: 21, escalationStep: 3 }],
        },
      },
    }),
    HouseholdLabel: (vars) => ({
      data: { household: { id: vars.id, identity: { headName: `户主${vars.id}` }, village: { id: 'v1', name: '石桥村' }, worker: { id: 'sw-1', name: '李娜' } } },
    }),
    RemindWorker: () => ({ data: { remindWorker: remindWorker() } }),
  });
}

describe('oversight', () => {
  it('says a refused reminder in the page language, not the server’s English line', async () => {
    signedInAs(STATION_USER);
    renderApp(
      '/oversight',
      server(() => ({
        __typename: 'NotFound',
        message: 'Match m-1 was not found in your area',
        field: 'matchId',
        code: 'NOT_FOUND',
        params: [
          { name: 'entity', value: 'Match' },
          { name: 'id', value: 'm-1' },
        ],
      })),
    );
    const rows = await screen.findAllByTestId('stale-row');
    fireEvent.click(within(rows[0]).getByTestId('remind-button'));
    expect((await screen.findByTestId('remind-error')).textContent).toBe('未能提醒：该帮扶配对已不存在，或不在您的范围内');
    expect(document.body.textContent).not.toMatch(/not found|Match m-1/);
  });

  it('lists stale pairings with a one-click reminder, silent workers and the overdue list', async () => {
    signedInAs(STATION_USER);
    const s = server();
    renderApp('/oversight', s);
    const rows = await screen.findAllByTestId('stale-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('75 天');
    expect(within(rows[1]).getByTestId('reminded-today')).toBeTruthy();
    fireEvent.click(within(rows[0]).getByTestId('remind-button'));
    expect((await within(rows[0]).findByTestId('remind-done')).textContent).toContain('已提醒 李娜。');
    expect(s.calls.find((c) => c.operationName === 'RemindWorker')!.variables).toEqual({ matchId: 'm-1' });

    expect(screen.getAllByTestId('silent-row')[0].textContent).toContain('从未');
    const alert = await screen.findByTestId('overdue-alert-row');
    expect(alert.textContent).toContain('已上报站长');
    await waitFor(() => expect(alert.textContent).toContain('户主hh-9'));
    expect(screen.getByTestId('overdue-follow-up-row').textContent).toContain('21 天');
    expect(s.calls.find((c) => c.operationName === 'StalePairings')!.variables).toEqual({ days: 30, stationId: null, first: 100 });
    expect(s.calls.find((c) => c.operationName === 'OversightOverdue')!.variables).toEqual({ scope: null });
  });

  it('narrows to a station', async () => {
    signedInAs(STATION_USER);
    const s = server();
    renderApp('/oversight', s);
    await screen.findAllByTestId('stale-row');
    await waitFor(() => expect(screen.getByTestId('oversight-station').querySelectorAll('option')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('oversight-station'), { target: { value: 'st-1' } });
    await waitFor(() =>
      expect(s.calls.filter((c) => c.operationName === 'OversightOverdue').at(-1)!.variables).toEqual({ scope: { stationId: 'st-1' } }),
    );
    expect(s.calls.filter((c) => c.operationName === 'StalePairings').at(-1)!.variables.stationId).toBe('st-1');
  });
});
