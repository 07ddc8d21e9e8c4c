// TypeScript shapes of the caseload contract (CaseloadPlan and friends), as the UI reads them.
import type { Job, RegionRef, UserErrorShape, WarningLevel } from '../../app/types';

export type PlanStatus =
  | 'COMPUTING'
  | 'PROPOSED'
  | 'APPROVED'
  | 'PARTIALLY_APPROVED'
  | 'REJECTED'
  | 'WHAT_IF'
  | 'FAILED';
export type ProposalKind = 'NEW' | 'MOVED' | 'UNCHANGED' | 'LEFT_OUT';
export type PlanScopeKind = 'STATION' | 'TOWNSHIP' | 'COUNTY';

export const PLAN_STATUSES: PlanStatus[] = [
  'COMPUTING',
  'PROPOSED',
  'APPROVED',
  'PARTIALLY_APPROVED',
  'REJECTED',
  'WHAT_IF',
  'FAILED',
];
export const PROPOSAL_KINDS: ProposalKind[] = ['NEW', 'MOVED', 'UNCHANGED', 'LEFT_OUT'];
export const PLAN_SCOPE_KINDS: PlanScopeKind[] = ['STATION', 'TOWNSHIP', 'COUNTY'];

/** Codes of PlanProposal.reasons. */
export const PAIRING_REASONS = [
  'CONTINUITY',
  'NEAREST_IN_REACH',
  'ONLY_IN_REACH',
  'NEARER_ONES_FULL',
  'BALANCE',
  'SKILL',
  'LANGUAGE',
  'SEX',
  'LANGUAGE_MISMATCH',
  'SEX_MISMATCH',
] as const;
/** Reasons that are a compromise, not a merit: shown in amber. */
export const CAUTION_REASONS: ReadonlySet<string> = new Set(['LANGUAGE_MISMATCH', 'SEX_MISMATCH']);

/** Codes of PlanProposal.leftOutReason. */
export const LEFT_OUT_REASONS = [
  'NO_LOCATION',
  'NO_WORKERS',
  'NO_WORKER_IN_REACH',
  'NO_WORKER_WITH_SKILL',
  'CONFLICT_EXCLUDES_ALL',
  'ALL_IN_REACH_FULL',
] as const;

/** Proposals that change something, so that approving them means something. */
export const APPROVABLE_KINDS: ReadonlySet<ProposalKind> = new Set<ProposalKind>(['NEW', 'MOVED']);

/**
 * Statuses in which a (non-what-if) plan can still be approved or rejected: only PROPOSED
 * (approving a selection closes the rest as NOT_SELECTED and the plan as PARTIALLY_APPROVED).
 */
export const DECIDABLE_STATUSES: ReadonlySet<PlanStatus> = new Set<PlanStatus>(['PROPOSED']);

/** PlanProposal.status after a decision: shown on the row. PROPOSED and EXPLAINS are not. */
export const DECIDED_ITEM_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'NOT_SELECTED', 'REJECTED']);

export interface WorkerRef {
  id: string;
  name: string;
}

export interface PlanSummary {
  households: number;
  assigned: number;
  unassigned: number;
  newCount: number;
  movedCount: number;
  unchangedCount: number;
  leftOutCount: number;
  travelKm: number;
  coveredPriority: number;
  todayAssigned: number;
  todayTravelKm: number;
  todayCoveredPriority: number;
  moves: number;
}

export interface WorkerLoad {
  /** Null for a hypothetical worker of a what-if scenario. */
  worker: WorkerRef | null;
  workerId: string;
  limit: number;
  before: number;
  after: number;
  householdsBefore: number;
  householdsAfter: number;
}

/** The scenario of a what-if plan, as the server stores it (WhatIfInput; snake_case tolerated). */
export interface WhatIf {
  extraWorkers?: { stationId?: string; station_id?: string; count: number }[] | null;
  extra_workers?: { stationId?: string; station_id?: string; count: number }[] | null;
  capFactor?: number | null;
  cap_factor?: number | null;
  workersOnLeave?: string[] | null;
  workers_on_leave?: string[] | null;
}

export interface CaseloadPlan {
  id: string;
  scopeKind: PlanScopeKind;
  scopeId: string;
  scopeName: string;
  status: PlanStatus;
  version: number;
  isWhatIf: boolean;
  whatIf: WhatIf | null;
  job: Job | null;
  createdAt: string;
  createdBy: string | null;
  solver: string | null;
  solverVersion: string | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solveSeconds: number | null;
  inputHash: string | null;
  restrictedCandidates: boolean;
  notes: string[];
  summary: PlanSummary | null;
  workerLoads: WorkerLoad[];
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface PlanListItem {
  id: string;
  scopeKind: PlanScopeKind;
  scopeName: string;
  status: PlanStatus;
  version: number;
  isWhatIf: boolean;
  createdAt: string;
  createdBy: string | null;
  summary: Pick<PlanSummary, 'households' | 'assigned' | 'moves'> | null;
}

export interface Proposal {
  id: string;
  kind: ProposalKind;
  /** PROPOSED | ACTIVE | NOT_SELECTED | REJECTED (NEW, MOVED) or EXPLAINS (UNCHANGED, LEFT_OUT). */
  status: string;
  householdId: string;
  /** Null when the household is no longer visible (deleted, or moved out of your area). */
  household: {
    id: string;
    identity: { headName: string } | null;
    village: RegionRef;
  } | null;
  warningLevel: WarningLevel;
  fromWorker: WorkerRef | null;
  /** Null with a toWorkerId for a hypothetical worker of a what-if scenario. */
  toWorker: WorkerRef | null;
  toWorkerId: string | null;
  distanceKm: number | null;
  reasons: string[];
  nextBestWorker: WorkerRef | null;
  nextBestExtraKm: number | null;
  nextBestNote: string | null;
  leftOutReason: string | null;
  leftOutDetail: string | null;
  whatWouldChange: string | null;
}

export type StalePlanError = UserErrorShape & { __typename: 'StalePlan'; changes: string[] };
export type StaleVersionError = UserErrorShape & { __typename: 'StaleVersion'; currentVersion: number };
export type InvalidInputError = UserErrorShape & {
  __typename: 'InvalidInput';
  errors: { field: string; reason: string; code: string }[];
};
export type PlainError = UserErrorShape & { __typename: 'NotFound' | 'Conflict' };
