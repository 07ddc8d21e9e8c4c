import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { serverProblems, toPersonPatch, emptyMember } from './householdDraft';

const REGIONS = (v: Record<string, unknown>) => ({
  data: {
    regions:
      v.level === 'TOWNSHIP'
        ? [{ id: 't1', name: '城关镇', level: 'TOWNSHIP', parentId: 'c1' }]
        : [{ id: 'v1', name: '石桥村', level: 'VILLAGE', parentId: 't1' }],
  },
});

function fill(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function fillHousehold() {
  await waitFor(() => expect(screen.getByRole('option', { name: '城关镇' })).toBeTruthy());
  fill('hh-township', 't1');
  await waitFor(() => expect(screen.getByRole('option', { name: '石桥村' })).toBeTruthy());
  fill('hh-village', 'v1');
  fill('hh-tier', 'DIBAO');
  fill('hh-dibao-class', 'B');
  fill('hh-monthlyIncomePerPerson', '420');
  fill('hh-lat', '38.0');
  fill('hh-lon', '111.8');
  fill('hh-address', '石桥村 1 组');
  fill('hh-members.0.name', '李建国');
  fill('hh-members.0.idNumber', '110101196003051234');
}

describe('household create', () => {
  it('shows the server’s problems under their fields in Chinese, and opens the household once created', async () => {
    signedInAs(STATION_USER);
    const sent: unknown[] = [];
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      Regions: REGIONS,
      CreateHousehold: (v) => {
        sent.push(v.input);
        return sent.length === 1
          ? {
              data: {
                createHousehold: {
                  __typename: 'InvalidInput',
                  message: 'invalid',
                  errors: [
                    { field: 'members.0.idNumber', code: 'INVALID_ID_NUMBER', reason: 'bad', params: [] },
                    { field: 'address', code: 'TOO_LONG', reason: 'long', params: [{ name: 'maxLength', value: '200' }] },
                  ],
                },
              },
            }
          : { data: { createHousehold: { __typename: 'CreateHouseholdSuccess', household: { id: 'hh-new' } } } };
      },
      Household: () => ({ data: { household: null } }),
    });
    renderApp('/households/new', s);
    await fillHousehold();
    fireEvent.click(screen.getByTestId('hh-submit'));

    const idField = await screen.findByTestId('field-members.0.idNumber');
    expect(within(idField).getByTestId('field-error').textContent).toContain('身份证号无效');
    expect(within(screen.getByTestId('field-address')).getByTestId('field-error').textContent).toContain('最多 200 个字');
    expect(screen.getByTestId('hh-form-problems').textContent).toContain('2 处');
    expect(sent[0]).toMatchObject({
      villageId: 'v1',
      tier: 'DIBAO',
      dibaoClass: 'B',
      monthlyIncomePerPerson: 420,
      members: [{ name: '李建国', relation: 'HEAD', sex: null }],
    });

    fireEvent.click(screen.getByTestId('hh-submit'));
    await waitFor(() => expect(screen.getByTestId('household-not-found')).toBeTruthy());
    expect(sent).toHaveLength(2);
  }, 20_000);

  it('says what is missing before sending and adds and removes member drafts', async () => {
    signedInAs(STATION_USER);
    let calls = 0;
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      Regions: REGIONS,
      CreateHousehold: () => {
        calls += 1;
        return { data: null };
      },
    });
    renderApp('/households/new', s);
    await screen.findByTestId('household-create-form');
    fireEvent.click(screen.getByTestId('hh-add-member'));
    expect(screen.getAllByTestId('member-fields')).toHaveLength(2);
    fireEvent.click(screen.getAllByTestId('member-remove-draft')[1]);
    expect(screen.getAllByTestId('member-fields')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('hh-submit'));
    expect(within(screen.getByTestId('field-villageId')).getByTestId('field-error').textContent).toContain('必填');
    expect(within(screen.getByTestId('field-members.0.name')).getByTestId('field-error').textContent).toContain('必填');
    expect(calls).toBe(0);
  });
});

