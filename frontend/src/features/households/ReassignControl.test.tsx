import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CHARITY_USER, STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import type { User } from '../../app/roles';
import type { HouseholdDetail } from './HouseholdPage';

const HOUSEHOLD: HouseholdDetail = {
  id: 'hh-1',
  tier: 'DIBAO',
  dibaoClass: 'A',
  causes: ['ILLNESS'],
  specialGroups: [],
  size: 2,
  monthlyIncomePerPerson: 420,
  warningLevel: 'RED',
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

function server(me: User, reassign: () => unknown) {
  return fakeServer({
    Me: () => ({ data: { me } }),
    Household: () => ({ data: { household: HOUSEHOLD } }),
    ReassignStations: () => ({
      data: { stations: { edges: [{ node: { id: 'st-1', name: '城关镇社工站', township: { id: 't1' } } }] } },
    }),
    ReassignWorkers: () => ({
      data: {
        socialWorkers: {
          edges: [
            { node: { id: 'w1', name: '王芳', caseloadLimit: 20, currentLoad: 20, reachKm: 6 } },
            { node: { id: 'w2', name: '赵强', caseloadLimit: 20, currentLoad: 9, reachKm: 10 } },
          ],
        },
      },
    }),
    ReassignHousehold: reassign,
  });
}

describe('reassign a household', () => {
  it('shows the rules a reassignment breaks, translated, and sends the override when asked', async () => {
    signedInAs(STATION_USER);
    let calls = 0;
    const s = server(STATION_USER, () => {
      calls += 1;
      return calls === 1
        ? {
            data: {
              reassignHousehold: {
                __typename: 'RuleViolation',
                message: 'breaks the rules',
                field: null,
                code: 'RULE_VIOLATION',
                violations: ['OVER_CAPACITY: w1 would carry 22 units, limit 20', 'OUT_OF_REACH: 9.8 km, reach 8 km', 'MISSING_SKILL: w1 lacks MEDICAL'],
                rules: [
                  { code: 'OVER_CAPACITY', params: [{ name: 'units', value: '22' }, { name: 'limit', value: '20' }] },
                  { code: 'OUT_OF_REACH', params: [{ name: 'km', value: '9.8' }, { name: 'reach', value: '8' }] },
                  { code: 'MISSING_SKILL', params: [] },
                ],
                overridable: true,
              },
            },
          }
        : {
            data: {
              reassignHousehold: {
                __typename: 'ReassignHouseholdSuccess',
                household: { __typename: 'Household', id: 'hh-1', version: 6, worker: { id: 'w1', name: '王芳', caseloadLimit: 20, currentLoad: 22 } },
              },
            },
          };
    });
    renderApp('/households/hh-1', s);
    expect((await screen.findByTestId('reassign-open')).textContent).toBe('指定责任社工');
    fireEvent.click(await screen.findByTestId('reassign-open'));
    // The workers of the station that serves the household's township.
    await waitFor(() => expect(within(screen.getByTestId('reassign-worker')).getAllByRole('option')).toHaveLength(3));
    expect(s.calls.find((c) => c.operationName === 'ReassignWorkers')!.variables).toEqual({
      first: 100,
      filter: { stationId: 'st-1' },
    });
    fireEvent.click(screen.getByTestId('reassign-submit'));
    expect(screen.getByTestId('reassign-error').textContent).toBe('请选择社工并填写理由。');

    fireEvent.change(screen.getByTestId('reassign-worker'), { target: { value: 'w1' } });
    fireEvent.change(screen.getByTestId('reassign-reason'), { target: { value: '户主要求' } });
    fireEvent.click(screen.getByTestId('reassign-submit'));
    const violations = await screen.findByTestId('reassign-violations');
    expect(within(violations).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '超出社工个案上限（调整后将承担 22 个单位，上限 20）',
      '超出社工服务半径（相距 9.8 公里，服务半径 8 公里）',
      '社工缺少此户所需的专长',
    ]);
    // The developers' detail names ids and is in English: never on the page.
    expect(violations.textContent).not.toMatch(/w1|carry|lacks/);
    expect(violations.textContent).toContain('强制调整');

    fireEvent.click(screen.getByTestId('reassign-override'));
    fireEvent.click(screen.getByTestId('reassign-submit'));
    // The household had no worker: it is given one (指定), not moved (调整).
    expect((await screen.findByTestId('reassign-done')).textContent).toBe('已由 王芳 负责。');
    const sent = s.calls.filter((c) => c.operationName === 'ReassignHousehold').map((c) => c.variables);
    expect(sent).toEqual([
      { householdId: 'hh-1', workerId: 'w1', reason: '户主要求', override: false },
      { householdId: 'hh-1', workerId: 'w1', reason: '户主要求', override: true },
    ]);
  });

  it('says when the rules broken cannot be overridden', async () => {
    signedInAs(STATION_USER);
    const s = server(STATION_USER, () => ({
      data: {
        reassignHousehold: {
          __typename: 'RuleViolation',
          message: 'breaks the rules',
          field: null,
          code: 'RULE_VIOLATION',
          violations: ['CONFLICT: w2 has a declared conflict with hh-1'],
          rules: [{ code: 'CONFLICT', params: [] }],
          overridable: false,
        },
      },
    }));
    renderApp('/households/hh-1', s);
    fireEvent.click(await screen.findByTestId('reassign-open'));
    await waitFor(() => expect(within(screen.getByTestId('reassign-worker')).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(screen.getByTestId('reassign-worker'), { target: { value: 'w2' } });
    fireEvent.change(screen.getByTestId('reassign-reason'), { target: { value: '户主要求' } });
    fireEvent.click(screen.getByTestId('reassign-submit'));
    const violations = await screen.findByTestId('reassign-violations');
    expect(within(violations).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['存在已申报的利益冲突']);
    expect(screen.getByTestId('reassign-not-overridable')).toBeTruthy();
  });

  it('is not offered to a charity', async () => {
    signedInAs(CHARITY_USER);
    renderApp('/households/hh-1', server(CHARITY_USER, () => ({})));
    await screen.findByTestId('household-title');
    expect(screen.queryByTestId('reassign')).toBeNull();
  });
});
