// Fixtures for the follow-through tests: a match to visit, alerts, the worker's matches.
import type { AlertRow } from '../features/alerts/AlertsPage';
import type { DayMatch } from '../features/myday/plan';
import type { VisitMatch } from '../features/visits/VisitPage';
import type { WarningLevel } from '../app/enums';
import { WORKER_USER } from './render';

export const WORKER_ME = () => ({ data: { me: WORKER_USER } });
export const WORKER_WHO = () => ({
  data: { me: { ...WORKER_USER, scopeKind: 'SELF', scopeId: 'sw-1' } },
});

export function visitMatch(over: Partial<VisitMatch> = {}): VisitMatch {
  return {
    id: 'plan-1/hh-1',
    status: 'ACTIVE',
    transitionUntil: null,
    version: 4,
    startedOn: '2025-01-10',
    followUpDue: '2025-12-01',
    overdue: false,
    lastVisitAt: null,
    worker: { id: 'sw-1', name: '李娜' },
    household: {
      id: 'hh-1',
      warningLevel: 'RED',
      identity: { headName: '王秀英', address: '石桥村 1 组' },
      village: { id: 'v1', name: '石桥村' },
      township: { id: 't1', name: '城关镇' },
      members: [
        { id: 'p1', relation: 'HEAD', identity: { name: '王秀英' } },
        { id: 'p2', relation: 'CHILD', identity: { name: '张小明' } },
      ],
      needs: [
        { id: 'n1', kind: 'MEDICAL', description: '慢病用药', status: 'OPEN' },
        { id: 'n2', kind: 'HOUSING', description: '屋顶漏雨', status: 'FULFILLED' },
      ],
    },
    ...over,
  };
}

export function alertRow(id: string, level: WarningLevel, dueAt: string, over: Partial<AlertRow> = {}): AlertRow {
  return {
    id,
    householdId: `hh-${id}`,
    level,
    score: 0.8,
    indicators: ['HOSPITALISATION'],
    raisedAt: '2025-11-20T08:00:00+08:00',
    dueAt,
    status: 'OPEN',
    assignedKind: 'WORKER',
    assignedId: 'sw-1',
    resolvedAt: null,
    resolvedByVisit: null,
    supersededBy: null,
    overdue: false,
    household: {
      id: `hh-${id}`,
      identity: { headName: `户主${id}` },
      village: { id: 'v1', name: '石桥村' },
      township: { id: 't1', name: '城关镇' },
    },
    ...over,
  };
}

export function dayMatch(id: string, followUpDue: string | null, over: Partial<DayMatch> = {}): DayMatch {
  return {
    id: `m-${id}`,
    status: 'ACTIVE',
    version: 1,
    startedOn: '2025-01-01',
    followUpDue,
    overdue: false,
    lastVisitAt: null,
    lastContactAt: null,
    household: {
      id: `hh-${id}`,
      warningLevel: 'NONE',
      identity: { headName: `户主${id}`, address: '' },
      village: { id: 'v1', name: '石桥村' },
      township: { id: 't1', name: '城关镇' },
    },
    ...over,
  };
}

export function connection<T>(nodes: T[]) {
  return {
    totalCount: nodes.length,
    pageInfo: { hasNextPage: false, endCursor: null },
    edges: nodes.map((node, i) => ({ cursor: String(i), node })),
  };
}