const EDITABLE = {
  id: 'hh-1',
  version: 4,
  tier: 'DIBAO',
  dibaoClass: 'A',
  causes: ['ILLNESS'],
  monthlyIncomePerPerson: 420,
  nextReviewDue: '2027-01-01',
  village: { id: 'v1', name: '石桥村' },
  township: { id: 't1', name: '城关镇' },
  location: { lat: 38, lon: 111.8 },
  identity: { headName: '王秀英', address: '石桥村 1 组', phone: '13900000000' },
  members: [
    {
      id: 'p-1',
      relation: 'HEAD',
      sex: 'F',
      disabilityGrade: null,
      chronicIllness: true,
      seriousIllness: false,
      canWork: false,
      livesAway: false,
      identity: { name: '王秀英', idNumber: '110101196003051224', birthDate: '1960-03-05' },
    },
    {
      id: 'p-2',
      relation: 'GRANDCHILD',
      sex: 'M',
      disabilityGrade: null,
      chronicIllness: false,
      seriousIllness: false,
      canWork: false,
      livesAway: false,
      identity: { name: '王小明', idNumber: '110101201806121234', birthDate: '2018-06-12' },
    },
  ],
};

describe('household edit', () => {
  it('sends the version read, and says so when someone changed the record meanwhile', async () => {
    signedInAs(STATION_USER);
    const sent: Record<string, unknown>[] = [];
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      Regions: REGIONS,
      HouseholdEdit: () => ({ data: { household: EDITABLE } }),
      UpdateHousehold: (v) => {
        sent.push(v.input as Record<string, unknown>);
        return { data: { updateHousehold: { __typename: 'StaleVersion', currentVersion: 5 } } };
      },
      RemoveHouseholdMember: (v) => {
        sent.push(v.input as Record<string, unknown>);
        return { data: { removeHouseholdMember: { __typename: 'RemoveHouseholdMemberSuccess', household: { id: 'hh-1', version: 5 } } } };
      },
    });
    renderApp('/households/hh-1/edit', s);
    await screen.findByTestId('household-edit-form');
    expect((screen.getByTestId('hh-address') as HTMLInputElement).value).toBe('石桥村 1 组');
    fill('hh-monthlyIncomePerPerson', '500');
    fireEvent.click(screen.getByTestId('hh-save'));
    expect((await screen.findByTestId('hh-stale')).textContent).toContain('第 5 版');
    expect(sent[0]).toMatchObject({ id: 'hh-1', expectedVersion: 4, monthlyIncomePerPerson: 500 });

    // the head cannot be removed here; the grandchild can, after a confirmation
    const rows = screen.getAllByTestId('edit-member');
    expect(within(rows[0]).queryByTestId('member-remove')).toBeNull();
    fireEvent.click(within(rows[1]).getByTestId('member-remove'));
    fireEvent.click(within(rows[1]).getByTestId('member-remove-confirm'));
    expect((await screen.findByTestId('hh-saved')).textContent).toContain('已移除成员');
    expect(sent[1]).toEqual({ id: 'p-2', expectedVersion: 4 });
  });

  it('shows a member’s problem under the member’s field', async () => {
    signedInAs(STATION_USER);
    const s = fakeServer({
      Me: () => ({ data: { me: STATION_USER } }),
      Regions: REGIONS,
      HouseholdEdit: () => ({ data: { household: EDITABLE } }),
      AddHouseholdMember: () => ({
        data: {
          addHouseholdMember: {
            __typename: 'InvalidInput',
            message: 'dup',
            errors: [{ field: 'member.idNumber', code: 'DUPLICATE_ID_NUMBER', reason: 'dup', params: [] }],
          },
        },
      }),
    });
    renderApp('/households/hh-1/edit', s);
    await screen.findByTestId('household-edit-form');
    fireEvent.click(screen.getByTestId('hh-add-member'));
    fill('hh-member.name', '王大明');
    fill('hh-member.idNumber', '110101196003051224');
    fill('hh-member.relation', 'SIBLING');
    fireEvent.click(screen.getByTestId('member-save'));
    const field = await screen.findByTestId('field-member.idNumber');
    await waitFor(() => expect(within(field).getByTestId('field-error').textContent).toContain('已在本户或其他家庭登记'));
  });
});

describe('household draft', () => {
  it('sends only the member fields that changed and maps field paths', () => {
    const before = { ...emptyMember('CHILD'), name: '甲', idNumber: 'X' };
    expect(toPersonPatch('p-1', 3, before, { ...before, name: '乙' })).toEqual({ id: 'p-1', expectedVersion: 3, name: '乙' });
    expect(serverProblems([{ field: 'input.idNumber', code: 'X' }], (f) => `member.${f}`)).toEqual({ 'member.idNumber': { code: 'X', params: undefined } });
  });
});
