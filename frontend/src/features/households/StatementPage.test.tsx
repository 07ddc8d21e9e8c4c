import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';

describe('幸福清单', () => {
  it('lists the help received with totals, and prints', async () => {
    signedInAs(STATION_USER);
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      HouseholdStatement: () => ({
        data: {
          householdStatement: {
            householdId: 'hh-1',
            headName: '王秀英',
            generatedOn: '2025-11-22',
            since: '2025-01-10',
            transitionUntil: '2026-06-30',
            matches: [{ workerName: '李娜', stationName: '城关镇社工站', startedOn: '2025-01-10', endedOn: null, status: 'ACTIVE', outcome: null }],
            visits: [{ visitedOn: '2025-03-02', workerName: '李娜', place: '家中', outcome: 'STABLE' }],
            needsFulfilled: [
              { kind: 'MEDICAL', description: '降压药', costYuan: 300, fulfilledOn: '2025-03-10', fulfilledBy: '李娜', organisations: ['县慈善总会'] },
              { kind: 'HOUSING', description: '屋顶修缮', costYuan: 4200, fulfilledOn: '2025-05-01', fulfilledBy: null, organisations: [] },
            ],
            referrals: [],
            totals: { workers: 1, visits: 1, needsFulfilled: 2, valueYuan: 4500, referrals: 0 },
          },
          household: { id: 'hh-1', village: { id: 'v1', name: '石桥村' }, township: { id: 't1', name: '城关镇' } },
        },
      }),
    });
    const print = vi.spyOn(window, 'print').mockImplementation(() => {});
    renderApp('/households/hh-1/statement', s);
    expect((await screen.findByTestId('statement-head')).textContent).toBe('王秀英');
    expect(screen.getByTestId('total-value').textContent).toContain('¥4,500');
    const needs = screen.getByTestId('statement-needs');
    expect(within(needs).getAllByRole('row')).toHaveLength(4); // head, two needs, the total
    expect(needs.textContent).toContain('县慈善总会');
    expect(screen.getByTestId('statement-matches').textContent).toContain('至今');
    expect(screen.getByTestId('statement-referrals').textContent).toContain('无');
    expect(screen.getByTestId('statement-transition')).toBeTruthy();
    fireEvent.click(screen.getByTestId('statement-print'));
    expect(print).toHaveBeenCalledOnce();
    print.mockRestore();
  });
});
