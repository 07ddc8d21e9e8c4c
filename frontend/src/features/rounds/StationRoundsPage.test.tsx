import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';

const round = (id: string, workerId: string, lat: number) => ({
  __typename: 'Round',
  id,
  workerId,
  stationId: 'st-1',
  date: '2026-12-03',
  start: '08:30',
  end: '11:00',
  km: 4.5,
  travelMinutes: 40,
  warnings: [],
  version: 1,
  doneCount: 0,
  stops: [
    {
      __typename: 'RoundStop',
      position: 0,
      householdId: `hh-${id}`,
      kind: 'CARE_VISIT',
      arrival: '09:00',
      start: '09:00',
      departure: '09:30',
      travelMinutes: 30,
      km: 2.2,
      late: null,
      warnings: [],
      done: false,
      visitId: null,
      household: {
        __typename: 'Household',
        id: `hh-${id}`,
        location: { __typename: 'GeoPoint', lat, lon: 110.1 },
        identity: null,
        village: { __typename: 'Region', id: 'v-1', name: '青山村' },
      },
    },
  ],
  dropped: [],
});

describe('站点路线', () => {
  it('draws every worker’s round on one picture, one colour each, with the workers’ names', async () => {
    signedInAs(STATION_USER);
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      RoundsWho: () => ({ data: { me: { ...STATION_USER, scopeKind: 'STATION', scopeId: 'st-1' } } }),
      UnreadNotifications: () => ({ data: { notifications: { __typename: 'NotificationConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } }),
      StationRounds: () => ({
        data: {
          station: { __typename: 'Station', id: 'st-1', name: '城关镇社工站', location: { __typename: 'GeoPoint', lat: 29, lon: 110 } },
          socialWorkers: {
            __typename: 'SocialWorkerConnection',
            edges: [
              { __typename: 'SocialWorkerEdge', node: { __typename: 'SocialWorker', id: 'sw-1', name: '李娜', home: { __typename: 'GeoPoint', lat: 29.01, lon: 110 } } },
              { __typename: 'SocialWorkerEdge', node: { __typename: 'SocialWorker', id: 'sw-2', name: '王强', home: { __typename: 'GeoPoint', lat: 29.02, lon: 110 } } },
            ],
          },
          stationRounds: [round('r-1', 'sw-1', 29.1), round('r-2', 'sw-2', 29.2)],
        },
      }),
    });
    renderApp('/station-rounds', s);
    const picture = await screen.findByTestId('station-picture', {}, { timeout: 5000 });
    expect(within(picture).getAllByTestId('round-marker')).toHaveLength(2);
    const paths = picture.querySelectorAll('polyline');
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('style')).not.toBe(paths[1].getAttribute('style'));
    const legend = screen.getByTestId('station-legend');
    expect(legend.textContent).toContain('李娜');
    expect(legend.textContent).toContain('王强');
    expect(s.calls.find((c) => c.operationName === 'StationRounds')?.variables).toMatchObject({ stationId: 'st-1' });
    expect(screen.getByTestId('plan-week').textContent).toBe('规划本周路线');
  });

  it('is in the station manager’s menu, not the worker’s; the worker has 我的路线', async () => {
    signedInAs(WORKER_USER);
    renderApp('/households', fakeServer({ Me: () => ({ data: { me: WORKER_USER } }) }));
    expect(await screen.findByTestId('nav-my-round')).toBeTruthy();
    expect(screen.queryByTestId('nav-station-rounds')).toBeNull();
  });
});
