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

const PEOPLE = [
  { name: '王芳', agencyKind: 'STATION', agencyName: '城关镇社工站', role: '站长' },
  { name: '李强', agencyKind: 'DEPARTMENT', agencyName: '县医保局', role: null },
];

const SCHEDULED = {
  id: 'conf-1',
  status: 'SCHEDULED',
  version: 1,
  heldOn: '2026-12-03',
  topic: '医疗费用与子女就学',
  notes: null,
  closeNote: null,
  participants: PEOPLE,
  decisions: [],
};

const HELD = {
  ...SCHEDULED,
  id: 'conf-0',
  status: 'HELD',
  version: 2,
  heldOn: '2026-11-20',
  notes: '医保二次报销由医保局办理',
  decisions: [
    {
      id: 'decision-9',
      status: 'OPEN',
      version: 1,
      what: '大病医保二次报销',
      ownerWorkerId: null,
      ownerName: '县医保局 李强',
      dueOn: '2026-12-01',
      doneNote: null,
      overdue: true,
    },
  ],
};

function server(handlers: Record<string, (v: Record<string, unknown>) => unknown>) {
  return fakeServer({
    Me: () => ({ data: { me: STATION_USER } }),
    Household: () => ({ data: { household: HOUSEHOLD } }),
    HouseholdTimeline: () => ({ data: { householdTimeline: [] } }),
    HouseholdAlerts: () => ({ data: { householdAlerts: [] } }),
    HouseholdActiveMatch: () => ({ data: { matches: { edges: [] } } }),
    HouseholdReferrals: () => ({ data: { householdReferrals: [] } }),
    HouseholdAssistance: () => ({ data: { householdAssistance: [] } }),
    CaseMatches: () => ({ data: { household: { id: 'hh-1', version: 5, warningLevel: 'NONE' }, matches: { edges: [] } } }),
    HouseholdConferences: () => ({ data: { householdConferences: [SCHEDULED, HELD] } }),
    ReassignWorkers: () => ({ data: { socialWorkers: { edges: [{ node: { id: 'sw-1', name: '李娜', caseloadLimit: 30, currentLoad: 10, reachKm: 8 } }] } } }),
    ...handlers,
  });
}

