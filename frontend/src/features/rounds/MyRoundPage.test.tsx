import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { WORKER_ME, WORKER_WHO } from '../../test/followup';
import type { RoundFieldsFragment } from '../../graphql/graphql';
import { planOutcome } from './MyRoundPage';
import { emergencyOptions } from './EmergencyPicker';
import { weekOutcome } from './StationRoundsPage';

const hh = (id: string, head: string, lat: number | null) => ({
  __typename: 'Household',
  id,
  location: lat === null ? null : { __typename: 'GeoPoint', lat, lon: 110 + lat / 10 },
  identity: { __typename: 'HouseholdIdentity', headName: head },
  village: { __typename: 'Region', id: `v-${id}`, name: '青山村' },
});

const stop = (position: number, household: ReturnType<typeof hh>, over: Partial<RoundFieldsFragment['stops'][number]> = {}) => ({
  __typename: 'RoundStop',
  position,
  householdId: household.id,
  kind: 'FOLLOW_UP',
  arrival: '09:10',
  start: '09:10',
  departure: '09:40',
  travelMinutes: 12,
  km: 1.4,
  late: null,
  warnings: [],
  done: false,
  visitId: null,
  windows: [],
  unavailableWeekdays: [],
  household,
  ...over,
});

const ROUND = {
  __typename: 'Round',
  id: 'round-1',
  workerId: 'sw-1',
  stationId: 'st-1',
  date: '2026-12-03',
  start: '08:30',
  end: '12:10',
  km: 6.2,
  travelMinutes: 74,
  warnings: [],
  version: 1,
  doneCount: 1,
  stops: [
    stop(0, hh('hh-1', '王秀英', 29.1), {
      kind: 'ALERT_VERIFICATION',
      late: 'DEADLINE_UNREACHABLE',
      arrival: '09:00',
      start: '09:30',
      windows: ['09:30-11:00', '14:00-17:00'],
      unavailableWeekdays: [3],
    }),
    stop(1, hh('hh-2', '张建国', 29.2), { done: true, visitId: 'v-1' }),
    stop(2, hh('hh-3', '刘桂兰', null), { warnings: ['NO_COORDINATES'] }),
  ],
  dropped: [{ __typename: 'DroppedRoundVisit', householdId: 'hh-9', kind: 'CARE_VISIT', reason: 'NO_TIME' }],
};

