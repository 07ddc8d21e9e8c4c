import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { connection } from '../../test/followup';
import { subjectPath, type Notification } from './NotificationBell';

function note(id: string, over: Partial<Notification> = {}): Notification {
  return {
    id,
    kind: 'ALERT_REMINDER',
    message: `红色预警已超期，请尽快完成 / red warning ${id} is overdue`,
    subjectType: 'Alert',
    subjectId: `al-${id}`,
    createdAt: '2025-11-22T08:00:00+08:00',
    readAt: null,
    params: [],
    ...over,
  };
}

function server(initial: Notification[]) {
  let unread = [...initial];
  const s = fakeServer({
    Me: () => ({ data: { me: STATION_USER } }),
    Households: () => ({ data: { households: connection([]) } }),
    Regions: () => ({ data: { regions: [] } }),
    UnreadNotifications: () => ({ data: { notifications: connection(unread) } }),
    AllNotifications: () => ({
      data: { notifications: connection([...unread, note('old', { readAt: '2025-11-01T08:00:00+08:00', kind: 'VISIT_REMINDER' })]) },
    }),
    MarkNotificationRead: (vars) => {
      unread = unread.filter((n) => n.id !== vars.id);
      return {
        data: {
          markNotificationRead: {
            __typename: 'MarkNotificationReadSuccess',
            notification: { __typename: 'Notification', id: vars.id, readAt: '2025-11-22T09:00:00+08:00' },
          },
        },
      };
    },
  });
  return s;
}

describe('notification bell', () => {
  it('shows the unread count from the server', async () => {
    signedInAs(STATION_USER);
    const s = server([note('1'), note('2'), note('3')]);
    renderApp('/households', s);
    const bell = await screen.findByTestId('notification-bell');
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toBe('3'));
    expect(bell.getAttribute('aria-label')).toBe('通知：3 条未读');
    expect(s.calls.find((c) => c.operationName === 'UnreadNotifications')!.variables).toEqual({ first: 20 });
  });

  it('shows no count when nothing is unread', async () => {
    signedInAs(STATION_USER);
    renderApp('/households', server([]));
    const bell = await screen.findByTestId('notification-bell');
    await waitFor(() => expect(bell.dataset.count).toBe('0'));
    expect(screen.queryByTestId('notification-count')).toBeNull();
  });

  it('lists them in a panel, marks one read, and counts down', async () => {
    signedInAs(STATION_USER);
    const s = server([note('1'), note('2')]);
    renderApp('/households', s);
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toBe('2'));
    fireEvent.click(screen.getByTestId('notification-bell'));
    const panel = await screen.findByTestId('notification-panel');
    const items = within(panel).getAllByTestId('notification-item');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('预警催办');
    expect(items[0].textContent).toContain('红色预警已超期，请尽快完成');
    expect(within(items[0]).getByTestId('notification-open').getAttribute('href')).toBe('/open/alert/al-1');

    fireEvent.click(within(items[0]).getByTestId('notification-mark-read'));
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toBe('1'));
    expect(s.calls.filter((c) => c.operationName === 'MarkNotificationRead').map((c) => c.variables)).toEqual([{ id: '1' }]);

    fireEvent.click(screen.getByTestId('notification-mark-all'));
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    expect(within(screen.getByTestId('notification-panel')).getByTestId('notification-empty').textContent).toBe('没有未读通知。');

    fireEvent.click(screen.getByTestId('notification-show-read'));
    await waitFor(() => expect(within(screen.getByTestId('notification-panel')).getAllByTestId('notification-item')).toHaveLength(1));
  });

  it('closes with Escape', async () => {
    signedInAs(STATION_USER);
    renderApp('/households', server([note('1')]));
    fireEvent.click(await screen.findByTestId('notification-bell'));
    await screen.findByTestId('notification-panel');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('notification-panel')).toBeNull();
  });

  it('opens each kind of subject where it is seen', () => {
    expect(subjectPath({ subjectType: 'Match', subjectId: 'plan-1/hh-1' })).toBe('/open/match/plan-1%2Fhh-1');
    expect(subjectPath({ subjectType: 'Need', subjectId: 'n-1' })).toBe('/open/need/n-1');
    expect(subjectPath({ subjectType: 'Household', subjectId: 'hh-1' })).toBe('/households/hh-1');
    expect(subjectPath({ subjectType: 'Plan', subjectId: 'p-1' })).toBeNull();
    expect(subjectPath({ subjectType: 'Adoption', subjectId: 'a-1', kind: 'ADOPTION_CLAIMED' })).toBe('/market/ledger');
    expect(subjectPath({ subjectType: 'Adoption', subjectId: 'a-1', kind: 'ADOPTION_TRANSFER_OFFERED' })).toBe('/market');
  });
});