describe('个案会商 on the household page', () => {
  it('lists conferences in words: statuses, agencies, owners and overdue decisions, no codes or ids', async () => {
    signedInAs(STATION_USER);
    renderApp('/households/hh-1', server({}));
    const section = await screen.findByTestId('household-conferences', {}, { timeout: 5000 });
    await within(section).findAllByTestId('conference-item');
    const text = section.textContent ?? '';
    expect(text).toMatch(/已召集/);
    expect(text).toMatch(/已召开/);
    expect(text).toMatch(/县医保局 李强/);
    expect(text).toMatch(/已逾期/);
    expect(text).toMatch(/职能部门/);
    expect(text).not.toMatch(/SCHEDULED|HELD|DEPARTMENT|STATION|OPEN|conf-|decision-|sw-/);
  });

  it('convenes with its participants and translates field refusals', async () => {
    signedInAs(STATION_USER);
    const sent: Record<string, unknown>[] = [];
    renderApp(
      '/households/hh-1',
      server({
        ConveneConference: (v) => {
          sent.push(v);
          return {
            data: {
              conveneConference: {
                __typename: 'InvalidInput',
                code: 'INVALID_INPUT',
                message: 'heldOn: a conference is convened ahead',
                errors: [
                  { field: 'heldOn', code: 'PAST_DATE' },
                  { field: 'participants.1.agencyName', code: 'REQUIRED' },
                ],
              },
            },
          };
        },
      }),
    );
    const section = await screen.findByTestId('household-conferences', {}, { timeout: 5000 });
    fireEvent.click(within(section).getByTestId('conference-new'));
    fireEvent.change(screen.getByTestId('conference-held-on'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByTestId('conference-topic'), { target: { value: '住房安全' } });
    const names = screen.getAllByTestId('participant-name');
    fireEvent.change(names[0], { target: { value: '王芳' } });
    fireEvent.change(names[1], { target: { value: '赵敏' } });
    fireEvent.change(screen.getAllByTestId('participant-agency')[0], { target: { value: '社工站' } });
    fireEvent.click(screen.getByTestId('conference-convene'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      input: {
        householdId: 'hh-1',
        heldOn: '2026-12-01',
        topic: '住房安全',
        participants: [
          { name: '王芳', agencyKind: 'STATION', agencyName: '社工站', role: null },
          { name: '赵敏', agencyKind: 'DEPARTMENT', agencyName: '', role: null },
        ],
      },
    });
    const error = await screen.findByTestId('conference-error');
    expect(error.textContent).toBe('会商日期：日期不能早于今天；第 2 位参会人员：请填写');
  });

  it('records decisions with a worker or a named officer and their due days', async () => {
    signedInAs(STATION_USER);
    const sent: Record<string, unknown>[] = [];
    renderApp(
      '/households/hh-1',
      server({
        RecordConference: (v) => {
          sent.push(v);
          return { data: { recordConference: { __typename: 'RecordConferenceSuccess', conference: { ...SCHEDULED, status: 'HELD', version: 2 } } } };
        },
      }),
    );
    const section = await screen.findByTestId('household-conferences', {}, { timeout: 5000 });
    const scheduled = (await within(section).findAllByTestId('conference-item')).find((e) => e.dataset.status === 'SCHEDULED')!;
    fireEvent.click(within(scheduled).getByTestId('conference-record'));
    fireEvent.change(screen.getByTestId('conference-notes-input'), { target: { value: '各方同意分工' } });
    fireEvent.change(screen.getByTestId('decision-what'), { target: { value: '申请助学金' } });
    await screen.findByRole('option', { name: '李娜' });
    fireEvent.change(screen.getByTestId('decision-worker'), { target: { value: 'sw-1' } });
    fireEvent.change(screen.getByTestId('decision-due'), { target: { value: '2026-12-20' } });
    fireEvent.click(screen.getByTestId('decision-add'));
    fireEvent.change(screen.getAllByTestId('decision-what')[1], { target: { value: '二次报销' } });
    fireEvent.change(screen.getAllByTestId('decision-owner-kind')[1], { target: { value: 'OTHER' } });
    fireEvent.change(screen.getByTestId('decision-owner-name'), { target: { value: '县医保局 李强' } });
    fireEvent.change(screen.getAllByTestId('decision-due')[1], { target: { value: '2026-12-30' } });
    fireEvent.click(screen.getByTestId('conference-record-save'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      conferenceId: 'conf-1',
      expectedVersion: 1,
      notes: '各方同意分工',
      decisions: [
        { what: '申请助学金', ownerWorkerId: 'sw-1', ownerName: null, dueOn: '2026-12-20' },
        { what: '二次报销', ownerWorkerId: null, ownerName: '县医保局 李强', dueOn: '2026-12-30' },
      ],
    });
  });

  it('says why a conference with open decisions cannot close yet', async () => {
    signedInAs(STATION_USER);
    renderApp(
      '/households/hh-1',
      server({
        CompleteConferenceDecision: () => ({
          data: { completeConferenceDecision: { __typename: 'StaleVersion', code: 'STALE_VERSION', message: 'changed', params: [] } },
        }),
      }),
    );
    const section = await screen.findByTestId('household-conferences', {}, { timeout: 5000 });
    const held = (await within(section).findAllByTestId('conference-item')).find((e) => e.dataset.status === 'HELD')!;
    expect(within(held).queryByTestId('conference-close')).toBeNull();
    fireEvent.click(within(held).getByTestId('decision-complete'));
    fireEvent.change(within(held).getByTestId('decision-complete-note'), { target: { value: '已报销' } });
    fireEvent.click(within(held).getByTestId('decision-complete-submit'));
    expect((await within(held).findByRole('alert')).textContent).toBe('记录已被他人修改，请刷新后重试。');
  });
});
