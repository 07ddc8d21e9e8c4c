import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../app/time';
import { STATION_USER, WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { WORKER_ME, WORKER_WHO, alertRow, connection, dayMatch } from '../../test/followup';
import { planDay, visitPath, type OverdueList } from './plan';

const NOW = new Date();
const day = (offset: number) => localDate(new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + offset));
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

// The server's overdue list for the worker: an orange alert 30 h late, a red one 2 h late,
// and two follow-ups, 3 and 10 days late.
const OVERDUE: OverdueList = {
  at: NOW.toISOString(),
  alerts: [
    { alertId: 'a-orange', householdId: 'hh-a-orange', level: 'ORANGE', dueAt: hoursFromNow(-30), hoursOverdue: 30, escalationStep: 2 },
    { alertId: 'a-red', householdId: 'hh-a-red', level: 'RED', dueAt: hoursFromNow(-2), hoursOverdue: 2, escalationStep: 1 },
  ],
  followUps: [
    { matchId: 'm-f3', householdId: 'hh-f3', followUpDue: day(-3), daysOverdue: 3, escalationStep: 0 },
    { matchId: 'm-f10', householdId: 'hh-f10', followUpDue: day(-10), daysOverdue: 10, escalationStep: 1 },
  ],
};

const ALERTS = [
  alertRow('a-red', 'RED', hoursFromNow(-2), { overdue: true }),
  alertRow('a-orange', 'ORANGE', hoursFromNow(-30), { overdue: true }),
  alertRow('a-yellow', 'YELLOW', hoursFromNow(60)),
  alertRow('a-blue', 'BLUE', hoursFromNow(200)),
];

const MATCHES = [
  dayMatch('f10', day(-10), { overdue: true }),
  dayMatch('f3', day(-3), { overdue: true }),
  dayMatch('a-red', day(20)), // the household of the red alert
  dayMatch('today', day(0)),
  dayMatch('in5', day(5)),
  dayMatch('in30', day(30)),
];

describe('planning the day', () => {
  it('puts the overdue first: alerts red first, then follow-ups longest overdue first', () => {
    const plan = planDay({ overdue: OVERDUE, matches: MATCHES, alerts: ALERTS, now: NOW, today: localDate(NOW) });
    expect(plan.overdue.map((t) => t.key)).toEqual(['alert:a-red', 'alert:a-orange', 'follow-up:m-f10', 'follow-up:m-f3']);
    expect(plan.overdue.every((t) => t.overdue)).toBe(true);
    expect(plan.overdue[1].escalationStep).toBe(2);
  });

  it('then what is due soon, soonest first; the rest of the worker’s households last', () => {
    const plan = planDay({ overdue: OVERDUE, matches: MATCHES, alerts: ALERTS, now: NOW, today: localDate(NOW) });
    expect(plan.soon.map((t) => t.key)).toEqual(['follow-up:m-today', 'alert:a-yellow', 'follow-up:m-in5', 'alert:a-blue']);
    // The red alert's household is listed once, under its alert.
    expect(plan.later.map((t) => t.key)).toEqual(['follow-up:m-in30']);
  });

  it('records an alert’s visit on the household’s match, as a verifying one', () => {
    const plan = planDay({ overdue: OVERDUE, matches: MATCHES, alerts: ALERTS, now: NOW, today: localDate(NOW) });
    expect(visitPath(plan.overdue[0])).toBe('/matches/m-a-red/visit?verify=1');
    expect(visitPath(plan.overdue[2])).toBe('/matches/m-f10/visit');
    // No match of this worker with the household: no visit to record here.
    expect(plan.overdue[1].matchId).toBeNull();
    expect(visitPath(plan.overdue[1])).toBeNull();
  });

  it('still counts as overdue what the lists mark overdue when the overdue list is missing', () => {
    const plan = planDay({ overdue: null, matches: MATCHES, alerts: ALERTS, now: NOW, today: localDate(NOW) });
    expect(plan.overdue.map((t) => t.key)).toEqual(['alert:a-red', 'alert:a-orange', 'follow-up:m-f10', 'follow-up:m-f3']);
  });
});

function server(extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    Me: WORKER_ME,
    MyDayWho: WORKER_WHO,
    MyDayOverdue: () => ({ data: { overdue: OVERDUE } }),
    MyDayMatches: () => ({ data: { matches: connection(MATCHES) } }),
    MyDayAlerts: () => ({ data: { alerts: connection(ALERTS) } }),
    UnreadNotifications: () => ({ data: { notifications: connection([]) } }),
    ...extra,
  });
}

