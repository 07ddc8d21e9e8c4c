import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderApp, signedInAs } from '../../test/render';
import { connection } from '../../test/followup';
import type { User } from '../../app/roles';
import { diffJson, showValue, toAuditFilter } from './AuditPage';

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
              action: 'CREATE_NEED',
              entityType: 'Need',
              entityId: 'n-1',
              before: null,
              after: { kind: 'MEDICAL', estimatedCost: 300 },
              reason: '走访发现',
            },
          ]),
        },
      }),
    });
    renderApp('/audit', s);
    const items = await screen.findAllByTestId('audit-item');
    expect(items[0].textContent).toContain('记录走访');
    const diff = within(items[0]).getAllByTestId('audit-diff-row');
    expect(diff.map((r) => [r.dataset.change, r.textContent])).toEqual([
      ['changed', 'followUpDue2025-12-012025-12-05'],
      ['added', 'lastVisitAt2025-11-22'],
      ['changed', 'version45'],
    ]);
    expect(items[1].textContent).toContain('新建');
    expect(items[1].textContent).toContain('理由：走访发现');

    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'RECORD_VISIT' } });
    await waitFor(
      () => expect(s.calls.filter((c) => c.operationName === 'AuditEvents').at(-1)!.variables.filter).toEqual({ action: 'RECORD_VISIT' }),
      { timeout: 2000 },
    );
  });

  it('compares field by field and reads dates as whole local days', () => {
    expect(diffJson(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1, change: 'added' }]);
    expect(diffJson('{"a":1,"b":[1,2]}', { a: 1 }).map((r) => r.change)).toEqual(['same', 'removed']);
    expect(showValue(['A', 'B'])).toBe('A, B');
    expect(showValue({ x: 1 })).toBe('{"x":1}');
    const f = toAuditFilter({ entityId: ' hh-1 ', actorId: '', action: '', from: '2025-11-01', to: '2025-11-30' });
    expect(f.entityId).toBe('hh-1');
    expect(f.from).toMatch(/^2025-11-01T00:00:00[+-]\d{2}:\d{2}$/);
    expect(f.to).toMatch(/^2025-12-01T00:00:00[+-]\d{2}:\d{2}$/);
  });
});
