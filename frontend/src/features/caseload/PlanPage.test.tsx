import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ME, plan, proposal, proposalsPage } from '../../test/caseload';
import { STATION_USER, WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import type { CaseloadPlan, Proposal, ProposalKind } from './types';

type Handlers = Parameters<typeof fakeServer>[0];

const BY_KIND: Record<ProposalKind, Proposal[]> = {
  NEW: [proposal('NEW', 'p1'), proposal('NEW', 'p2', { household: { id: 'hh-p2', identity: null, village: { id: 'v2', name: '河口村' } } })],
  MOVED: [proposal('MOVED', 'p3')],
  UNCHANGED: [proposal('UNCHANGED', 'p4')],
  LEFT_OUT: [proposal('LEFT_OUT', 'p5')],
};

function server(p: CaseloadPlan, extra: Handlers = {}, me = ME) {
  return fakeServer({
    Me: me,
    CaseloadPlan: () => ({ data: { caseloadPlan: p } }),
    CaseloadPlanProposals: (v) => ({
      data: { caseloadPlan: { id: p.id, proposals: proposalsPage(BY_KIND[v.kind as ProposalKind] ?? []) } },
    }),
    ...extra,
  });
}

describe('plan review', () => {
  it('shows the header, today vs the plan, and the loads before and after', async () => {
    signedInAs(STATION_USER);
    renderApp('/caseload/plans/plan-1', server(plan()));
    const header = await screen.findByTestId('plan-header');
    expect(header.textContent).toContain('帮扶配对方案 · 社工站 城关镇社工站');
    expect(within(header).getByTestId('plan-status').textContent).toBe('待审批');
    expect(screen.getByTestId('plan-gap').textContent).toBe('0.12%');
    expect(screen.getByTestId('plan-solver').textContent).toContain('flow');
    expect(screen.getByTestId('plan-restricted')).toBeTruthy();
    expect(screen.getByTestId('plan-notes').textContent).toContain('1 worker has limit 0');

    const covered = screen.getByTestId('compare-covered');
    expect(within(covered).getByTestId('compare-today').textContent).toBe('103 / 120 户');
    expect(within(covered).getByTestId('compare-plan').textContent).toBe('115 / 120 户');
    expect(covered.textContent).toContain('+12');
    const travel = screen.getByTestId('compare-travel');
    expect(travel.querySelector('.delta')!.className).toContain('delta-good'); // less travel
    expect(travel.textContent).toContain('−44.8 km');

    const loads = screen.getAllByTestId('worker-load');
    expect(loads).toHaveLength(2);
    // Sorted by the load after the plan, fullest first.
    expect(loads[0].dataset.worker).toBe('w1');
    expect(within(loads[1]).getByTestId('load-pair').dataset.before).toBe('over');
    // The load unit, and the spread the balance stage left with what it cost.
    expect(screen.getByTestId('load-unit').textContent).toContain('个案单位');
    expect(screen.getByTestId('load-spread').textContent).toBe(
      '方案后负荷占上限：最高 95%，最低 60%，离散度（标准差）12.0 个百分点；均衡负荷使路程增加 1.8%。',
    );
  });

  it('has tabs with totals; each tab asks for its kind and shows its rows', async () => {
    signedInAs(STATION_USER);
    const s = server(plan());
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    expect(screen.getByTestId('tab-count-NEW').textContent).toBe('12');
    expect(screen.getByTestId('tab-count-MOVED').textContent).toBe('3');
    expect(screen.getByTestId('tab-count-UNCHANGED').textContent).toBe('100');
    expect(screen.getByTestId('tab-count-LEFT_OUT').textContent).toBe('5');
    expect(screen.getByTestId('tab-NEW').getAttribute('aria-selected')).toBe('true');

    let rows = screen.getAllByTestId('proposal-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('户主p1')).toBeTruthy();
    expect(within(rows[1]).getByText('帮扶对象（姓名不公开）')).toBeTruthy(); // identity hidden: never the id
    expect(within(rows[0]).getByTestId('reason-chips').textContent).toBe('半径内最近专长匹配');

    fireEvent.click(screen.getByTestId('tab-MOVED'));
    await waitFor(() => expect(screen.getAllByTestId('proposal-row')[0].dataset.kind).toBe('MOVED'));
    expect(s.calls.some((c) => c.operationName === 'CaseloadPlanProposals' && c.variables.kind === 'MOVED')).toBe(true);
    rows = screen.getAllByTestId('proposal-row');
    expect(within(rows[0]).getByTestId('move').textContent).toBe('赵强→王芳');

    fireEvent.click(screen.getByTestId('tab-LEFT_OUT'));
    await waitFor(() => expect(screen.getAllByTestId('proposal-row')[0].dataset.kind).toBe('LEFT_OUT'));
    expect(screen.queryByTestId('proposal-select')).toBeNull(); // nothing to approve there
    fireEvent.click(screen.getAllByTestId('proposal-row')[0]);
    const panel = screen.getByTestId('proposal-explanation');
    expect(within(panel).getByTestId('explain-left-out').textContent).toBe('服务半径内没有社工');
    expect(panel.textContent).toContain('最近的社工：赵六（14.2');
    expect(panel.textContent).not.toMatch(/\bw3\b/); // names, never ids
    expect(within(panel).getByTestId('explain-what-would-change').textContent).toContain('扩大 赵六 的服务半径');
  });

  it('pages with cursors and starts another tab at its first page', async () => {
    signedInAs(STATION_USER);
    const s = fakeServer({
      Me: ME,
      CaseloadPlan: () => ({ data: { caseloadPlan: plan() } }),
      CaseloadPlanProposals: (v) => ({
        data: {
          caseloadPlan: {
            id: 'plan-1',
            proposals: { ...proposalsPage([proposal(v.kind as ProposalKind, `${v.kind}-${v.after ?? 0}`)], 60), pageInfo: { hasNextPage: true, endCursor: `${v.kind}-next` } },
          },
        },
      }),
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    fireEvent.click(screen.getByTestId('pager-next'));
    await waitFor(() => expect(s.calls.some((c) => c.operationName === 'CaseloadPlanProposals' && c.variables.after === 'NEW-next')).toBe(true));
    fireEvent.click(screen.getByTestId('tab-MOVED'));
    await waitFor(() => expect(s.calls.some((c) => c.operationName === 'CaseloadPlanProposals' && c.variables.kind === 'MOVED')).toBe(true));
    const moved = s.calls.filter((c) => c.operationName === 'CaseloadPlanProposals' && c.variables.kind === 'MOVED');
    expect(moved.every((c) => c.variables.after === null)).toBe(true);
    expect(moved[0].variables.first).toBe(50);
  });

  it('explains a pairing on hover: reasons, next-best worker and its extra distance', async () => {
    signedInAs(STATION_USER);
    renderApp('/caseload/plans/plan-1', server(plan()));
    const rows = await screen.findAllByTestId('proposal-row');
    expect(screen.getByTestId('proposal-explanation').textContent).toContain('点击或悬停一行');
    fireEvent.mouseEnter(rows[0]);
    const panel = screen.getByTestId('proposal-explanation');
    expect(panel.dataset.proposal).toBe('p1');
    expect(panel.textContent).toContain('由 王芳 负责，距离 2.4 公里');
    expect(within(panel).getByTestId('explain-reasons').textContent).toContain('在能接手此户的社工中距离最近。');
    expect(within(panel).getByTestId('explain-next-best').textContent).toBe('赵强，路程多 1.3 公里');
  });

  it('shows what changed when the approval is refused as stale, and nothing as approved', async () => {
    signedInAs(STATION_USER);
    const s = server(plan(), {
      ApproveCaseloadPlan: () => ({
        data: {
          approveCaseloadPlan: {
            __typename: 'StalePlan',
            message: 'the plan is stale',
            field: null,
            code: 'STALE_PLAN',
            changes: ['household hh-1 changed', 'worker w2 is on leave'],
            items: [
              { code: 'HOUSEHOLD_CHANGED', householdId: 'hh-1', householdName: '王秀英', workerId: 'w1', workerName: '王芳', params: [{ name: 'planned', value: '2' }, { name: 'current', value: '3' }] },
              { code: 'WORKER_ON_LEAVE', householdId: 'hh-2', householdName: '李建国', workerId: 'w2', workerName: '赵强', params: [] },
            ],
          },
        },
      }),
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    fireEvent.click(screen.getByTestId('approve-all'));
    expect(screen.getByTestId('approve-confirm-panel').textContent).toContain('新增 12 户，调整 3 户');
    fireEvent.click(screen.getByTestId('approve-confirm'));
    const stale = await screen.findByTestId('stale-plan');
    expect(stale.textContent).toContain('方案已过期，未批准任何配对');
    const items = within(screen.getByTestId('stale-changes')).getAllByRole('listitem');
    // by name, never by id
    expect(items.map((li) => li.textContent)).toEqual([
      '王秀英：家庭档案在方案生成后有改动',
      '李建国：社工 赵强 正在休假',
    ]);
    expect(stale.textContent).not.toMatch(/hh-|w1|w2/);
    expect(screen.queryByTestId('approve-success')).toBeNull();
    expect(screen.getByTestId('recompute')).toBeTruthy();
    const call = s.calls.find((c) => c.operationName === 'ApproveCaseloadPlan')!;
    expect(call.variables).toMatchObject({ planId: 'plan-1', expectedVersion: 3, householdIds: null, keepValid: false });
    expect(String(call.variables.idempotencyKey)).toMatch(/^plan-1:/);
  });

  it('approves the selected households and shows the counts', async () => {
    signedInAs(STATION_USER);
    let decided = false;
    const s = server(plan(), {
      CaseloadPlan: () => ({ data: { caseloadPlan: decided ? plan({ status: 'PARTIALLY_APPROVED', version: 4 }) : plan() } }),
      CaseloadPlanProposals: (v) => ({
        data: {
          caseloadPlan: {
            id: 'plan-1',
            proposals: proposalsPage(
              decided && v.kind === 'NEW'
                ? [proposal('NEW', 'p1', { status: 'NOT_SELECTED' }), proposal('NEW', 'p2', { status: 'ACTIVE' })]
                : BY_KIND[v.kind as ProposalKind],
            ),
          },
        },
      }),
      ApproveCaseloadPlan: () => {
        decided = true;
        return {
          data: {
            approveCaseloadPlan: {
              __typename: 'ApproveCaseloadPlanSuccess',
              activated: 1,
              transferred: 0,
              setAside: [],
              plan: { __typename: 'CaseloadPlan', id: 'plan-1', status: 'PARTIALLY_APPROVED', version: 4 },
            },
          },
        };
      },
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    expect((screen.getByTestId('approve-selected') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getAllByTestId('proposal-select')[1]);
    expect(screen.getByTestId('approve-selected').textContent).toBe('批准所选（1）');
    fireEvent.click(screen.getByTestId('approve-selected'));
    fireEvent.click(screen.getByTestId('approve-confirm'));
    const ok = await screen.findByTestId('approve-success');
    expect(ok.textContent).toBe('已批准：1 项配对生效，0 户更换了责任社工。');
    expect(screen.queryByTestId('set-aside')).toBeNull();
    // The plan is reloaded (version 4) and so are its rows, which now say what became of them.
    await waitFor(() => expect(screen.getByTestId('plan-page').dataset.status).toBe('PARTIALLY_APPROVED'));
    await waitFor(() => expect(screen.getAllByTestId('item-status').map((b) => b.textContent)).toEqual(['未选中', '已生效']));
    const call = s.calls.find((c) => c.operationName === 'ApproveCaseloadPlan')!;
    expect(call.variables.householdIds).toEqual(['hh-p2']);
  });

  it('rejects only with a reason', async () => {
    signedInAs(STATION_USER);
    const s = server(plan(), {
      RejectCaseloadPlan: () => ({
        data: {
          rejectCaseloadPlan: {
            __typename: 'RejectCaseloadPlanSuccess',
            plan: { __typename: 'CaseloadPlan', id: 'plan-1', status: 'REJECTED', version: 4 },
          },
        },
      }),
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findAllByTestId('proposal-row');
    fireEvent.click(screen.getByTestId('reject'));
    fireEvent.click(screen.getByTestId('reject-confirm'));
    expect(screen.getByText('请填写驳回理由。')).toBeTruthy();
    expect(s.calls.some((c) => c.operationName === 'RejectCaseloadPlan')).toBe(false);
    fireEvent.change(screen.getByTestId('reject-reason'), { target: { value: '下月有新社工入职' } });
    fireEvent.click(screen.getByTestId('reject-confirm'));
    await screen.findByTestId('reject-success');
    const call = s.calls.find((c) => c.operationName === 'RejectCaseloadPlan')!;
    expect(call.variables).toEqual({ planId: 'plan-1', expectedVersion: 3, reason: '下月有新社工入职' });
  });

  it('marks a what-if plan and offers no approval', async () => {
    signedInAs(STATION_USER);
    const whatIf = plan({
      status: 'WHAT_IF',
      isWhatIf: true,
      whatIf: { extraWorkers: [{ stationId: 'st-1', count: 2 }], capFactor: 0.9, workersOnLeave: ['w2'] },
    });
    renderApp('/caseload/plans/plan-1', server(whatIf));
    const banner = await screen.findByTestId('whatif-banner');
    expect(banner.textContent).toContain('情景推演，不可批准');
    expect(banner.textContent).toContain('增加社工 2 名');
    expect(banner.textContent).toContain('上限系数 0.90');
    expect(banner.textContent).toContain('1 名社工休假');
    await screen.findAllByTestId('proposal-row');
    expect(screen.queryByTestId('approve-all')).toBeNull();
    expect(screen.queryByTestId('approve-selected')).toBeNull();
    expect(screen.queryByTestId('reject')).toBeNull();
    expect(screen.queryByTestId('proposal-select')).toBeNull();
  });

  it('names a scenario\'s extra worker and shows what became of each item once decided', async () => {
    signedInAs(STATION_USER);
    const decided = plan({
      status: 'APPROVED',
      decidedAt: '2025-11-20T09:00:00+08:00',
      decidedBy: 'station',
      workerLoads: [
        ...plan().workerLoads,
        { workerId: 'whatif-st-1-1', worker: null, limit: 18, before: 0, after: 12, householdsBefore: 0, householdsAfter: 9 },
      ],
    });
    const s = fakeServer({
      Me: ME,
      CaseloadPlan: () => ({ data: { caseloadPlan: decided } }),
      CaseloadPlanProposals: () => ({
        data: {
          caseloadPlan: {
            id: 'plan-1',
            proposals: proposalsPage([
              proposal('NEW', 'p1', { status: 'ACTIVE' }),
              proposal('NEW', 'p2', { status: 'NOT_SELECTED', toWorker: null, toWorkerId: 'whatif-st-1-1', household: null }),
            ]),
          },
        },
      }),
    });
    renderApp('/caseload/plans/plan-1', s);
    const rows = await screen.findAllByTestId('proposal-row');
    expect(screen.getByTestId('plan-decided').textContent).toMatch(/审批/);
    expect(screen.getByTestId('plan-decided').textContent).not.toContain('station'); // a user id on the server: not shown
    expect(within(rows[0]).getByTestId('item-status').textContent).toBe('已生效');
    expect(within(rows[1]).getByTestId('item-status').textContent).toBe('未选中');
    expect(rows[1].textContent).toContain('帮扶对象（姓名不公开）'); // the household is gone: never its id
    expect(rows[1].textContent).toContain('推演新增社工');
    const hypothetical = screen.getAllByTestId('worker-load').find((l) => l.dataset.worker === 'whatif-st-1-1')!;
    expect(hypothetical.textContent).toContain('推演新增社工');
    expect(screen.queryByTestId('approve-all')).toBeNull(); // decided: nothing left to approve
  });

  it('is read-only for a social worker', async () => {
    signedInAs(WORKER_USER);
    renderApp('/caseload/plans/plan-1', server(plan(), {}, () => ({ data: { me: WORKER_USER } })));
    await screen.findAllByTestId('proposal-row');
    expect(screen.queryByTestId('approve-all')).toBeNull();
    expect(screen.getByTestId('plan-read-only')).toBeTruthy();
  });

  it('follows the job of a plan still computing, then reloads it', async () => {
    signedInAs(STATION_USER);
    let computed = false;
    const s = fakeServer({
      Me: ME,
      CaseloadPlan: () => ({
        data: {
          caseloadPlan: computed
            ? plan()
            : plan({ status: 'COMPUTING', summary: null, workerLoads: [], job: { id: 'job-9', status: 'RUNNING', progress: 0.4, message: '求解中', messageParams: [], error: null } }),
        },
      }),
      JobProgress: () => {
        computed = true;
        return { data: { job: { id: 'job-9', status: 'SUCCEEDED', progress: 1, message: '完成', error: null, result: null } } };
      },
      CaseloadPlanProposals: (v) => ({
        data: { caseloadPlan: { id: 'plan-1', proposals: proposalsPage(BY_KIND[v.kind as ProposalKind] ?? []) } },
      }),
    });
    renderApp('/caseload/plans/plan-1', s);
    await screen.findByTestId('job-progress');
    await waitFor(() => expect(screen.getByTestId('plan-page').dataset.status).toBe('PROPOSED'));
    await screen.findAllByTestId('proposal-row');
  });
});
