import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderApp, signedInAs } from '../../test/render';
import { connection } from '../../test/followup';
import type { User } from '../../app/roles';
import { diffJson, toAuditFilter } from './AuditPage';
import { auditValue } from './auditText';
import { isPlanReason } from '../../app/codeText';
import { ENUM_LABELS, enumLabel, translate } from '../../app/messages';

const AUDITOR: User = { id: 'u-auditor', username: 'auditor', role: 'AUDITOR', displayName: '县审计' };

describe('audit log', () => {
  it('shows each change with its fields before and after', async () => {
    signedInAs(AUDITOR);
    const s = fakeServer({
      Me: () => ({ data: { me: AUDITOR } }),
      AuditEvents: () => ({
        data: {
          auditEvents: connection([
            {
              id: 'a-1',
              at: '2025-11-22T10:00:00+08:00',
              actorId: 'user-demo-worker',
              actorRole: 'SOCIAL_WORKER',
              actorName: '张晓燕',
              action: 'RECORD_VISIT',
              entityType: 'Match',
              entityId: 'm-1',
              before: { version: 4, followUpDue: '2025-12-01', status: 'ACTIVE' },
              after: { version: 5, followUpDue: '2025-12-05', status: 'ACTIVE', lastVisitAt: '2025-11-22' },
              reason: null,
            },
            {
              id: 'a-2',
              at: '2025-11-22T09:00:00+08:00',
              actorId: 'user-demo-station',
              actorRole: 'STATION_MANAGER',
              actorName: '城关社工站',
              action: 'CREATE_NEED',
              entityType: 'Need',
              entityId: 'n-1',
              before: null,
              after: { kind: 'MEDICAL', estimatedCost: 300, household_id: 'hh-3f0a' },
              reason: '走访发现',
            },
          ]),
        },
      }),
    });
    renderApp('/audit', s);
    const items = await screen.findAllByTestId('audit-item', {}, { timeout: 10_000 });
    expect(items[0].textContent).toContain('记录走访');
    const diff = within(items[0]).getAllByTestId('audit-diff-row');
    expect(diff.map((r) => [r.dataset.change, r.textContent])).toEqual([
      ['changed', '下次跟进2025-12-012025-12-05'],
      ['added', '最近走访2025-11-22'],
      ['changed', '版本45'],
    ]);
    expect(items[1].textContent).toContain('新建');
    expect(items[1].textContent).toContain('理由：走访发现');
    // Names and labels, never ids or codes: the ids stay in the raw record and the address.
    expect(items[0].textContent).toContain('张晓燕');
    expect(items[1].textContent).toContain('医疗');
    const shown = items.map((i) => i.querySelector('.audit-meta')!.textContent + within(i).getByTestId('audit-diff').textContent).join(' ');
    expect(shown).not.toMatch(/user-demo|hh-3f0a|n-1|m-1|MEDICAL/);

    // Choosing an actor by name filters on their id, and the chip shows the name.
    fireEvent.click(within(items[0]).getByTestId('audit-actor'));
    await waitFor(() =>
      expect(s.calls.filter((c) => c.operationName === 'AuditEvents').at(-1)!.variables.filter).toEqual({ actorId: 'user-demo-worker' }),
    );
    expect(screen.getByTestId('audit-chip-actor').textContent).toContain('张晓燕');
    fireEvent.click(screen.getByTestId('audit-chip-actor'));

    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'RECORD_VISIT' } });
    await waitFor(
      () => expect(s.calls.filter((c) => c.operationName === 'AuditEvents').at(-1)!.variables.filter).toEqual({ action: 'RECORD_VISIT' }),
      { timeout: 2000 },
    );
  });

  it('compares field by field and reads dates as whole local days', () => {
    expect(diffJson(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, change: 'added' }]);
    expect(diffJson('{"a":1,"b":[1,2]}', { a: 1 }).map((r) => r.change)).toEqual(['same', 'removed']);
    const f = toAuditFilter({ entityId: ' hh-1 ', entityType: 'Household', actorId: '', actorName: '', action: '', from: '2025-11-01', to: '2025-11-30' });
    expect(f.entityType).toBe('Household');
    expect(f.entityId).toBe('hh-1');
    expect(f.from).toMatch(/^2025-11-01T00:00:00[+-]\d{2}:\d{2}$/);
    expect(f.to).toMatch(/^2025-12-01T00:00:00[+-]\d{2}:\d{2}$/);
  });

  it('shows stored values in the page language: codes by label, ids left to the raw record', () => {
    const i18n = {
      lang: 'zh-CN' as const,
      t: (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('zh-CN', k, p),
      label: (n: keyof typeof ENUM_LABELS, v: string | null | undefined) => (v == null ? '—' : enumLabel(n, v, 'zh-CN')),
    } as unknown as Parameters<typeof auditValue>[0];
    expect(auditValue(i18n, 'DAILY_CARE')).toBe(enumLabel('NeedKind', 'DAILY_CARE', 'zh-CN'));
    expect(auditValue(i18n, 'sw-0005')).toBe(translate('zh-CN', 'audit.reference'));
    expect(auditValue(i18n, 'plan-20261203/hh-1')).toBe(translate('zh-CN', 'audit.reference'));
    expect(auditValue(i18n, ['A', 'B'])).toBe('A、B');
    expect(auditValue(i18n, true)).toBe('是');
    expect(auditValue(i18n, 'e-bike')).toBe('e-bike');
    expect(auditValue(i18n, 'BANK_TRANSFER')).toBe(translate('zh-CN', 'market.ch.BANK_TRANSFER' as Parameters<typeof translate>[1]));
    expect(auditValue(i18n, 'CLAIMED')).not.toBe('CLAIMED');
    expect(isPlanReason('CASELOAD_PLAN') && isPlanReason('caseload plan plan-1') && !isPlanReason('站长手工调整')).toBe(true);
  });
});