describe('my day', () => {
  it('lists the overdue first, then the due soon, each with a big 记录走访', async () => {
    signedInAs(WORKER_USER);
    const s = server();
    renderApp('/my-day', s);
    const overdue = await screen.findByTestId('overdue-tasks');
    const tasks = within(overdue).getAllByTestId('task');
    expect(tasks.map((t) => t.dataset.household)).toEqual(['hh-a-red', 'hh-a-orange', 'hh-f10', 'hh-f3']);
    expect(tasks[0].textContent).toContain('红色预警：入户核实');
    expect(within(tasks[0]).getByTestId('due-badge').textContent).toMatch(/^逾期 2 小时$/);
    expect(within(tasks[1]).getByTestId('task-escalation').textContent).toBe('已上报站长');
    expect(within(tasks[2]).getByTestId('day-due').textContent).toBe('逾期 10 天');
    expect(within(tasks[0]).getByTestId('task-record-visit').getAttribute('href')).toBe('/matches/m-a-red/visit?verify=1');
    expect(within(tasks[1]).queryByTestId('task-record-visit')).toBeNull();

    const soon = within(screen.getByTestId('soon-tasks')).getAllByTestId('task');
    expect(soon.map((t) => t.dataset.household)).toEqual(['hh-today', 'hh-a-yellow', 'hh-in5', 'hh-a-blue']);
    expect(within(soon[0]).getByTestId('day-due').textContent).toBe('今天');
    expect(within(screen.getByTestId('later-tasks')).getAllByTestId('later-task')).toHaveLength(1);
    expect(screen.getByTestId('my-day-counts').textContent).toBe('逾期 4 项 · 近期 4 项');

    // The worker's own matches and alerts addressed to them.
    await waitFor(() => expect(s.calls.some((c) => c.operationName === 'MyDayMatches')).toBe(true));
    expect(s.calls.find((c) => c.operationName === 'MyDayMatches')!.variables).toEqual({
      first: 100,
      filter: { workerId: 'sw-1', status: 'ACTIVE' },
    });
    expect(s.calls.find((c) => c.operationName === 'MyDayAlerts')!.variables).toEqual({
      first: 100,
      filter: { status: 'OPEN', assignedToMe: true },
    });
  });

  it('says when nothing is overdue', async () => {
    signedInAs(WORKER_USER);
    renderApp(
      '/my-day',
      server({
        MyDayOverdue: () => ({ data: { overdue: { at: NOW.toISOString(), alerts: [], followUps: [] } } }),
        MyDayMatches: () => ({ data: { matches: connection([dayMatch('in5', day(5))]) } }),
        MyDayAlerts: () => ({ data: { alerts: connection([]) } }),
      }),
    );
    expect((await screen.findByTestId('my-day-no-overdue')).textContent).toBe('没有逾期事项，做得好！');
    expect(within(screen.getByTestId('soon-tasks')).getAllByTestId('task')).toHaveLength(1);
  });

  it('is the landing page of a social worker after login; others keep the households', async () => {
    const login = (user: typeof WORKER_USER) =>
      fakeServer({
        Login: () => ({ data: { login: { __typename: 'LoginSuccess', token: 't', user } } }),
        Me: () => ({ data: { me: user } }),
        MyDayWho: WORKER_WHO,
        MyDayOverdue: () => ({ data: { overdue: OVERDUE } }),
        MyDayMatches: () => ({ data: { matches: connection(MATCHES) } }),
        MyDayAlerts: () => ({ data: { alerts: connection(ALERTS) } }),
        Households: () => ({ data: { households: connection([]) } }),
        Regions: () => ({ data: { regions: [] } }),
      });
    for (const [user, page] of [
      [WORKER_USER, 'my-day-page'],
      [STATION_USER, 'households-page'],
    ] as const) {
      const view = renderApp('/login', login(user));
      fireEvent.change(screen.getByTestId('login-username'), { target: { value: user.username } });
      fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'bangfu-demo' } });
      fireEvent.click(screen.getByTestId('login-submit'));
      expect(await screen.findByTestId(page)).toBeTruthy();
      view.unmount();
      sessionStorage.clear();
    }
  });

  it('shows the worker’s entries in the navigation, a station manager’s others', async () => {
    signedInAs(WORKER_USER);
    const view = renderApp('/my-day', server());
    const nav = await screen.findByTestId('main-nav');
    expect(within(nav).getByTestId('nav-my-day').textContent).toBe('我的今日');
    expect(within(nav).getByTestId('nav-alerts')).toBeTruthy();
    expect(within(nav).queryByTestId('nav-oversight')).toBeNull();
    expect(within(nav).queryByTestId('nav-audit')).toBeNull();
    view.unmount();
    sessionStorage.clear();

    signedInAs(STATION_USER);
    renderApp('/my-day', server({ Me: () => ({ data: { me: STATION_USER } }) }));
    const nav2 = await screen.findByTestId('main-nav');
    expect(within(nav2).queryByTestId('nav-my-day')).toBeNull();
    expect(within(nav2).getByTestId('nav-oversight').textContent).toBe('跟进督导');
    expect(within(nav2).queryByTestId('nav-audit')).toBeNull();
    expect(await screen.findByTestId('my-day-not-worker')).toBeTruthy();
  });
});
