import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WORKER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { WORKER_ME, visitMatch } from '../../test/followup';
import { localDate, toLocalInput } from '../../app/time';
import { serviceDay } from '../../app/today';
import { checkVisit, mapServerErrors, metList, newNeed, toInput, type VisitDraft } from './validation';

type Handlers = Parameters<typeof fakeServer>[0];

function server(extra: Handlers = {}) {
  return fakeServer({
    Me: WORKER_ME,
    VisitMatch: () => ({ data: { match: visitMatch() } }),
    VisitOpenAlerts: () => ({
      data: {
        householdAlerts: [
          { id: 'al-1', level: 'RED', status: 'OPEN', raisedAt: '2025-11-20T08:00:00+08:00', dueAt: '2025-11-22T08:00:00+08:00' },
          { id: 'al-0', level: 'YELLOW', status: 'RESOLVED', raisedAt: '2025-10-01T08:00:00+08:00', dueAt: '2025-10-11T08:00:00+08:00' },
        ],
      },
    }),
    UnreadNotifications: () => ({ data: { notifications: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } }),
    ...extra,
  });
}

const field = (name: string) => screen.getByTestId(`field-${name}`);
const errorOf = (name: string) => within(field(name)).queryByTestId('field-error')?.textContent ?? null;

function fillValid() {
  fireEvent.change(screen.getByTestId('visit-place'), { target: { value: '家中' } });
  fireEvent.click(screen.getByTestId('visit-outcome-CONCERN'));
  fireEvent.click(screen.getAllByTestId('visit-met-member')[0]);
  fireEvent.change(screen.getByTestId('visit-met-others'), { target: { value: '邻居张大爷、村医' } });
  fireEvent.change(screen.getByTestId('visit-findings'), { target: { value: '血压偏高，药快吃完了' } });
}

const success = {
  data: {
    recordVisit: {
      __typename: 'RecordVisitSuccess',
      visit: {
        __typename: 'Visit',
        id: 'visit-1',
        matchId: 'plan-1/hh-1',
        visitedAt: '2025-11-22T10:00:00+08:00',
        place: '家中',
        met: ['王秀英'],
        findings: '血压偏高',
        outcome: 'CONCERN',
        contact: true,
        nextFollowUp: '2025-12-05',
        verifying: true,
        resolvedAlertIds: ['al-1'],
        recordedBy: '李娜',
      },
      match: {
        __typename: 'Match',
        id: 'plan-1/hh-1',
        status: 'ACTIVE',
        version: 5,
        followUpDue: '2025-12-05',
        overdue: false,
        lastVisitAt: '2025-11-22T10:00:00+08:00',
        lastContactAt: '2025-11-22T10:00:00+08:00',
      },
      resolvedAlertIds: ['al-1'],
      reportersTold: 1,
    },
  },
};