function server(plan: () => unknown, rounds: unknown[] = []) {
  return fakeServer({
    // The server's day is the round's: the page plans for the day the server says it is.
    Today: () => ({ data: { today: ROUND.date, timeZone: 'Asia/Shanghai' } }),
    Me: WORKER_ME,
    RoundsWho: WORKER_WHO,
    UnreadNotifications: () => ({ data: { notifications: { __typename: 'NotificationConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } }),
    MyRoundWorker: () => ({
      data: {
        socialWorker: {
          __typename: 'SocialWorker',
          id: 'sw-1',
          name: '李娜',
          home: { __typename: 'GeoPoint', lat: 29, lon: 110 },
          station: { __typename: 'Station', id: 'st-1', name: '城关镇社工站' },
        },
      },
    }),
    MyRounds: () => ({ data: { stationRounds: rounds } }),
    MyRoundMatches: () => ({
      data: {
        matches: {
          __typename: 'MatchConnection',
          edges: [
            { __typename: 'MatchEdge', node: { __typename: 'Match', id: 'plan-1/hh-1', household: { ...hh('hh-1', '王秀英', 29.1), warningLevel: 'ORANGE' } } },
            { __typename: 'MatchEdge', node: { __typename: 'Match', id: 'plan-1/hh-2', household: { ...hh('hh-2', '张建国', 29.2), warningLevel: 'NONE' } } },
            { __typename: 'MatchEdge', node: { __typename: 'Match', id: 'plan-1/hh-7', household: { ...hh('hh-7', '赵红梅', 29.4), warningLevel: 'RED' } } },
          ],
        },
      },
    }),
    RoundHousehold: (v) => ({ data: { household: { ...hh(String(v.id), '陈大山', 29.3), location: undefined } } }),
    PlanWorkerDay: plan,
  });
}

describe('我的路线', () => {
  it('plans the day and shows the picture, the stops in Chinese, the dropped visit with its reason', async () => {
    signedInAs(WORKER_USER);
    const s = server(() => ({ data: { planWorkerDay: { __typename: 'PlanWorkerDaySuccess', round: ROUND } } }));
    renderApp('/my-round', s);
    expect(await screen.findByTestId('round-none', {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(await screen.findByTestId('round-plan'));
    const picture = await screen.findByTestId('round-picture');
    // Two stops have coordinates: drawn, numbered 1 and 2; the third is listed, not drawn.
    const markers = within(picture).getAllByTestId('round-marker');
    expect(markers.map((m) => [m.textContent, m.getAttribute('data-state')])).toEqual([
      ['1', 'late'],
      ['2', 'done'],
    ]);
    expect(screen.getByText('第 3 站没有坐标，排在最后，未画在图上。')).toBeTruthy();
    const stops = screen.getAllByTestId('round-stop');
    expect(stops).toHaveLength(3);
    expect(within(stops[0]).getByText('王秀英 · 青山村')).toBeTruthy();
    expect(within(stops[0]).getByText('核实预警')).toBeTruthy();
    expect(within(stops[0]).getByText('赶不上期限，已尽早安排')).toBeTruthy();
    expect(within(stops[0]).getByText('等候至 09:30（该户可访时段）')).toBeTruthy();
    // 到访 opens the visit form of the worker's match, verifying the alert.
    expect(within(stops[0]).getByTestId('round-visit').getAttribute('href')).toBe('/matches/plan-1%2Fhh-1/visit?from=round&verify=1');
    // the household's availability, as its worker recorded it
    expect(within(stops[0]).getByTestId('round-availability').textContent).toBe('在家时段 09:30-11:00、14:00-17:00 · 周三不在家');
    expect(within(stops[1]).queryByTestId('round-availability')).toBeNull();
    // Done: no button. No match with the household: its page instead, and why.
    expect(within(stops[1]).queryByTestId('round-visit')).toBeNull();
    expect(within(stops[2]).getByTestId('round-visit').getAttribute('href')).toBe('/households/hh-3');
    expect(within(stops[2]).getByText('无坐标，排在最后')).toBeTruthy();
    const dropped = screen.getByTestId('round-dropped');
    await waitFor(() => expect(within(dropped).getByText('陈大山 · 青山村')).toBeTruthy());
    expect(within(dropped).getByText('当天时间不够')).toBeTruthy();
    expect(screen.getByTestId('round-summary').textContent).toContain('3 站 · 已访 1 站 · 共 6.2 公里 · 路上 74 分钟');
    // No code, no id on the page.
    const text = document.body.textContent ?? '';
    for (const raw of ['FOLLOW_UP', 'NO_TIME', 'DEADLINE', 'NO_COORDINATES', 'hh-', 'sw-1', 'round-1']) expect(text).not.toContain(raw);
    expect(s.calls.find((c) => c.operationName === 'PlanWorkerDay')?.variables).toMatchObject({ workerId: 'sw-1' });
  });

  it('shows a refusal in the language of the page', async () => {
    signedInAs(WORKER_USER);
    const s = server(() => ({
      data: {
        planWorkerDay: {
          __typename: 'InvalidInput',
          message: '社工没有住址或驻点坐标 / the worker has no home or station place',
          field: 'workerId',
          code: 'MISSING_START_LOCATION',
        },
      },
    }));
    renderApp('/my-round', s);
    await screen.findByTestId('round-none');
    fireEvent.click(screen.getByTestId('round-plan'));
    expect((await screen.findByTestId('round-problem')).textContent).toBe('未能规划路线：社工没有住址或驻点坐标');
  });

  it('says a refusal by its code in the page language, never the server’s English line', async () => {
    signedInAs(WORKER_USER);
    const s = server(() => ({
      data: {
        planWorkerDay: {
          __typename: 'NotFound',
          message: 'SocialWorker sw-1 was not found in your area',
          field: 'workerId',
          code: 'NOT_FOUND',
          params: [
            { name: 'entity', value: 'SocialWorker' },
            { name: 'id', value: 'sw-1' },
          ],
        },
      },
    }));
    renderApp('/my-round', s);
    await screen.findByTestId('round-none');
    fireEvent.click(screen.getByTestId('round-plan'));
    const problem = await screen.findByTestId('round-problem');
    expect(problem.textContent).toBe('未能规划路线：未找到该社工，或不在您的范围内');
    for (const english of ['not found', 'SocialWorker', 'sw-1', 'NOT_FOUND']) expect(document.body.textContent).not.toContain(english);
  });

  it('says why a re-plan is refused (a field problem, a conflict) in the page language', async () => {
    signedInAs(WORKER_USER);
    const s = server(() => ({ data: null }), [ROUND]);
    const refusals = [
      {
        __typename: 'InvalidInput',
        message: 'a past day is not re-planned',
        field: 'date',
        code: 'INVALID_INPUT',
        params: [],
        errors: [{ field: 'date', code: 'PAST_DAY', reason: 'a past day is not re-planned', params: [] }],
      },
      { __typename: 'Conflict', message: 'plan the day before re-planning it', field: 'date', code: 'NO_ROUND', params: [] },
    ];
    const withReplan = fakeServer({ ReplanWorkerDay: () => ({ data: { replanWorkerDay: refusals.shift() } }) });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(init?.body ?? '').includes('ReplanWorkerDay') ? withReplan.fetch(input, init) : s.fetch(input, init)) as typeof globalThis.fetch;
    renderApp('/my-round', { ...s, fetch });
    fireEvent.click(await screen.findByTestId('round-replan-button'));
    const replan = screen.getByTestId('round-replan');
    expect((await within(replan).findByRole('alert')).textContent).toBe('过去的日子不再重排');
    fireEvent.click(screen.getByTestId('round-replan-button'));
    await waitFor(() => expect(within(replan).getByRole('alert').textContent).toBe('这一天还没有路线，请先规划'));
    expect(document.body.textContent).not.toMatch(/re-plan|PAST_DAY|NO_ROUND/);
  });

  it('shows the stored round of the day without planning', async () => {
    signedInAs(WORKER_USER);
    renderApp('/my-round', server(() => ({ data: null }), [ROUND, { ...ROUND, id: 'round-2', workerId: 'sw-other' }]));
    expect(await screen.findByTestId('round-picture')).toBeTruthy();
    expect(screen.getAllByTestId('round-stop')).toHaveLength(3);
  });

  it('re-plans from now and says what changed, by name', async () => {
    signedInAs(WORKER_USER);
    const calls: unknown[] = [];
    const s = server(() => ({ data: null }), [ROUND]);
    const withReplan = fakeServer({
      ReplanWorkerDay: (v) => {
        calls.push(v);
        return {
          data: {
            replanWorkerDay: {
              __typename: 'ReplanWorkerDaySuccess',
              round: { ...ROUND, version: 2, stops: [ROUND.stops[1], { ...ROUND.stops[0], position: 1 }, { ...ROUND.stops[2], position: 2 }] },
              change: {
                added: [],
                removed: [],
                unchanged: 1,
                moved: [{ householdId: 'hh-1', oldPosition: 0, newPosition: 1 }],
                retimed: [{ householdId: 'hh-3', oldStart: '10:00', newStart: '10:30' }],
              },
            },
          },
        };
      },
    });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(init?.body ?? '').includes('ReplanWorkerDay') ? withReplan.fetch(input, init) : s.fetch(input, init)) as typeof globalThis.fetch;
    renderApp('/my-round', { ...s, fetch });
    fireEvent.click(await screen.findByTestId('round-replan-button'));
    const change = await screen.findByTestId('round-change');
    expect(change.textContent).toContain('顺序调整：王秀英');
    expect(change.textContent).toContain('1 站的到达时间有变化');
    expect(change.textContent).not.toMatch(/hh-/);
    expect(calls).toEqual([{ workerId: 'sw-1', date: '2026-12-03' }]);
  });

  it('inserts a household picked as an emergency, red first, and says what changed, by name', async () => {
    signedInAs(WORKER_USER);
    const calls: unknown[] = [];
    const s = server(() => ({ data: null }), [ROUND]);
    const red = stop(3, hh('hh-7', '赵红梅', 29.4), { kind: 'EMERGENCY' });
    const withReplan = fakeServer({
      ReplanWorkerDay: (v) => {
        calls.push(v);
        return {
          data: {
            replanWorkerDay: {
              __typename: 'ReplanWorkerDaySuccess',
              round: { ...ROUND, version: 2, stops: [ROUND.stops[1], { ...red, position: 1 }, { ...ROUND.stops[0], position: 2 }, { ...ROUND.stops[2], position: 3 }] },
              change: {
                added: ['hh-7'],
                removed: [],
                unchanged: 1,
                moved: [{ householdId: 'hh-1', oldPosition: 0, newPosition: 2 }],
                retimed: [],
              },
            },
          },
        };
      },
    });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(init?.body ?? '').includes('ReplanWorkerDay') ? withReplan.fetch(input, init) : s.fetch(input, init)) as typeof globalThis.fetch;
    renderApp('/my-round', { ...s, fetch });
    const picker = await screen.findByTestId('round-emergency');
    const select = within(picker).getByTestId('round-emergency-select') as HTMLSelectElement;
    // 张建国 was visited today: not offered. The red household comes first, named, no id.
    await waitFor(() => expect(select.options).toHaveLength(3));
    expect([...select.options].map((o) => o.textContent)).toEqual(['选择一户…', '赵红梅 · 青山村（红色预警）', '王秀英 · 青山村（橙色预警）']);
    expect((within(picker).getByTestId('round-emergency-insert') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(select, { target: { value: select.options[1].value } });
    fireEvent.click(within(picker).getByTestId('round-emergency-insert'));
    const change = await screen.findByTestId('round-change');
    expect(screen.getByTestId('round-emergency-outcome').textContent).toBe('已作为紧急走访插入：赵红梅 · 青山村');
    expect(change.textContent).toContain('新增：赵红梅 · 青山村');
    expect(change.textContent).toContain('顺序调整：王秀英 · 青山村');
    expect(calls).toEqual([{ workerId: 'sw-1', date: '2026-12-03', emergencyHouseholdIds: ['hh-7'] }]);
    await waitFor(() => expect(screen.getAllByTestId('round-stop')).toHaveLength(4));
    expect(within(screen.getAllByTestId('round-stop')[1]).getByText('赵红梅 · 青山村')).toBeTruthy();
    // No id in the words nor in the picker's options (links may carry one in their address).
    expect(select.innerHTML).not.toMatch(/hh-/);
    expect(document.body.textContent).not.toMatch(/hh-|EMERGENCY|RED\b/);
  });

  it('says so when the emergency does not fit today, never “inserted”', async () => {
    signedInAs(WORKER_USER);
    const s = server(() => ({ data: null }), [ROUND]);
    const withReplan = fakeServer({
      ReplanWorkerDay: () => ({
        data: {
          replanWorkerDay: {
            __typename: 'ReplanWorkerDaySuccess',
            round: {
              ...ROUND,
              version: 2,
              stops: [ROUND.stops[1]],
              dropped: [{ __typename: 'DroppedRoundVisit', householdId: 'hh-7', kind: 'EMERGENCY', reason: 'NO_TIME' }],
            },
            change: { added: [], removed: ['hh-1', 'hh-3'], unchanged: 1, moved: [], retimed: [] },
          },
        },
      }),
    });
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(init?.body ?? '').includes('ReplanWorkerDay') ? withReplan.fetch(input, init) : s.fetch(input, init)) as typeof globalThis.fetch;
    renderApp('/my-round', { ...s, fetch });
    const select = (await screen.findByTestId('round-emergency-select')) as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(3));
    fireEvent.change(select, { target: { value: select.options[1].value } });
    fireEvent.click(screen.getByTestId('round-emergency-insert'));
    const outcome = await screen.findByTestId('round-emergency-outcome');
    expect(outcome.textContent).toBe('赵红梅 · 青山村 今天已排不进，原因见“今日排不进的走访”。');
  });

  it('tells a station manager the rounds are the workers’', async () => {
    signedInAs(STATION_USER);
    renderApp('/my-round', fakeServer({ Me: () => ({ data: { me: STATION_USER } }) }));
    expect(await screen.findByText('站点路线 ›')).toBeTruthy();
  });
});

describe('emergencyOptions', () => {
  it('puts red first, then by level and name; leaves out those done today and repeats', () => {
    const c = (householdId: string, headName: string | null, warningLevel: 'RED' | 'ORANGE' | 'NONE') => ({ householdId, headName, villageName: null, warningLevel });
    const got = emergencyOptions([c('a', '乙', 'NONE'), c('b', '甲', 'ORANGE'), c('c', '丙', 'RED'), c('d', '丁', 'RED'), c('c', '丙', 'RED'), c('e', null, 'NONE')], new Set(['d']));
    expect(got.map((x) => x.householdId)).toEqual(['c', 'b', 'e', 'a']);
  });
});

describe('the result unions', () => {
  it('maps every member of PlanWorkerDayResult', () => {
    expect(planOutcome({ __typename: 'PlanWorkerDaySuccess', round: ROUND as RoundFieldsFragment }, 'zh-CN')).toEqual({ round: ROUND });
    expect(planOutcome({ __typename: 'NotFound', message: '未找到 / not found', field: 'workerId', code: 'NOT_FOUND', params: [] }, 'en')).toEqual({ problem: 'not found' });
    expect(planOutcome({ __typename: 'InvalidInput', message: '日期 / date', field: 'date', code: 'BAD_DATE', params: [], errors: [] }, 'zh-CN')).toEqual({ problem: '日期' });
  });

  it('translates a refusal by its code and parameters, in either language', () => {
    const missing = {
      __typename: 'InvalidInput' as const,
      message: 'workerId: the worker has no home or station place',
      field: 'workerId',
      code: 'INVALID_INPUT',
      params: [],
      errors: [{ field: 'workerId', code: 'MISSING_START_LOCATION', reason: 'the worker has no home or station place', params: [] }],
    };
    expect(planOutcome(missing, 'zh-CN')).toEqual({ problem: '社工没有住址或驻点坐标' });
    expect(planOutcome(missing, 'en')).toEqual({ problem: 'the worker has no home or station location' });
    const station = { __typename: 'NotFound' as const, message: 'Station st-9 was not found in your area', field: 'stationId', code: 'NOT_FOUND', params: [{ name: 'entity', value: 'Station' }] };
    expect(weekOutcome(station, 'zh-CN')).toEqual({ problem: '未找到该社工站，或不在您的范围内' });
    expect(weekOutcome(station, 'en')).toEqual({ problem: 'Station not found, or outside your area' });
  });

  it('maps every member of RequestStationWeekRoundsResult', () => {
    expect(weekOutcome({ __typename: 'RequestStationWeekRoundsSuccess', job: { id: 'job-1' } }, 'zh-CN')).toEqual({ jobId: 'job-1' });
    expect(weekOutcome({ __typename: 'InvalidInput', message: '须为周一 / not a Monday', field: 'weekStart', code: 'NOT_MONDAY', params: [], errors: [] }, 'zh-CN')).toEqual({ problem: '须为周一' });
    expect(weekOutcome({ __typename: 'NotFound', message: 'x', field: null, code: 'NOT_FOUND', params: [] }, 'zh-CN')).toEqual({ problem: 'x' });
  });
});
