import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import type { HouseholdDetail } from '../households/HouseholdPage';

const HOUSEHOLD: HouseholdDetail = {
  id: 'hh-1',
  tier: 'DIBAO',
  dibaoClass: 'A',
  causes: ['ILLNESS'],
  specialGroups: [],
  size: 2,
  monthlyIncomePerPerson: 420,
  warningLevel: 'NONE',
  riskScore: 3.2,
  nextReviewDue: null,
  version: 5,
  village: { id: 'v1', name: '石桥村' },
  township: { id: 't1', name: '城关镇' },
  location: null,
  identity: { headName: '王秀英', address: '石桥村 1 组', phone: '13900000000' },
  members: [],
  needs: [],
  worker: null,
};

const ACTIVE = {
  id: 'm-1',
  status: 'ACTIVE',
  version: 3,
  outcome: null,
  followUpDue: '2099-01-01',
  overdue: false,
  closedAt: null,
  transitionUntil: null,
  worker: { id: 'sw-1', name: '李娜' },
};

type Handler = (v: Record<string, unknown>) => unknown;

/** The household page's queries, with the household's one match and its warning level. */
function pageServer(match: object, warningLevel: string, handlers: Record<string, Handler>) {
  return fakeServer({
    Me: () => ({ data: { me: STATION_USER } }),
    Household: () => ({ data: { household: { ...HOUSEHOLD, warningLevel } } }),
    HouseholdTimeline: () => ({ data: { householdTimeline: [] } }),
    HouseholdAlerts: () => ({ data: { householdAlerts: [] } }),
    HouseholdActiveMatch: () => ({ data: { matches: { edges: [] } } }),
    HouseholdReferrals: () => ({ data: { householdReferrals: [] } }),
    HouseholdAssistance: () => ({ data: { householdAssistance: [] } }),
    CaseMatches: () => ({
      data: { household: { id: 'hh-1', version: 5, warningLevel }, matches: { edges: [{ node: match }] } },
    }),
    ...handlers,
  });
}

function server(close: Handler) {
  return pageServer(ACTIVE, 'NONE', { CaseCloseMatch: close });
}

describe('close a case', () => {
  it('sends an exit with its months and says, in Chinese, until when the household is watched', async () => {
    signedInAs(STATION_USER);
    const sent: Record<string, unknown>[] = [];
    const s = server((v) => {
      sent.push(v);
      return {
        data: {
          closeMatch: {
            __typename: 'CloseMatchSuccess',
            transitionUntil: '2027-06-03',
            match: { id: 'm-1', status: 'CLOSED', version: 4, followUpDue: '2027-01-03', transitionUntil: '2027-06-03' },
          },
        },
      };
    });
    renderApp('/households/hh-1', s);
    const panel = await screen.findByTestId('casework-panel', {}, { timeout: 5000 });
    fireEvent.click(within(panel).getByTestId('casework-close'));
    fireEvent.change(screen.getByTestId('casework-outcome'), { target: { value: 'EXITED' } });
    fireEvent.change(screen.getByTestId('casework-months'), { target: { value: '9' } });
    fireEvent.click(screen.getByTestId('casework-close-submit'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ matchId: 'm-1', expectedVersion: 3, outcome: 'EXITED', transitionMonths: 9 });
    const done = await screen.findByTestId('casework-done');
    expect(done.textContent).toMatch(/渐退期至/);
    expect(done.textContent).not.toMatch(/EXITED|m-1/);
  });

  it('translates a refusal instead of showing its code', async () => {
    signedInAs(STATION_USER);
    const s = server(() => ({
      data: {
        closeMatch: {
          __typename: 'StaleVersion',
          code: 'STALE_VERSION',
          message: 'Match m-1 has changed (now version 4)',
          params: [{ name: 'currentVersion', value: '4' }],
        },
      },
    }));
    renderApp('/households/hh-1', s);
    const panel = await screen.findByTestId('casework-panel', {}, { timeout: 5000 });
    fireEvent.click(within(panel).getByTestId('casework-close'));
    fireEvent.change(screen.getByTestId('casework-outcome'), { target: { value: 'STABLE' } });
    fireEvent.click(screen.getByTestId('casework-close-submit'));
    const error = await screen.findByTestId('casework-error');
    expect(error.textContent).toBe('记录已被他人修改，请刷新后重试。');
  });
});

describe('reopen support during a transition', () => {
  it('says which pairing rule keeps the former worker from taking the household back', async () => {
    signedInAs(STATION_USER);
    const exited = { ...ACTIVE, status: 'CLOSED', outcome: 'EXITED', closedAt: '2026-11-01', transitionUntil: '2027-05-01' };
    const s = pageServer(exited, 'RED', {
      CaseReopenSupport: () => ({
        data: {
          reopenSupport: {
            __typename: 'RuleViolation',
            code: 'RULE_VIOLATION',
            message: 'CONFLICT: sw-1 declared a conflict with hh-1',
            field: 'householdId',
            params: [],
            rules: [{ code: 'CONFLICT', params: [] }],
          },
        },
      }),
    });
    renderApp('/households/hh-1', s);
    fireEvent.click(await screen.findByTestId('casework-reopen', {}, { timeout: 5000 }));
    const error = await screen.findByTestId('casework-error');
    expect(error.textContent).toBe('原责任社工现不能接回：存在已申报的利益冲突。请改派责任社工。');
    expect(error.textContent).not.toMatch(/CONFLICT|sw-1/);
  });
});