describe('recording a visit', () => {
  it('opens from /matches/:id/visit with an id that holds a slash, and verifies by default from an alert', async () => {
    signedInAs(WORKER_USER);
    const s = server();
    renderApp('/matches/plan-1%2Fhh-1/visit?verify=1', s);
    await screen.findByTestId('visit-form');
    expect(s.calls.find((c) => c.operationName === 'VisitMatch')!.variables).toEqual({ id: 'plan-1/hh-1' });
    expect(screen.getByTestId('visit-household').textContent).toBe('王秀英');
    expect((screen.getByTestId('visit-verifying') as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(screen.getByTestId('visit-verifying-hint').textContent).toContain('1 条未处理预警'));
    // Only the open and pledged needs are offered for an update.
    expect(screen.getAllByTestId('visit-need-resolution')).toHaveLength(1);
  });

  it('checks on the phone first: required fields, a time in the future, who was met, the cost', async () => {
    signedInAs(WORKER_USER);
    const s = server();
    renderApp('/matches/plan-1%2Fhh-1/visit', s);
    await screen.findByTestId('visit-form');

    fireEvent.click(screen.getByTestId('visit-submit'));
    expect(screen.getByTestId('visit-banner').dataset.kind).toBe('client');
    expect(errorOf('place')).toBe('必填');
    expect(errorOf('outcome')).toBe('必填');
    expect(errorOf('findings')).toBe('必填');

    const future = new Date(Date.now() + 2 * 3_600_000);
    fireEvent.change(screen.getByTestId('visit-when'), { target: { value: toLocalInput(future) } });
    fireEvent.change(screen.getByTestId('visit-place'), { target: { value: '家中' } });
    fireEvent.click(screen.getByTestId('visit-outcome-STABLE'));
    fireEvent.change(screen.getByTestId('visit-findings'), { target: { value: '情况稳定' } });
    fireEvent.click(screen.getByTestId('visit-add-need'));
    fireEvent.change(screen.getByTestId('visit-need-cost'), { target: { value: '12.5' } });
    fireEvent.click(screen.getByTestId('visit-submit'));

    expect(errorOf('visitedAt')).toBe('走访时间不能晚于现在');
    expect(errorOf('met')).toBe('请填写见到的人，或把结果选为“未见到人”');
    expect(errorOf('place')).toBeNull();
    const need = screen.getByTestId('visit-need');
    expect(within(need).getAllByTestId('field-error').map((e) => e.textContent)).toEqual([
      '必填',
      '必填',
      '请填写 0 或以上的整数金额',
      '必填',
    ]);
    // Nothing reached the server.
    expect(s.calls.some((c) => c.operationName === 'RecordVisit')).toBe(false);

    // NOT_MET: nobody to name, nothing to verify.
    fireEvent.click(screen.getByTestId('visit-outcome-NOT_MET'));
    expect(screen.queryByTestId('field-met')).toBeNull();
    expect((screen.getByTestId('visit-verifying') as HTMLInputElement).disabled).toBe(true);
  });

  it('sends the visit and shows what it changed', async () => {
    signedInAs(WORKER_USER);
    const s = server({ RecordVisit: () => success });
    renderApp('/matches/plan-1%2Fhh-1/visit?verify=1', s);
    await screen.findByTestId('visit-form');
    fillValid();
    fireEvent.click(screen.getByTestId('visit-add-need'));
    fireEvent.change(screen.getByTestId('visit-need-kind'), { target: { value: 'MEDICAL' } });
    fireEvent.change(screen.getByTestId('visit-need-description'), { target: { value: '降压药' } });
    fireEvent.change(screen.getByTestId('visit-need-cost'), { target: { value: '300' } });
    fireEvent.change(screen.getByTestId('visit-need-urgency'), { target: { value: 'HIGH' } });
    fireEvent.change(screen.getByTestId('visit-need-resolution'), { target: { value: 'FULFILLED' } });
    fireEvent.click(screen.getByTestId('visit-submit'));

    expect((await screen.findByTestId('visit-saved')).textContent).toContain('走访已记录');
    expect(screen.getByTestId('visit-saved-alerts').textContent).toBe('已核销 1 条预警。');
    expect(screen.getByTestId('visit-view-timeline').getAttribute('href')).toBe('/households/hh-1#timeline');
    const { input } = s.calls.find((c) => c.operationName === 'RecordVisit')!.variables as { input: Record<string, unknown> };
    expect(input).toMatchObject({
      matchId: 'plan-1/hh-1',
      place: '家中',
      met: ['王秀英', '邻居张大爷', '村医'],
      findings: '血压偏高，药快吃完了',
      outcome: 'CONCERN',
      needsDiscovered: [{ kind: 'MEDICAL', description: '降压药', estimatedCost: 300, urgency: 'HIGH' }],
      needsResolved: [{ needId: 'n1', status: 'FULFILLED' }],
      nextFollowUp: null,
      verifying: true,
      expectedVersion: 4,
    });
    // The time goes with the phone's offset, never as a bare local time.
    expect(String(input.visitedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it('offers the way back to 我的路线 when the visit was opened from a stop', async () => {
    signedInAs(WORKER_USER);
    renderApp('/matches/plan-1%2Fhh-1/visit?from=round', server({ RecordVisit: () => success }));
    await screen.findByTestId('visit-form');
    fillValid();
    fireEvent.click(screen.getByTestId('visit-submit'));
    await screen.findByTestId('visit-saved');
    expect(screen.getByTestId('visit-back-to-round').getAttribute('href')).toBe('/my-round');
    expect(screen.getByTestId('visit-back-to-round').textContent).toBe('返回我的路线');
  });

  it('shows the server’s typed errors next to the fields they are about', async () => {
    signedInAs(WORKER_USER);
    const s = server({
      RecordVisit: () => ({
        data: {
          recordVisit: {
            __typename: 'InvalidInput',
            message: '走访早于配对开始日 2025-01-10 / the match began on 2025-01-10 (+3)',
            field: null,
            code: 'INVALID_INPUT',
            errors: [
              {
                field: 'visitedAt',
                reason: '走访早于配对开始日 2025-01-10 / the match began on 2025-01-10',
                code: 'BEFORE_MATCH_START',
              },
              { field: 'needsDiscovered.0.estimatedCost', reason: 'estimated_cost must be at least 0.', code: 'OUT_OF_RANGE', params: [] },
              {
                field: 'nextFollowUp',
                reason: '按探访周期最迟 2025-12-22 / by the care cadence, 2025-12-22 at the latest',
                code: 'LATER_THAN_CADENCE',
              },
              { field: 'needsResolved.0.status', reason: 'a FULFILLED need cannot become CANCELLED', code: 'TRANSITION_NOT_ALLOWED', params: [] },
            ],
          },
        },
      }),
    });
    renderApp('/matches/plan-1%2Fhh-1/visit', s);
    await screen.findByTestId('visit-form');
    fillValid();
    fireEvent.click(screen.getByTestId('visit-add-need'));
    fireEvent.change(screen.getByTestId('visit-need-kind'), { target: { value: 'MEDICAL' } });
    fireEvent.change(screen.getByTestId('visit-need-description'), { target: { value: '降压药' } });
    fireEvent.change(screen.getByTestId('visit-need-cost'), { target: { value: '300' } });
    fireEvent.change(screen.getByTestId('visit-need-urgency'), { target: { value: 'HIGH' } });
    fireEvent.change(screen.getByTestId('visit-need-resolution'), { target: { value: 'CANCELLED' } });
    fireEvent.change(screen.getByTestId('visit-next-follow-up'), { target: { value: '2099-01-01' } });
    fireEvent.click(screen.getByTestId('visit-submit'));

    await waitFor(() => expect(screen.getByTestId('visit-banner').dataset.kind).toBe('server'));
    expect(errorOf('visitedAt')).toBe('走访早于配对开始日 2025-01-10');
    expect(errorOf('nextFollowUp')).toBe('按探访周期最迟 2025-12-22');
    const cost = document.querySelector('[data-field="needsDiscovered.0.estimatedCost"]')!;
    expect(within(cost as HTMLElement).getByTestId('field-error').textContent).toBe('请填写 0 或以上的整数金额');
    const resolved = document.querySelector('[data-field="resolved.n1"]')!;
    expect(within(resolved as HTMLElement).getByTestId('field-error').textContent).toBe('a FULFILLED need cannot become CANCELLED');
    expect(field('nextFollowUp').className).toContain('has-error');
  });

  it('reloads the match when it changed meanwhile, keeps what was typed, and sends the new version', async () => {
    signedInAs(WORKER_USER);
    let version = 4;
    let attempts = 0;
    const s = server({
      VisitMatch: () => ({ data: { match: visitMatch({ version }) } }),
      RecordVisit: () => {
        attempts += 1;
        if (attempts === 1) {
          version = 6;
          return {
            data: {
              recordVisit: {
                __typename: 'StaleVersion',
                message: '记录已被他人修改，请刷新后重试 / Match changed since you read it (now version 6).',
                field: 'expectedVersion',
                code: 'STALE_VERSION',
                currentVersion: 6,
              },
            },
          };
        }
        return success;
      },
    });
    renderApp('/matches/plan-1%2Fhh-1/visit', s);
    await screen.findByTestId('visit-form');
    fillValid();
    fireEvent.click(screen.getByTestId('visit-submit'));
    const banner = await screen.findByTestId('visit-banner');
    expect(banner.dataset.kind).toBe('stale');
    expect(banner.textContent).toContain('当前版本 6');
    expect((screen.getByTestId('visit-findings') as HTMLTextAreaElement).value).toBe('血压偏高，药快吃完了');
    await waitFor(() => expect(screen.getByTestId('visit-form').dataset.version).toBe('6'));
    fireEvent.click(screen.getByTestId('visit-submit'));
    await screen.findByTestId('visit-saved');
    const sent = s.calls.filter((c) => c.operationName === 'RecordVisit').map((c) => (c.variables.input as { expectedVersion: number }).expectedVersion);
    expect(sent).toEqual([4, 6]);
  });

  it('says so when the match is no longer active (Conflict) or was closed already', async () => {
    signedInAs(WORKER_USER);
    const s = server({
      RecordVisit: () => ({
        data: {
          recordVisit: {
            __typename: 'Conflict',
            message: 'only an ACTIVE match takes visits; this one is CLOSED',
            field: 'matchId',
            code: 'MATCH_NOT_ACTIVE',
            params: [{ name: 'status', value: 'CLOSED' }],
          },
        },
      }),
    });
    renderApp('/matches/plan-1%2Fhh-1/visit', s, 'en');
    await screen.findByTestId('visit-form');
    fillValid();
    fireEvent.click(screen.getByTestId('visit-submit'));
    const banner = await screen.findByTestId('visit-banner');
    expect(banner.dataset.kind).toBe('conflict');
    // The page's words for the code, never the server's developer message or the status code.
    expect(banner.textContent).toBe('Not recorded: Only an active match takes visits');
  });

  it('offers no form on a closed match', async () => {
    signedInAs(WORKER_USER);
    renderApp('/matches/m-9/visit', server({ VisitMatch: () => ({ data: { match: visitMatch({ status: 'CLOSED' }) } }) }));
    expect((await screen.findByTestId('visit-not-active')).textContent).toBe('此配对当前为“已结案”，只有帮扶中的配对可以记录走访。');
    expect(screen.queryByTestId('visit-form')).toBeNull();
  });
});

describe('visit checks and error mapping', () => {
  const base: VisitDraft = {
    visitedAt: '2025-11-22T10:00',
    place: '家中',
    metMembers: ['王秀英'],
    metOthers: '',
    findings: '好',
    outcome: 'STABLE',
    needs: [],
    resolved: {},
    nextFollowUp: '',
    verifying: false,
  };
  const now = new Date(2025, 10, 22, 12, 0);
  const dayOf = (d: Date) => localDate(d);

  it('accepts a complete visit', () => {
    expect(checkVisit(base, { now, startedOn: '2025-01-01', dayOf })).toEqual({});
  });

  it('allows a phone clock a few minutes ahead, not more', () => {
    expect(checkVisit({ ...base, visitedAt: '2025-11-22T12:04' }, { now, startedOn: null, dayOf })).toEqual({});
    expect(checkVisit({ ...base, visitedAt: '2025-11-22T12:10' }, { now, startedOn: null, dayOf }).visitedAt).toEqual({ key: 'visit.inFuture' });
  });

  it('refuses a visit before the match began and a follow-up not after the visit', () => {
    const e = checkVisit({ ...base, visitedAt: '2024-12-31T09:00', nextFollowUp: '2024-12-31' }, { now, startedOn: '2025-01-01', dayOf });
    expect(e.visitedAt).toEqual({ key: 'visit.beforeStart', params: { date: '2025-01-01' } });
    expect(e.nextFollowUp).toEqual({ key: 'visit.followUpAfter' });
  });

  it("judges the visit's day in the server's zone: 01:30 in China is still yesterday in UTC", () => {
    // A match that began on China's 23rd, a visit at 17:30 UTC on the 22nd (01:30 on the 23rd in China).
    const at = new Date(Date.UTC(2025, 10, 22, 17, 30));
    const draft = { ...base, visitedAt: toLocalInput(at), nextFollowUp: '2025-11-23' };
    const china = serviceDay('2025-11-23', 'Asia/Shanghai').dayOf;
    const e = checkVisit(draft, { now: new Date(Date.UTC(2025, 10, 22, 18)), startedOn: '2025-11-23', dayOf: china });
    expect(e.visitedAt).toBeUndefined();
    expect(e.nextFollowUp).toEqual({ key: 'visit.followUpAfter' });
    const utc = serviceDay('2025-11-22', 'UTC').dayOf;
    expect(checkVisit(draft, { now: new Date(Date.UTC(2025, 10, 22, 18)), startedOn: '2025-11-23', dayOf: utc }).visitedAt).toEqual({
      key: 'visit.beforeStart',
      params: { date: '2025-11-23' },
    });
  });

  it('does not ask who was met, nor what was found, on a visit that met nobody; refuses it as verifying', () => {
    const e = checkVisit({ ...base, outcome: 'NOT_MET', metMembers: [], findings: '', verifying: true }, { now, startedOn: null, dayOf });
    expect(e).toEqual({ verifying: { key: 'visit.notMetVerify' } });
  });

  it('sends a time left at "now" to the second, a typed one as typed', () => {
    const saving = new Date(2025, 10, 22, 10, 0, 42);
    expect(toInput(base, 'm-1', 1, saving).input.visitedAt).toMatch(/^2025-11-22T10:00:42[+-]\d{2}:\d{2}$/);
    expect(toInput({ ...base, visitedAt: '2025-11-21T16:30' }, 'm-1', 1).input.visitedAt).toMatch(/^2025-11-21T16:30:00[+-]\d{2}:\d{2}$/);
  });

  it('lists everyone met once', () => {
    expect(metList({ ...base, metOthers: '王秀英，村医、 邻居;' })).toEqual(['王秀英', '村医', '邻居']);
  });

  it('sends needs resolved in a known order so that the server’s index maps back to the need', () => {
    const { input, resolvedOrder } = toInput(
      { ...base, resolved: { n1: '', n2: 'CANCELLED', n3: 'FULFILLED' }, needs: [{ ...newNeed(), kind: 'MEDICAL', description: 'x', cost: '5', urgency: 'LOW' }] },
      'm-1',
      3,
    );
    expect(resolvedOrder).toEqual(['n2', 'n3']);
    expect(input.needsResolved).toEqual([
      { needId: 'n2', status: 'CANCELLED' },
      { needId: 'n3', status: 'FULFILLED' },
    ]);
    expect(input.needsDiscovered).toEqual([{ kind: 'MEDICAL', description: 'x', estimatedCost: 5, urgency: 'LOW' }]);
    const mapped = mapServerErrors(
      [
        { field: 'needsResolved.1.status', reason: 'no', code: 'TRANSITION_NOT_ALLOWED', params: [] },
        { field: 'input.place', reason: 'where the visit took place is required', code: 'REQUIRED', params: [] },
        { field: 'met', reason: 'say who was met', code: 'REQUIRED', params: [] },
        { field: 'visitedAt', reason: '走访时间不能晚于现在 / a visit cannot be in the future', code: 'IN_FUTURE', params: [] },
        { field: 'somethingNew', reason: '新规则 / a new rule', code: 'NEW', params: [] },
      ],
      resolvedOrder,
      'en',
    );
    expect(mapped).toEqual({
      'resolved.n3': { text: 'no' },
      place: { key: 'visit.required' },
      met: { key: 'visit.metRequired' },
      visitedAt: { key: 'visit.inFuture' },
      somethingNew: { text: 'a new rule' },
    });
  });
});
