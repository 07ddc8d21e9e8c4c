// The caseload contract as the UI reads it: types derived from the generated operation types
// (src/graphql/), the enum lists from app/enums, and the codes the schema carries as strings.
import type { CaseloadPlanProposalsQuery, CaseloadPlanQuery, CaseloadPlansQuery } from '../../graphql/graphql';
import type { PlanStatus, ProposalKind } from '../../app/enums';

export type { PlanScopeKind, PlanStatus, ProposalKind } from '../../app/enums';
export { PLAN_SCOPE_KINDS, PLAN_STATUSES, PROPOSAL_KINDS } from '../../app/enums';

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
export type PairingReason = (typeof PAIRING_REASONS)[number];
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

export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** Proposals that change something, so that approving them means something. */
export const APPROVABLE_KINDS: ReadonlySet<ProposalKind> = new Set<ProposalKind>(['NEW', 'MOVED']);

/**
 * Statuses in which a (non-what-if) plan can still be approved or rejected: only PROPOSED
 * (approving a selection closes the rest as NOT_SELECTED and the plan as PARTIALLY_APPROVED).
 */
export const DECIDABLE_STATUSES: ReadonlySet<PlanStatus> = new Set<PlanStatus>(['PROPOSED']);

/** PlanProposal.status after a decision: shown on the row. PROPOSED and EXPLAINS are not. */
export const DECIDED_ITEM_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'NOT_SELECTED', 'REJECTED']);

/** The scenario of a what-if plan, as the server stores it (WhatIfInput; snake_case tolerated). */
export interface WhatIf {
  extraWorkers?: { stationId?: string; station_id?: string; count: number }[] | null;
  extra_workers?: { stationId?: string; station_id?: string; count: number }[] | null;
  capFactor?: number | null;
  cap_factor?: number | null;
  workersOnLeave?: string[] | null;
  workers_on_leave?: string[] | null;
}

/** A plan as its page reads it (query CaseloadPlan). */
export type CaseloadPlan = NonNullable<CaseloadPlanQuery['caseloadPlan']>;
export type PlanSummary = NonNullable<CaseloadPlan['summary']>;
export type WorkerLoad = CaseloadPlan['workerLoads'][number];
export type WorkerRef = NonNullable<WorkerLoad['worker']>;
/** A row of the plan list (query CaseloadPlans). */
export type PlanListItem = CaseloadPlansQuery['caseloadPlans']['edges'][number]['node'];
/** A proposal of a plan (query CaseloadPlanProposals). */
export type Proposal = NonNullable<CaseloadPlanProposalsQuery['caseloadPlan']>['proposals']['edges'][number]['node'];
