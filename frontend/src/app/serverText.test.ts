import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n';
import { JOB_TEXTS, NOTICE_TEXTS, TIMELINE_TEXTS, jobText, noticeText, timelineText, type TimelineLike } from './serverText';

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

  it('says every kind from its code and params alone, in both languages, with no code or id shown', () => {
    const entries: TimelineLike[] = [
      { kind: 'EVENT', params: [{ name: 'indicator', value: 'HOSPITALISATION' }, { name: 'amount', value: '1200' }] },
      { kind: 'MATCH_CLOSED', detail: '已转介至医保', params: [{ name: 'outcome', value: 'REFERRED' }] },
      { kind: 'MATCH_TRANSFERRED', params: [{ name: 'worker', value: null }] },
      { kind: 'ESCALATION', params: [{ name: 'step', value: '2' }, { name: 'subjectType', value: 'ALERT' }] },
      { kind: 'TRANSITION_ENDS', params: [] },
      { kind: 'CARE_TASK_DONE', detail: '买药', params: [{ name: 'taskKind', value: 'ERRAND' }, { name: 'minutes', value: '45' }] },
      {
        kind: 'JOB_OUTCOME',
        params: [
          { name: 'status', value: 'HIRED' },
          { name: 'postingKind', value: 'JOB' },
          { name: 'postingTitle', value: '分拣包装工' },
          { name: 'enterprise', value: '绿源农业' },
        ],
      },
      { kind: 'REFERRAL_SENT', params: [{ name: 'targetKind', value: 'DEPARTMENT' }, { name: 'department', value: 'MEDICAL_INSURANCE' }, { name: 'status', value: 'SENT' }] },
      { kind: 'REFERRAL_ANSWERED', params: [{ name: 'targetKind', value: 'STATION' }, { name: 'target', value: '城关站' }, { name: 'status', value: 'COMPLETED' }] },
      { kind: 'INTAKE', params: [{ name: 'channel', value: 'WALK_IN' }, { name: 'status', value: 'CLOSED' }, { name: 'registered', value: 'True' }] },
      { kind: 'INTAKE', params: [{ name: 'channel', value: 'HOTLINE' }, { name: 'status', value: 'OPEN' }, { name: 'registered', value: 'False' }] },
    ];
    const said = (i18n: typeof zh) => entries.map((e) => timelineText(i18n, e));
    expect(said(zh).map((x) => x.title)).toEqual([
      '预警事件：患病住院',
      '结案：转介',
      '一名社工移交',
      '预警逾期催办：已上报站长',
      '渐退期结束',
      '志愿服务：代办跑腿',
      '岗位：分拣包装工，已录用',
      '转介：医保',
      '转介答复：城关站（已反馈办结）',
      '首问受理（来访），登记为新的帮扶家庭',
      '首问受理（热线）',
    ]);
    expect(said(en).map((x) => x.title)).toEqual([
      'Indicator event: Hospitalisation',
      'Closed: referred',
      'a worker handed over',
      `Alert overdue: ${en.label('EscalationStep', '2')}`,
      'Transition period ends',
      'Volunteer task: Errand',
      `${en.t('jobs.kind.JOB')} “分拣包装工”: ${en.t('jobs.pstatus.HIRED').toLowerCase()}`,
      'Referral: Medical insurance',
      `Referral answered: 城关站 (${en.t('referral.status.COMPLETED')})`,
      `Request received (${en.t('intake.channel.WALK_IN')}); registered as a new household`,
      `Request received (${en.t('intake.channel.HOTLINE')})`,
    ]);
    expect(said(zh).map((x) => x.detail)).toEqual(['1,200 元', '已转介至医保', null, null, null, '45 分钟；买药', '绿源农业', null, null, null, null]);
    expect(said(en)[5].detail).toBe('45 minutes; 买药');
    for (const x of [...said(zh), ...said(en)]) expect(`${x.title} ${x.detail ?? ''}`).not.toMatch(/[A-Z]{2,}_|\b[A-Z]{4,}\b|sw-|hh-/);
  });

  it('labels an indicator in English by the page, not by the server', () => {
    expect(timelineText(en, { kind: 'EVENT', params: [{ name: 'indicator', value: 'HOSPITALISATION' }] }).title).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

