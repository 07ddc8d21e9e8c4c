import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ME, plan, proposal, proposalsPage } from '../../test/caseload';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { APPROVE_PATIENCE_MS } from './PlanDecision';

type Handlers = Parameters<typeof fakeServer>[0];

function server(extra: Handlers, p = plan()) {
  return fakeServer({
    Me: ME,
    CaseloadPlan: () => ({ data: { caseloadPlan: p } }),
    CaseloadPlanProposals: () => ({ data: { caseloadPlan: { id: p.id, proposals: proposalsPage([proposal('NEW', 'p1')]) } } }),
    ...extra,
  });
}

const CHANGE = {
  code: 'WORKER_CHANGED_HANDS',
  householdId: 'hh-9',
  householdName: '张桂兰',
  workerId: 'w1',
  workerName: '王芳',
  params: [],
};

afterEach(() => {
  vi.useRealTimers();
});

describe('approval that survives a busy station', () => {
  it('offers to approve what still holds, then lists what was set aside by name', async () => {
    signedInAs(STATION_USER);
    const s = server({
      ApproveCaseloadPlan: (v) =>
        v.keepValid
          ? {
              data: {
                approveCaseloadPlan: {
                  __typename: 'ApproveCaseloadPlanSuccess',
                  activated: 11,
                  transferred: 2,
                  setAside: [CHANGE],
                  plan: { __typename: 'CaseloadPlan', id: 'plan-1', status: 'PARTIALLY_APPROVED', version: 4 },
                },
              },
            }
          : {
              data: {
                approveCaseloadPlan: {
                  __typename: 'StalePlan',
                  message: 'stale',
                  field: null,
                  code: 'STALE_PLAN',
                  changes: ['household hh-9 is now with w1'],
                  items: [CHANGE],
                },
              },
            },
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    fireEvent.click(screen.getByTestId('approve-all'));
    fireEvent.click(screen.getByTestId('approve-confirm'));
    await screen.findByTestId('stale-plan');
    fireEvent.click(screen.getByTestId('approve-valid'));
    const ok = await screen.findByTestId('approve-success');
    expect(ok.textContent).toContain('11 项配对生效');
    expect(within(screen.getByTestId('set-aside')).getByRole('listitem').textContent).toBe('张桂兰：责任社工已被人工调整');
    expect(screen.getByTestId('recompute')).toBeTruthy();
    const calls = s.calls.filter((c) => c.operationName === 'ApproveCaseloadPlan');
    expect(calls.map((c) => c.variables.keepValid)).toEqual([false, true]);
    expect(calls[0].variables.idempotencyKey).not.toBe(calls[1].variables.idempotencyKey);
  });

  it('says so when no answer comes in 10 s, and retries with the same key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    signedInAs(STATION_USER);
    let calls = 0;
    const base = server({
      ApproveCaseloadPlan: () => ({
        data: {
          approveCaseloadPlan: {
            __typename: 'ApproveCaseloadPlanSuccess',
            activated: 12,
            transferred: 3,
            setAside: [],
            plan: { __typename: 'CaseloadPlan', id: 'plan-1', status: 'APPROVED', version: 4 },
          },
        },
      }),
    });
    const keys: unknown[] = [];
    const slowFirst = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}')) as { operationName?: string; variables?: Record<string, unknown> };
      if (body.operationName === 'ApproveCaseloadPlan') {
        calls += 1;
        keys.push(body.variables?.idempotencyKey);
        if (calls === 1) return new Promise<Response>(() => {}); // the answer is lost
      }
      return base.fetch(input, init);
    }) as typeof globalThis.fetch;
    renderApp('/caseload/plans/plan-1', { ...base, fetch: slowFirst });
    await screen.findAllByTestId('proposal-row');
    fireEvent.click(screen.getByTestId('approve-all'));
    fireEvent.click(screen.getByTestId('approve-confirm'));
    await act(async () => {
      vi.advanceTimersByTime(APPROVE_PATIENCE_MS + 100);
    });
    const waiting = await screen.findByTestId('approve-no-answer');
    expect(waiting.textContent).toContain('10 秒内未收到服务器答复');
    fireEvent.click(screen.getByTestId('approve-retry'));
    await waitFor(() => expect(screen.getByTestId('approve-success')).toBeTruthy());
    expect(calls).toBe(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('marks a superseded plan and links to the newer one', async () => {
    signedInAs(STATION_USER);
    renderApp('/caseload/plans/plan-1', server({}, plan({ status: 'SUPERSEDED', supersededBy: 'plan-2' })));
    const notice = await screen.findByTestId('plan-superseded');
    expect(notice.textContent).toContain('已被更新的方案取代');
    expect(within(notice).getByRole('link').getAttribute('href')).toBe('/caseload/plans/plan-2');
    expect(screen.queryByTestId('approve-all')).toBeNull();
  });
});
