import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeI18n } from '../../app/i18n';
import { pickLang } from '../../app/time';
import { CHARITY_USER, STATION_USER, fakeServer, renderApp, signedInAs } from '../../test/render';
import { connection } from '../../test/followup';
import type { User } from '../../app/roles';
import type { HouseholdDetail } from './HouseholdPage';
import { TIMELINE_STYLE, sortTimeline, type TimelineItem } from './Timeline';

const HOUSEHOLD: HouseholdDetail = {
  id: 'hh-1',
  tier: 'DIBAO',
  dibaoClass: 'B',
  causes: ['ILLNESS'],
  specialGroups: [],
  size: 2,
  monthlyIncomePerPerson: 420,
  warningLevel: 'RED',
  riskScore: 0.75,
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

// As the server sends it: oldest first.
const ITEMS: TimelineItem[] = [
  { at: '2025-11-18T00:00:00+08:00', kind: 'EVENT', detail: null, actor: 'MANUAL', subjectId: 'ev-1', params: [{ name: 'indicator', value: 'HOSPITALISATION' }, { name: 'amount', value: null }] },
  { at: '2025-11-18T00:00:00+08:00', kind: 'ALERT_RAISED', detail: null, actor: null, subjectId: 'al-1', params: [{ name: 'level', value: 'RED' }, { name: 'dueAt', value: '2025-11-20T08:00:00+08:00' }] },
  { at: '2025-11-19T09:30:00+08:00', kind: 'VISIT', detail: '血压偏高', actor: '李娜', subjectId: 'v-1', params: [{ name: 'outcome', value: 'CONCERN' }, { name: 'verifying', value: 'True' }, { name: 'place', value: '家中' }, { name: 'met', value: '王秀英' }, { name: 'findings', value: '血压偏高' }] },
  { at: '2025-11-19T09:30:00+08:00', kind: 'ALERT_RESOLVED', detail: null, actor: null, subjectId: 'al-1', params: [{ name: 'level', value: 'RED' }, { name: 'visitId', value: 'v-1' }] },
  { at: '2025-11-19T09:30:00+08:00', kind: 'NEED_REPORTED', detail: '降压药', actor: '李娜', subjectId: 'n-1', params: [{ name: 'needKind', value: 'MEDICAL' }, { name: 'estimatedCost', value: '300' }, { name: 'description', value: '降压药' }] },
  { at: '2099-01-01T00:00:00+08:00', kind: 'FOLLOW_UP_DUE', detail: null, actor: '李娜', subjectId: 'm-1', params: [{ name: 'overdue', value: 'False' }] },
];

function server(me: User = STATION_USER) {
  return fakeServer({
    Me: () => ({ data: { me } }),
    Household: () => ({ data: { household: HOUSEHOLD } }),
    HouseholdTimeline: () => ({ data: { householdTimeline: ITEMS } }),
    HouseholdAlerts: () => ({ data: { householdAlerts: [] } }),
    HouseholdActiveMatch: () => ({
      data: {
        matches: connection([
          {
            id: 'm-1',
            status: 'ACTIVE',
            version: 2,
            startedOn: '2025-01-01',
            followUpDue: '2099-01-01',
            overdue: false,
            lastVisitAt: null,
            worker: { id: 'sw-1', name: '李娜' },
          },
        ]),
      },
    }),
  });
}

describe('timeline order', () => {
  it('runs newest first or oldest first, keeping the server’s kind order at the same instant', () => {
    const kinds = (order: 'newest' | 'oldest') => sortTimeline(ITEMS, order).map((i) => i.kind);
    expect(kinds('newest')).toEqual(['FOLLOW_UP_DUE', 'ALERT_RESOLVED', 'VISIT', 'NEED_REPORTED', 'EVENT', 'ALERT_RAISED']);
    expect(kinds('oldest')).toEqual(['EVENT', 'ALERT_RAISED', 'ALERT_RESOLVED', 'VISIT', 'NEED_REPORTED', 'FOLLOW_UP_DUE']);
  });

  it('orders by the instant, whatever the offsets', () => {
    const a: TimelineItem = { ...ITEMS[0], at: '2025-11-19T01:00:00+00:00', subjectId: 'a', params: [] }; // 09:00 in Beijing
    const b: TimelineItem = { ...ITEMS[0], at: '2025-11-19T08:30:00+08:00', subjectId: 'b', params: [] }; // 00:30 UTC
    expect(sortTimeline([a, b], 'oldest').map((i) => i.subjectId)).toEqual(['b', 'a']);
  });

  it('draws every kind with its own mark', () => {
    for (const style of Object.values(TIMELINE_STYLE)) expect(style.mark).toMatch(/^\S$/);
  });
});

describe('household timeline', () => {
  it('shows the entries newest first with a mark and colour by kind, the future as upcoming', async () => {
    signedInAs(STATION_USER);
    renderApp('/households/hh-1', server());
    const timeline = await screen.findByTestId('timeline');
    const items = within(timeline).getAllByTestId('timeline-item');
    expect(items.map((i) => i.dataset.kind)).toEqual(['FOLLOW_UP_DUE', 'ALERT_RESOLVED', 'VISIT', 'NEED_REPORTED', 'EVENT', 'ALERT_RAISED']);
    expect(items[0].className).toContain('tl-future');
    expect(items[0].textContent).toContain('待办');
    const visit = items[2];
    expect(visit.className).toContain('tl-visit');
    expect(visit.querySelector('.tl-mark')!.textContent).toBe('访');
    expect(within(visit).getByTestId('timeline-title').textContent).toBe('核实走访：需持续关注');
    // Free text: a bilingual label and a bracketed bilingual amount show one language.
    expect(visit.querySelector('.tl-detail')!.textContent).toBe('家中；见到：王秀英；血压偏高');
    expect(items[3].querySelector('.tl-detail')!.textContent).toBe('降压药（约 300 元）');
    expect(items[5].className).toContain('tl-alert');
    // The deadline in the page's own date format (it was a composed "须于 … / verify by then").
    expect(items[5].querySelector('.tl-detail')!.textContent).toBe(`须于 ${makeI18n('zh-CN').dateTime('2025-11-20T08:00:00+08:00')} 前入户核实`);
    // A title that only repeats its kind is not shown twice.
    expect(within(items[0]).queryByTestId('timeline-title')).toBeNull();

    fireEvent.click(screen.getByTestId('timeline-order-oldest'));
    await waitFor(() =>
      expect(within(screen.getByTestId('timeline')).getAllByTestId('timeline-item')[0].dataset.kind).toBe('EVENT'),
    );
  });

  it('speaks English when asked', async () => {
    signedInAs(STATION_USER);
    renderApp('/households/hh-1', server(), 'en');
    const timeline = await screen.findByTestId('timeline');
    const visit = within(timeline).getAllByTestId('timeline-item')[2];
    expect(within(visit).getByTestId('timeline-title').textContent).toBe('Verifying visit: needs attention');
    expect(visit.querySelector('.tl-detail')!.textContent).toBe('家中; Met: 王秀英; 血压偏高');
    expect(within(visit).getByTestId('timeline-kind').textContent).toBe('Home visit');
  });

  it('links the statement, and offers the visit to whoever may record it', async () => {
    signedInAs(STATION_USER);
    renderApp('/households/hh-1', server());
    expect((await screen.findByTestId('household-record-visit')).getAttribute('href')).toBe('/matches/m-1/visit');
    expect(screen.getByTestId('household-statement-link').getAttribute('href')).toBe('/households/hh-1/statement');
  });

  it('is not shown to a charity, and nothing is asked of the server', async () => {
    signedInAs(CHARITY_USER);
    const s = server(CHARITY_USER);
    renderApp('/households/hh-1', s);
    await screen.findByTestId('household-title');
    expect(screen.queryByTestId('household-timeline')).toBeNull();
    expect(screen.queryByTestId('household-follow-up')).toBeNull();
    expect(s.calls.map((c) => c.operationName)).not.toContain('HouseholdTimeline');
  });
});

describe('the language of server texts', () => {
  it('splits "中文 / English" titles', () => {
    expect(pickLang('红色 / red warning', 'zh-CN')).toBe('红色');
    expect(pickLang('红色 / red warning', 'en')).toBe('red warning');
    expect(pickLang('没有英文', 'en')).toBe('没有英文');
  });

  it('leaves free text alone unless its second half is plainly English', () => {
    expect(pickLang('家中；见到 / met: 王秀英', 'en', true)).toBe('家中；met: 王秀英');
    expect(pickLang('家中；王秀英 / 张三', 'en', true)).toBe('家中；王秀英 / 张三');
    expect(pickLang('须于明天前核实 / verify by then', 'en', true)).toBe('verify by then');
    expect(pickLang('降压药（约 300 元 / about 300 yuan）', 'en', true)).toBe('降压药(about 300 yuan)');
    expect(pickLang('a / b', 'zh-CN', true)).toBe('a / b');
  });
});
