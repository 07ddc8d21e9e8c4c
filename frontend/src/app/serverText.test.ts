import { describe, expect, it } from 'vitest';
import { makeI18n } from './i18n';
import { JOB_TEXTS, NOTICE_TEXTS, jobText, noticeText } from './serverText';

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

  it('keeps an old notification (text only) readable', () => {
    const old = { kind: 'REPORT_RESOLVED', subjectType: 'Need', message: '您报告的需求已完成 / the need you reported was fulfilled', params: [] };
    expect(noticeText(zh, old)).toBe('您报告的需求已完成');
    expect(noticeText(en, old)).toBe('the need you reported was fulfilled');
  });

  it('has every text in both languages with the same placeholders', () => {
    for (const texts of [JOB_TEXTS, NOTICE_TEXTS]) {
      for (const [code, entry] of Object.entries(texts)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(entry.en), code).toEqual(names(entry['zh-CN']));
      }
    }
  });
});
