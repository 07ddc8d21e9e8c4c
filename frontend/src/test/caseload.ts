// Fixtures for the caseload tests: a station, its workers, a plan and its proposals.
import type { CaseloadPlan, Proposal, ProposalKind } from '../features/caseload/types';
import type { BoardWorker } from '../features/caseload/CaseloadPage';
import { STATION_USER } from './render';

export const STATION = { id: 'st-1', name: '城关镇社工站', township: { id: 't1', name: '城关镇' } };

export function boardWorker(id: string, over: Partial<BoardWorker> = {}): BoardWorker {
  return {
    id,
    name: `社工${id}`,
    caseloadLimit: 20,
    currentLoad: 10,
    householdCount: 3,
    reachKm: 8,
    travelMode: 'EBIKE',
    households: [
      { id: `${id}-h1`, warningLevel: 'BLUE', identity: { headName: '张三' } },
      { id: `${id}-h2`, warningLevel: 'RED', identity: { headName: '李四' } },
      { id: `${id}-h3`, warningLevel: 'NONE', identity: null },
    ],
    ...over,
  };
}

export function plan(over: Partial<CaseloadPlan> = {}): CaseloadPlan {
  return {
    id: 'plan-1',
    scopeKind: 'STATION',
    scopeId: STATION.id,
    scopeName: STATION.name,
    status: 'PROPOSED',
    version: 3,
    isWhatIf: false,
    whatIf: null,
    balancePriority: 'TRAVEL_FIRST',
    job: { id: 'job-1', status: 'SUCCEEDED', progress: 1, message: 'done', messageParams: [], error: null },
    createdAt: '2025-11-20T08:30:00+08:00',
    createdBy: 'station',
    solver: 'flow',
    solverVersion: '1.0.0',
    objective: 1234.5,
    bound: 1233.9,
    gap: 0.0012,
    solveSeconds: 0.42,
    inputHash: 'abcdef0123456789',
    restrictedCandidates: true,
    notes: ['1 worker has limit 0'],
    summary: {
      households: 120,
      assigned: 115,
      unassigned: 5,
      newCount: 12,
      movedCount: 3,
      unchangedCount: 100,
      leftOutCount: 5,
      travelKm: 410.2,
      coveredPriority: 980.5,
      todayAssigned: 103,
      todayTravelKm: 455.0,
      todayCoveredPriority: 870,
      moves: 3,
      utilisationMax: 0.95,
      utilisationMin: 0.6,
      utilisationStddev: 0.12,
      balanceExtraTravelPct: 1.8,
    },
    workerLoads: [
      { workerId: 'w1', worker: { id: 'w1', name: '王芳' }, limit: 20, before: 12, after: 19, householdsBefore: 10, householdsAfter: 15 },
      { workerId: 'w2', worker: { id: 'w2', name: '赵强' }, limit: 20, before: 23, after: 18, householdsBefore: 18, householdsAfter: 14 },
    ],
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    supersededBy: null,
    ...over,
  };
}

export function proposal(kind: ProposalKind, id: string, over: Partial<Proposal> = {}): Proposal {
  const base: Proposal = {
    id,
    kind,
    status: kind === 'NEW' || kind === 'MOVED' ? 'PROPOSED' : 'EXPLAINS',
    householdId: `hh-${id}`,
    household: { id: `hh-${id}`, identity: { headName: `户主${id}` }, village: { id: 'v1', name: '石桥村' } },
    warningLevel: 'RED',
    fromWorker: null,
    toWorker: { id: 'w1', name: '王芳' },
    toWorkerId: 'w1',
    distanceKm: 2.4,
    reasons: ['NEAREST_IN_REACH', 'SKILL'],
    nextBestWorker: { id: 'w2', name: '赵强' },
    nextBestExtraKm: 1.3,
    nextBestNote: 'w2 is 1.3 km farther',
    leftOutReason: null,
    leftOutDetail: null,
    whatWouldChange: null,
  };
  if (kind === 'MOVED') {
    base.fromWorker = { id: 'w2', name: '赵强' };
    base.reasons = ['NEARER_ONES_FULL', 'LANGUAGE_MISMATCH'];
  }
  if (kind === 'UNCHANGED') {
    base.fromWorker = { id: 'w1', name: '王芳' };
    base.reasons = ['CONTINUITY'];
  }
  if (kind === 'LEFT_OUT') {
    Object.assign(base, {
      toWorker: null,
      toWorkerId: null,
      distanceKm: null,
      reasons: [],
      // The nearest worker, named on the page (the detail texts carry ids and are not shown).
      nextBestWorker: { id: 'w3', name: '赵六' },
      nextBestExtraKm: 14.2,
      nextBestNote: null,
      leftOutReason: 'NO_WORKER_IN_REACH',
      leftOutDetail: 'nearest worker w3 is 14.2 km away, reach 8 km',
      whatWouldChange: 'w3 with a reach of 14.2 km (another travel mode) or a worker living nearer',
    });
  }
  return { ...base, ...over };
}

export function proposalsPage(nodes: Proposal[], totalCount = nodes.length) {
  return {
    totalCount,
    pageInfo: { hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
    edges: nodes.map((node) => ({ cursor: node.id, node })),
  };
}

export const ME = () => ({ data: { me: STATION_USER } });
