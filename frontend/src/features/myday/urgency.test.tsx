import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../app/time';
import { WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { WORKER_ME, WORKER_WHO, connection, dayMatch } from '../../test/followup';
import { planDay } from './plan';

const NOW = new Date();
const day = (offset: number) => localDate(new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + offset));
const withLevel = (id: string, due: string, level: 'RED' | 'YELLOW' | 'NONE', overdue = false) => {
  const m = dayMatch(id, due, { overdue });
  return { ...m, household: { ...m.household!, warningLevel: level, village: { id: `v-${id}`, name: `村${id}` } } };
};

describe('urgency first', () => {
  it('puts a red household’s overdue follow-up before a longer overdue quiet one', () => {
    const matches = [withLevel('quiet', day(-9), 'NONE', true), withLevel('red', day(-1), 'RED', true)];
    const plan = planDay({ overdue: null, matches, alerts: [], now: NOW, today: localDate(NOW) });
    expect(plan.overdue.map((t) => t.householdId)).toEqual(['hh-red', 'hh-quiet']);
  });

  it('orders the other households by deadline, then warning, never by village', () => {
    const matches = [
      withLevel('a-late', day(40), 'NONE'),
      withLevel('b-red', day(30), 'RED'),
      withLevel('c-quiet', day(30), 'NONE'),
    ];
    const plan = planDay({ overdue: null, matches, alerts: [], now: NOW, today: localDate(NOW) });
    expect(plan.later.map((t) => t.householdId)).toEqual(['hh-b-red', 'hh-c-quiet', 'hh-a-late']);
  });

  it('is not capped at a page: the next page of households comes when asked', async () => {
    signedInAs(WORKER_USER);
    const pages: unknown[] = [];
    const s = fakeServer({
      Me: WORKER_ME,
      MyDayWho: WORKER_WHO,
      MyDayOverdue: () => ({ data: { overdue: { at: NOW.toISOString(), alerts: [], followUps: [] } } }),
      MyDayAlerts: () => ({ data: { alerts: connection([]) } }),
      MyDayMatches: (v) => {
        pages.push(v.after ?? null);
        return v.after
          ? { data: { matches: connection([dayMatch('p2', day(60))]) } }
          : {
              data: {
                matches: {
                  ...connection([dayMatch('p1', day(50))]),
                  pageInfo: { hasNextPage: true, endCursor: 'c-100' },
                },
              },
            };
      },
    });
    renderApp('/my-day', s);
    const more = await screen.findByTestId('my-day-more');
    expect(within(screen.getByTestId('later-tasks')).getAllByTestId('later-task')).toHaveLength(1);
    fireEvent.click(more);
    await waitFor(() => expect(within(screen.getByTestId('later-tasks')).getAllByTestId('later-task')).toHaveLength(2));
    expect(pages).toEqual([null, 'c-100']);
    expect(screen.queryByTestId('my-day-more')).toBeNull();
  });
});
