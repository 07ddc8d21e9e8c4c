import { describe, expect, it } from 'vitest';
import { ENUM_LABELS, MESSAGES, enumLabel, format, translate, type EnumName } from './messages';
import { ALERT_STATUSES, CAUSES, DIBAO_CLASSES, INDICATOR_KINDS, MATCH_OUTCOMES, MATCH_STATUSES, ROLES, TIERS, TIMELINE_KINDS, VISIT_OUTCOMES, WARNING_LEVELS } from './enums';

describe('dictionary', () => {
  it('has every key in both languages, none empty', () => {
    const zhKeys = Object.keys(MESSAGES['zh-CN']).sort();
    const enKeys = Object.keys(MESSAGES.en).sort();
    expect(enKeys).toEqual(zhKeys);
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [key, text] of Object.entries(MESSAGES[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(MESSAGES['zh-CN']) as (keyof (typeof MESSAGES)['en'])[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES['zh-CN'][key]));
    }
  });

  it('speaks Chinese by default and English when asked', () => {
    expect(translate('zh-CN', 'nav.households')).toBe('帮扶对象');
    expect(translate('en', 'nav.households')).toBe('Households');
    expect(translate('zh-CN', 'common.total', { count: 42 })).toBe('共 42 条');
    expect(translate('en', 'common.yuan', { amount: '1,200' })).toBe('¥1,200');
  });

  it('leaves unknown placeholders alone', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});

describe('enum labels', () => {
  const cases: [EnumName, readonly string[]][] = [
    ['Tier', TIERS],
    ['DibaoClass', DIBAO_CLASSES],
    ['Cause', CAUSES],
    ['WarningLevel', WARNING_LEVELS],
    ['Role', ROLES],
    ['SpecialGroup', ['ELDERLY', 'CHILD', 'DISABLED', 'LEFT_BEHIND_CHILD', 'LEFT_BEHIND_ELDER']],
    [
      'NeedKind',
      ['MEDICAL', 'EDUCATION', 'HOUSING', 'EMPLOYMENT', 'DAILY_CARE', 'PSYCHOLOGICAL', 'REHABILITATION', 'LEGAL_AID', 'BASIC_LIVING'],
    ],
    ['RegionLevel', ['COUNTY', 'TOWNSHIP', 'VILLAGE']],
    ['AlertStatus', ALERT_STATUSES],
    ['AssigneeKind', ['WORKER', 'STATION', 'COUNTY']],
    ['IndicatorKind', INDICATOR_KINDS],
    ['MatchStatus', MATCH_STATUSES],
    ['MatchOutcome', MATCH_OUTCOMES],
    ['VisitOutcome', VISIT_OUTCOMES],
    ['TimelineKind', TIMELINE_KINDS],
  ];

  it.each(cases)('labels every %s value in both languages', (name, values) => {
    expect(Object.keys(ENUM_LABELS[name]).sort()).toEqual([...values].sort());
    for (const v of values) {
      expect(enumLabel(name, v, 'zh-CN')).not.toBe(v);
      expect(enumLabel(name, v, 'en')).not.toBe('');
    }
  });

  it('uses the terms of the documents', () => {
    expect(enumLabel('Tier', 'EXTREME', 'zh-CN')).toBe('特困');
    expect(enumLabel('Tier', 'NEAR_DIBAO', 'zh-CN')).toBe('低保边缘');
    expect(enumLabel('Tier', 'EXPENDITURE', 'zh-CN')).toBe('支出型贫困');
    expect(enumLabel('DibaoClass', 'A', 'zh-CN')).toContain('重点保障户');
    expect(enumLabel('Cause', 'LACK_OF_LABOUR', 'zh-CN')).toBe('缺劳力');
    expect(enumLabel('SpecialGroup', 'LEFT_BEHIND_CHILD', 'zh-CN')).toBe('留守儿童');
    expect(enumLabel('WarningLevel', 'RED', 'zh-CN')).toBe('红色');
    expect(enumLabel('NeedKind', 'PSYCHOLOGICAL', 'zh-CN')).toBe('心理疏导');
    expect(enumLabel('WarningLevel', 'ORANGE', 'en')).toBe('Orange');
  });

  it('shows an unknown value as it comes', () => {
    expect(enumLabel('NeedStatus', 'ESCALATED', 'zh-CN')).toBe('ESCALATED');
    expect(enumLabel('NeedStatus', 'open', 'zh-CN')).toBe('待认领');
  });
});
