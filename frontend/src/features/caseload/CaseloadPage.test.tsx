import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION, boardWorker, plan, proposalsPage } from '../../test/caseload';
import {
  CHARITY_USER,
  COORDINATOR_USER,
  STATION_USER,
  WORKER_USER,
  fakeServer,
  renderApp,
  signedInAs,
} from '../../test/render';
import type { User } from '../../app/roles';

type Handlers = Parameters<typeof fakeServer>[0];

function server(extra: Handlers = {}, me: User = STATION_USER, stations = [STATION]) {
  return fakeServer({
    Me: () => ({ data: { me } }),
    CaseloadStations: () => ({ data: { stations: { edges: stations.map((node) => ({ node })) } } }),
    CaseloadBoard: () => ({
      data: {
        socialWorkers: {
          totalCount: 3,
          edges: [
            { node: boardWorker('w1', { currentLoad: 8, caseloadLimit: 20 }) },
            { node: boardWorker('w2', { currentLoad: 18, caseloadLimit: 20 }) },
            { node: boardWorker('w3', { currentLoad: 24, caseloadLimit: 20 }) },
          ],
        },
      },
    }),
    UnassignedCount: () => ({ data: { households: { totalCount: 37 } } }),
    CaseloadPlans: () => ({
      data: {
        caseloadPlans: {
          totalCount: 1,
          edges: [
            {
              cursor: 'c1',
              node: {
                id: 'plan-0',
                scopeKind: 'STATION',
                scopeName: STATION.name,
                status: 'APPROVED',
                version: 2,
                isWhatIf: false,
                createdAt: '2025-11-19T09:00:00Z',
                createdBy: 'station',
                summary: { households: 120, assigned: 110, moves: 4 },
              },
            },
          ],
        },
      },
    }),
    ...extra,
  });
}

