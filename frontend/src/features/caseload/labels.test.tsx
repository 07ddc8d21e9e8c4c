import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../app/i18n';
import { ENUM_LABELS, enumLabel, type EnumName } from '../../app/messages';
import { ReasonChips } from './PlanBadges';
import { BALANCE_PRIORITIES } from '../../app/enums';
import { LEFT_OUT_REASONS, PAIRING_REASONS, PLAN_SCOPE_KINDS, PLAN_STATUSES, PROPOSAL_KINDS } from './types';

describe('caseload code labels', () => {
  const cases: [EnumName, readonly string[]][] = [
    ['PairingReason', PAIRING_REASONS],
    ['PairingReasonLong', PAIRING_REASONS],
    ['LeftOutReason', LEFT_OUT_REASONS],
    ['PlanStatus', PLAN_STATUSES],
    ['ProposalKind', PROPOSAL_KINDS],
    ['PlanScopeKind', PLAN_SCOPE_KINDS],
    ['BalancePriority', BALANCE_PRIORITIES],
    ['JobStatus', ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']],
  ];

  it.each(cases)('labels every %s code in both languages', (name, codes) => {
    expect(Object.keys(ENUM_LABELS[name]).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const zh = enumLabel(name, code, 'zh-CN');
      const en = enumLabel(name, code, 'en');
      expect(zh, `${name}.${code} zh`).not.toBe(code);
      expect(en, `${name}.${code} en`).not.toBe(code);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the words a station manager uses', () => {
    expect(enumLabel('PairingReason', 'CONTINUITY', 'zh-CN')).toBe('延续原社工');
    expect(enumLabel('PairingReason', 'NEAREST_IN_REACH', 'zh-CN')).toBe('半径内最近');
    expect(enumLabel('PairingReason', 'NEARER_ONES_FULL', 'en')).toBe('Nearer ones full');
    expect(enumLabel('LeftOutReason', 'ALL_IN_REACH_FULL', 'zh-CN')).toBe('可达社工均已满额');
    expect(enumLabel('ProposalKind', 'NEW', 'zh-CN')).toBe('新增');
    expect(enumLabel('ProposalKind', 'MOVED', 'zh-CN')).toBe('调整');
    expect(enumLabel('ProposalKind', 'UNCHANGED', 'zh-CN')).toBe('不变');
    expect(enumLabel('ProposalKind', 'LEFT_OUT', 'zh-CN')).toBe('未覆盖');
    expect(enumLabel('PlanStatus', 'WHAT_IF', 'zh-CN')).toBe('情景推演');
  });

  it('renders reason chips translated, compromises in amber, unknown codes as they come', () => {
    const { unmount } = render(
      <I18nProvider initial="zh-CN">
        <ReasonChips reasons={['CONTINUITY', 'SEX_MISMATCH', 'SOMETHING_NEW']} />
      </I18nProvider>,
    );
    const chips = screen.getByTestId('reason-chips').querySelectorAll<HTMLElement>('.chip');
    expect([...chips].map((c) => c.textContent)).toEqual(['延续原社工', '性别不符', 'SOMETHING_NEW']);
    expect(chips[0].className).not.toContain('reason-caution');
    expect(chips[1].className).toContain('reason-caution');
    expect(chips[0].getAttribute('title')).toBe('保留现在的责任社工，延续帮扶关系。');
    unmount();
    render(
      <I18nProvider initial="en">
        <ReasonChips reasons={['ONLY_IN_REACH', 'LANGUAGE']} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('reason-chips').textContent).toBe('Only one in reachShared language');
  });
});
