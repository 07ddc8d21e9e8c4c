import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n';
import { JOB_TEXTS, NOTICE_TEXTS, TIMELINE_TEXTS, jobText, noticeText, timelineText } from './serverText';

const zh = makeI18n('zh-CN');
const en = makeI18n('en');

describe('server texts', () => {
  it('translates a job code with its parameters', () => {
    const params = [
      { name: 'households', value: '600' },
      { name: 'people', value: '1500' },
    ];
    expect(jobText(zh, 'IMPORTED', params)).toBe('已导入 600 户 1500 人');
    expect(jobText(en, 'IMPORTED', params)).toBe('Imported 600 households, 1500 people');
  });

  it('shows a job recorded before codes by its half in the page language', () => {
    expect(jobText(zh, '排队中 / queued', [])).toBe('排队中');
    expect(jobText(en, '排队中 / queued', [])).toBe('queued');
  });

  it('falls back to the text when a parameter is missing', () => {
    expect(jobText(zh, 'IMPORTED', [])).toBe('IMPORTED');
  });

  it('translates a notification by kind with labels, never codes', () => {
    const text = noticeText(zh, {
      kind: 'REPORT_RESOLVED',
      subjectType: 'Need',
      message: 'the need you reported (MEDICAL) was fulfilled',
      params: [
        { name: 'needKind', value: 'MEDICAL' },
        { name: 'status', value: 'FULFILLED' },
      ],
    });
    expect(text).not.toMatch(/MEDICAL|FULFILLED/);
    expect(text).toContain('您报告的需求');
  });

  it("tells an organisation of its claim lapsing and of an offer, in the page's language", () => {
    const lapsing = {
      kind: 'ADOPTION_EXPIRING',
      subjectType: 'Adoption',
      message: '',
      params: [
        { name: 'needKind', value: 'MEDICAL' },
        { name: 'expiresOn', value: '2026-12-10' },
      ],
    };
    expect(noticeText(zh, lapsing)).toContain('2026-12-10');
    expect(noticeText(en, lapsing)).toMatch(/lapses on 2026-12-10/);
    const offer = {
      kind: 'ADOPTION_TRANSFER_OFFERED',
      subjectType: 'Adoption',
      message: '',
      params: [
        { name: 'organisation', value: '爱心基金会' },
        { name: 'needKind', value: 'EDUCATION' },
      ],
    };
    expect(noticeText(zh, offer)).toContain('爱心基金会');
    expect(noticeText(en, offer)).not.toMatch(/EDUCATION/);
  });

  it('keeps an old notification (text only) readable', () => {
    const old = { kind: 'REPORT_RESOLVED', subjectType: 'Need', message: '您报告的需求已完成 / the need you reported was fulfilled', params: [] };
    expect(noticeText(zh, old)).toBe('您报告的需求已完成');
    expect(noticeText(en, old)).toBe('the need you reported was fulfilled');
  });

  it('has every text in both languages with the same placeholders', () => {
    for (const texts of [JOB_TEXTS, NOTICE_TEXTS, TIMELINE_TEXTS]) {
      for (const [code, entry] of Object.entries(texts)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(entry.en), code).toEqual(names(entry['zh-CN']));
      }
    }
  });
});

describe('timeline texts', () => {
  const visit = {
    kind: 'VISIT' as const,
    title: 'verifying visit: concern',
    detail: 'composed',
    params: [
      { name: 'outcome', value: 'CONCERN' },
      { name: 'verifying', value: 'True' },
      { name: 'place', value: '家中' },
      { name: 'met', value: '王秀英' },
      { name: 'findings', value: '血压偏高' },
    ],
  };

  it('builds the title and detail from codes and params, in either language', () => {
    expect(timelineText(zh, visit)).toEqual({ title: '核实走访：需持续关注', detail: '家中；见到：王秀英；血压偏高' });
    expect(timelineText(en, visit).title).toBe('Verifying visit: needs attention');
  });

  it('names a reason the server wrote as a code, and leaves an unknown one without looping', () => {
    const activated = (detail: string) =>
      timelineText(zh, {
        kind: 'MATCH_ACTIVATED',
        title: 'x',
        detail,
        params: [{ name: 'worker', value: '张晓燕' }],
      }).detail;
    expect(activated('CASELOAD_PLAN')).toBe('按帮扶配对方案');
    expect(activated('caseload plan plan-20261203/x')).toBe('按帮扶配对方案');
    expect(activated('站长手工调整')).toBe('站长手工调整');
    expect(activated('NOT_A_KNOWN_CODE')).toBe('NOT_A_KNOWN_CODE');
  });

  it('never shows the visit id an alert was resolved by, nor a code', () => {
    const resolved = timelineText(zh, {
      kind: 'ALERT_RESOLVED',
      title: 'red warning resolved',
      detail: '走访 / visit vis-0001',
      params: [
        { name: 'level', value: 'RED' },
        { name: 'visitId', value: 'vis-0001' },
      ],
    });
    expect(resolved).toEqual({ title: '红色预警已核销', detail: '经核实走访核销' });
    const need = timelineText(zh, {
      kind: 'NEED_STATUS_CHANGED',
      title: 'need fulfilled',
      params: [
        { name: 'needKind', value: 'MEDICAL' },
        { name: 'status', value: 'FULFILLED' },
      ],
    });
    expect(need.title).not.toMatch(/[A-Z]{3,}/);
  });

  it('reads an entry without params by its composed text', () => {
    expect(timelineText(zh, { kind: 'EVENT', title: '预警事件：患病住院 / indicator event', params: [] }).title).toBe('预警事件：患病住院');
  });
});