describe('caseload board', () => {
  it('shows each worker with a coloured load bar, the unassigned count and the recent plans', async () => {
    signedInAs(STATION_USER);
    const s = server();
    renderApp('/caseload', s);
    const cards = await screen.findAllByTestId('worker-card');
    expect(cards.map((c) => c.dataset.state)).toEqual(['ok', 'high', 'over']);
    expect(within(cards[2]).getByTestId('load-bar').textContent).toBe('24 / 20');
    await waitFor(() => expect(screen.getByTestId('unassigned-count').dataset.count).toBe('37'));
    expect(screen.getByTestId('unassigned-count').getAttribute('href')).toBe('/households?township=t1&noWorker=1');
    expect(screen.getByTestId('over-count').textContent).toBe('1 名社工超出上限');
    const unassigned = s.calls.find((c) => c.operationName === 'UnassignedCount')!;
    expect(unassigned.variables).toEqual({ filter: { hasNoWorker: true, regionId: 't1' } });
    const board = s.calls.find((c) => c.operationName === 'CaseloadBoard')!;
    expect(board.variables).toEqual({ first: 100, filter: { stationId: 'st-1' } });
    const item = await screen.findByTestId('plan-item');
    expect(within(item).getByTestId('plan-status').textContent).toBe('已批准');
    expect(screen.getByTestId('nav-caseload').textContent).toBe('个案负荷');
  });

  it('requests a station plan, shows the job progress, then opens the plan', async () => {
    signedInAs(STATION_USER);
    let polls = 0;
    const s = server({
      RequestCaseloadPlan: () => ({
        data: {
          requestCaseloadPlan: {
            __typename: 'RequestCaseloadPlanSuccess',
            plan: { __typename: 'CaseloadPlan', id: 'plan-1', status: 'COMPUTING', isWhatIf: false },
            job: { __typename: 'Job', id: 'job-1', status: 'QUEUED', progress: 0, message: '' },
          },
        },
      }),
      JobProgress: () => {
        polls += 1;
        return {
          data: {
            job:
              polls < 2
                ? { id: 'job-1', status: 'RUNNING', progress: 0.5, message: '求解中 / solving', error: null, result: null }
                : { id: 'job-1', status: 'SUCCEEDED', progress: 1, message: '完成', error: null, result: null },
          },
        };
      },
      CaseloadPlan: () => ({ data: { caseloadPlan: plan() } }),
      CaseloadPlanProposals: () => ({ data: { caseloadPlan: { id: 'plan-1', proposals: proposalsPage([]) } } }),
    });
    renderApp('/caseload', s);
    await screen.findAllByTestId('worker-card');
    // the station asks for even loads, whatever the travel; the choice reads as words
    const choice = screen.getByTestId('plan-balance-choice') as HTMLSelectElement;
    expect([...choice.options].map((o) => o.textContent)).toEqual([
      '路程优先（最多多走 2%）',
      '兼顾（最多多走 10%）',
      '负荷均衡优先（不限路程）',
    ]);
    fireEvent.change(choice, { target: { value: 'EVEN_LOADS' } });
    fireEvent.click(screen.getByTestId('new-plan'));
    const progress = await screen.findByTestId('job-progress');
    await waitFor(() => expect(progress.dataset.status).toBe('RUNNING'));
    expect(screen.getByTestId('job-message').textContent).toBe('求解中'); // the server's "中文 / English": the half of the page's language
    expect(progress.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('50');
    await screen.findByTestId('plan-header', {}, { timeout: 4000 });
    const request = s.calls.find((c) => c.operationName === 'RequestCaseloadPlan')!;
    expect(request.variables).toEqual({ input: { scopeKind: 'STATION', scopeId: 'st-1', balance: 'EVEN_LOADS' } });
    expect(screen.getByTestId('plan-balance').textContent).toBe('路程优先（最多多走 2%）');
    expect(polls).toBeGreaterThanOrEqual(2);
  });

  it('requests a what-if plan with extra workers, a cap factor and workers on leave', async () => {
    signedInAs(STATION_USER);
    const s = server({
      RequestCaseloadPlan: () => ({
        data: {
          requestCaseloadPlan: { __typename: 'InvalidInput', message: 'bad', field: 'whatIf', code: 'INVALID', errors: [{ field: 'capFactor', reason: 'must be between 0.1 and 3', code: 'OUT_OF_RANGE' }] },
        },
      }),
    });
    renderApp('/caseload', s);
    await screen.findAllByTestId('worker-card');
    fireEvent.click(screen.getByTestId('whatif-open'));
    fireEvent.change(screen.getByTestId('whatif-cap'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('whatif-submit'));
    expect(screen.getByTestId('whatif-error').textContent).toBe('系数须在 0.1 到 3 之间。');
    fireEvent.change(screen.getByTestId('whatif-extra'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('whatif-cap'), { target: { value: '0.9' } });
    fireEvent.click(screen.getAllByTestId('whatif-leave')[2]);
    fireEvent.click(screen.getByTestId('whatif-submit'));
    await screen.findByTestId('plan-request-error');
    expect(screen.getByTestId('plan-request-error').textContent).toBe('未能生成方案：数值超出允许范围');
    const request = s.calls.find((c) => c.operationName === 'RequestCaseloadPlan')!;
    expect(request.variables).toEqual({
      input: {
        scopeKind: 'STATION',
        scopeId: 'st-1',
        balance: 'TRAVEL_FIRST',
        whatIf: { extraWorkers: [{ stationId: 'st-1', count: 2 }], capFactor: 0.9, workersOnLeave: ['w3'] },
      },
    });
  });

  it('lets a coordinator choose the station', async () => {
    signedInAs(COORDINATOR_USER);
    const other = { id: 'st-2', name: '河口镇社工站', township: { id: 't2', name: '河口镇' } };
    const s = server({}, COORDINATOR_USER, [STATION, other]);
    renderApp('/caseload', s);
    await screen.findAllByTestId('worker-card');
    fireEvent.change(screen.getByTestId('station-select'), { target: { value: 'st-2' } });
    await waitFor(() =>
      expect(
        s.calls.some((c) => c.operationName === 'CaseloadBoard' && (c.variables.filter as { stationId: string }).stationId === 'st-2'),
      ).toBe(true),
    );
    expect(s.calls.some((c) => c.operationName === 'CaseloadPlans' && c.variables.scopeId === 'st-2')).toBe(true);
  });

  it('is read-only for a social worker', async () => {
    signedInAs(WORKER_USER);
    renderApp('/caseload', server({}, WORKER_USER));
    await screen.findAllByTestId('worker-card');
    expect(screen.queryByTestId('new-plan')).toBeNull();
    expect(screen.queryByTestId('whatif-open')).toBeNull();
    expect(screen.getByTestId('caseload-read-only')).toBeTruthy();
  });

  it('is not offered to a charity', async () => {
    signedInAs(CHARITY_USER);
    renderApp('/caseload', fakeServer({ Me: () => ({ data: { me: CHARITY_USER } }) }));
    expect(await screen.findByTestId('caseload-forbidden')).toBeTruthy();
    expect(screen.queryByTestId('nav-caseload')).toBeNull();
  });
});
